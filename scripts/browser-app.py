#!/usr/bin/env python3
"""Drives Debian's headless Chromium through the web app of a running `neuronutri serve --demo`
(called by scripts/browser-check, which starts the server): signs in as the demo clinician,
opens the patient list and a patient page, checks that the trend plots and the assessment
cards rendered, switches to Russian and to Uzbek Cyrillic and checks translated words, signs
out, signs in as the demo researcher and checks that a patient page is refused (403).
A screenshot of every step is written to the output folder.

Chromium is driven with the DevTools protocol over a pipe (`--remote-debugging-pipe`: file
descriptors 3 and 4, messages separated by NUL bytes), so only the Python standard library is
needed. Any failure, including a browser that does not start, exits 1: nothing is skipped.

    python3 scripts/browser-app.py URL CLINICIAN_PASSWORD RESEARCHER_PASSWORD OUT_DIR
"""
import base64
import fcntl
import json
import os
import select
import subprocess
import sys
import tempfile
import time

TIMEOUT = 60


def fail(message):
    print(f"scripts/browser-app.py: {message}", file=sys.stderr)
    sys.exit(1)


class Chromium:
    def __init__(self, profile, log):
        to_chrome_r, to_chrome_w = os.pipe()
        from_chrome_r, from_chrome_w = os.pipe()

        def plumb():
            # Move both ends above any descriptor we are about to overwrite, then onto 3 and 4.
            a = fcntl.fcntl(to_chrome_r, fcntl.F_DUPFD, 20)
            b = fcntl.fcntl(from_chrome_w, fcntl.F_DUPFD, 20)
            os.dup2(a, 3)
            os.dup2(b, 4)

        flags = [
            "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
            "--disable-background-networking", "--disable-component-update", "--disable-sync",
            "--hide-scrollbars", "--window-size=1280,900", f"--user-data-dir={profile}",
            "--remote-debugging-pipe", "about:blank",
        ]
        try:
            self.proc = subprocess.Popen(
                ["chromium", *flags], stdin=subprocess.DEVNULL, stdout=log, stderr=log,
                preexec_fn=plumb, pass_fds=(3, 4))
        except OSError as e:
            fail(f"chromium cannot start: {e}")
        os.close(to_chrome_r)
        os.close(from_chrome_w)
        self.out = to_chrome_w
        self.inp = from_chrome_r
        self.buffer = b""
        self.next_id = 0
        self.events = []
        self.session = None

    def _read_message(self, deadline):
        while b"\0" not in self.buffer:
            left = deadline - time.time()
            if left <= 0:
                fail("chromium did not answer in time (see chromium-app.log)")
            ready, _, _ = select.select([self.inp], [], [], left)
            if not ready:
                continue
            chunk = os.read(self.inp, 1 << 20)
            if not chunk:
                fail("chromium closed the DevTools pipe (it did not start or crashed; see chromium-app.log)")
            self.buffer += chunk
        message, self.buffer = self.buffer.split(b"\0", 1)
        return json.loads(message)

    def call(self, method, params=None, session=True):
        self.next_id += 1
        message = {"id": self.next_id, "method": method, "params": params or {}}
        if session and self.session:
            message["sessionId"] = self.session
        os.write(self.out, json.dumps(message).encode() + b"\0")
        deadline = time.time() + TIMEOUT
        while True:
            reply = self._read_message(deadline)
            if reply.get("id") == self.next_id:
                if "error" in reply:
                    fail(f"{method}: {reply['error']}")
                return reply.get("result", {})
            self.events.append(reply)

    def wait_event(self, name):
        deadline = time.time() + TIMEOUT
        while True:
            for i, event in enumerate(self.events):
                if event.get("method") == name and event.get("sessionId") == self.session:
                    del self.events[i]
                    return event
            self.events.append(self._read_message(deadline))

    def open_tab(self):
        target = self.call("Target.createTarget", {"url": "about:blank"}, session=False)
        attached = self.call("Target.attachToTarget",
                             {"targetId": target["targetId"], "flatten": True}, session=False)
        self.session = attached["sessionId"]
        self.call("Page.enable")

    def js(self, expression):
        result = self.call("Runtime.evaluate", {"expression": expression, "returnByValue": True})
        if "exceptionDetails" in result:
            fail(f"script failed: {expression}: {result['exceptionDetails']}")
        return result["result"].get("value")

    def goto(self, url):
        self.events = [e for e in self.events if e.get("method") != "Page.loadEventFired"]
        self.call("Page.navigate", {"url": url})
        self.wait_event("Page.loadEventFired")

    def submit(self, selector):
        """Submits a form as a user would (its own button), and waits for the next page."""
        self.events = [e for e in self.events if e.get("method") != "Page.loadEventFired"]
        self.js(f"document.querySelector({json.dumps(selector)}).requestSubmit()")
        self.wait_event("Page.loadEventFired")

    def viewport_screenshot(self, path):
        """The first screen only (what a reader sees on opening the page)."""
        shot = self.call("Page.captureScreenshot", {"format": "png"})
        with open(path, "wb") as f:
            f.write(base64.b64decode(shot["data"]))

    def screenshot(self, path):
        metrics = self.call("Page.getLayoutMetrics")
        height = int(min(metrics["cssContentSize"]["height"], 8000))
        self.call("Emulation.setDeviceMetricsOverride",
                  {"width": 1280, "height": max(height, 600), "deviceScaleFactor": 1, "mobile": False})
        shot = self.call("Page.captureScreenshot", {"format": "png"})
        self.call("Emulation.clearDeviceMetricsOverride")
        with open(path, "wb") as f:
            f.write(base64.b64decode(shot["data"]))
        size = os.path.getsize(path)
        if size < 20000:
            fail(f"{path} is only {size} bytes: a blank page?")
        return size

    def close(self):
        try:
            os.write(self.out, json.dumps({"id": 0, "method": "Browser.close"}).encode() + b"\0")
        except OSError:
            pass
        try:
            self.proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.proc.kill()


def main():
    if len(sys.argv) != 5:
        fail("usage: browser-app.py URL CLINICIAN_PASSWORD RESEARCHER_PASSWORD OUT_DIR")
    base, clinician_pw, researcher_pw, out = sys.argv[1:]
    base = base.rstrip("/")
    steps = []
    with tempfile.TemporaryDirectory() as profile, open(os.path.join(out, "chromium-app.log"), "wb") as log:
        chrome = Chromium(profile, log)
        try:
            chrome.call("Browser.getVersion", session=False)
            chrome.open_tab()

            def shot(name):
                path = os.path.join(out, f"web-{len(steps) + 1:02d}-{name}.png")
                size = chrome.screenshot(path)
                steps.append(f"{os.path.basename(path)} ({size} bytes)")

            def sign_in(user, password):
                chrome.goto(f"{base}/sign-in")
                chrome.js(f"document.getElementById('username').value = {json.dumps(user)}")
                chrome.js(f"document.getElementById('password').value = {json.dumps(password)}")
                chrome.submit("form[action='/sign-in']")
                if chrome.js("location.pathname") != "/":
                    fail(f"sign-in as {user} did not land on the start page: {chrome.js('location.href')}")

            chrome.goto(f"{base}/")
            if "Demo accounts" not in chrome.js("document.body.innerText"):
                fail("the start page does not list the demo accounts")
            shot("start")

            sign_in("demo-clinician", clinician_pw)
            if "demo-clinician" not in chrome.js("document.body.innerText"):
                fail("the start page after sign-in does not name the user")
            shot("signed-in")

            chrome.goto(f"{base}/patients")
            rows = chrome.js("document.querySelectorAll('tbody tr').length")
            if not rows or rows < 10:
                fail(f"the patient list shows {rows} patients, expected the 12 demo patients")
            shot("patients")

            href = chrome.js("document.querySelector('tbody a[href^=\"/patients/\"]').getAttribute('href')")
            chrome.goto(f"{base}{href}")
            plots = chrome.js("document.querySelectorAll('svg.trend').length")
            circles = chrome.js("document.querySelectorAll('svg.trend circle').length")
            cards = chrome.js("document.querySelectorAll('article.card').length")
            width = chrome.js("Math.round(document.querySelector('svg.trend').getBoundingClientRect().width)")
            if plots < 1 or circles < 3:
                fail(f"the patient page has {plots} trend plots with {circles} points")
            if not width or width < 200:
                fail(f"the first trend plot is {width} px wide: not rendered")
            if cards < 1:
                fail("the patient page has no assessment cards")
            if "Laboratory results" not in chrome.js("document.body.innerText"):
                fail("the patient page has no labs table")
            shot("patient")
            chrome.viewport_screenshot(os.path.join(out, "web-patient-first-screen.png"))

            chrome.goto(f"{base}/lang/ru?next={href}")
            if chrome.js("document.documentElement.lang") != "ru":
                fail("switching to Russian did not change the page language")
            text = chrome.js("document.body.innerText")
            for word in ["Лабораторные результаты", "Оценка", "Динамика"]:
                if word not in text:
                    fail(f"the Russian patient page lacks '{word}'")
            shot("patient-ru")

            chrome.goto(f"{base}/lang/uz-Cyrl?next={href}")
            if chrome.js("document.documentElement.lang") != "uz-Cyrl":
                fail("switching to Uzbek Cyrillic did not change the page language")
            text = chrome.js("document.body.innerText")
            for word in ["Лаборатория натижалари", "Баҳолаш"]:
                if word not in text:
                    fail(f"the Uzbek Cyrillic patient page lacks '{word}'")
            shot("patient-uz-cyrl")

            chrome.goto(f"{base}/lang/en?next=/")
            chrome.submit("form[action='/sign-out']")
            if chrome.js("location.pathname") != "/sign-in":
                fail("signing out did not lead to the sign-in page")

            sign_in("demo-researcher", researcher_pw)
            chrome.goto(f"{base}{href}")
            heading = chrome.js("document.querySelector('h1').innerText")
            if "403" not in heading:
                fail(f"the researcher was not refused the patient page: '{heading}'")
            if chrome.js("document.querySelectorAll('svg.trend, article.card').length") != 0:
                fail("the refusal page shows patient data")
            shot("researcher-refused")
        finally:
            chrome.close()
    print(f"web app in headless Chromium: signed in, patient page with {plots} trend plots and "
          f"{cards} cards, Russian and Uzbek Cyrillic, researcher refused (403); screenshots: "
          + ", ".join(steps))


main()
