#!/usr/bin/env python3
"""Drives Debian's headless Chromium through the web app of a running `neuronutri serve --demo`
(called by scripts/browser-check, which starts the server): signs in as the demo clinician,
imports a patient by pasting a FHIR bundle (a broken one first: its error names the entry) and
opens that patient's page, opens the patient list and a patient page, checks that the trend plots and the assessment
cards rendered, opens the acute stroke demo patient's timeline and what the engine understood
of the record, switches to Russian and to Uzbek Cyrillic and checks translated words, signs
out, signs in as the demo researcher and checks that a patient page is refused (403).
A screenshot of every step is written to the output folder.

When AXE_JS names axe-core's axe.min.js (scripts/browser-check installs it from npm), every
page screenshotted is also checked for accessibility by axe-core in the same Chromium: any
serious or critical violation fails the run (after the walk, listing every one), and all
violations found are written to axe-report.json in the output folder.

Chromium is driven with the DevTools protocol over a pipe (`--remote-debugging-pipe`: file
descriptors 3 and 4, messages separated by NUL bytes), so only the Python standard library is
needed. Any failure, including a browser that does not start, exits 1: nothing is skipped.

    python3 scripts/browser-app.py URL CLINICIAN_PASSWORD RESEARCHER_PASSWORD OUT_DIR [ADMIN_PASSWORD]

With ADMIN_PASSWORD the admin pages are walked (and checked) too.
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
AXE_JS = os.environ.get("AXE_JS")


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

    def axe(self, source):
        """axe-core's violations on the current page: [{id, impact, help, nodes}]."""
        self.js(source + "\n;0")
        result = self.call("Runtime.evaluate", {
            "expression": "axe.run(document, {resultTypes: ['violations']}).then(r => "
                          "r.violations.map(v => ({id: v.id, impact: v.impact, help: v.help, "
                          "nodes: v.nodes.slice(0, 5).map(n => n.target.join(' '))})))",
            "awaitPromise": True, "returnByValue": True})
        if "exceptionDetails" in result:
            fail(f"axe-core failed: {result['exceptionDetails']}")
        return result["result"].get("value") or []

    def click(self, selector):
        """Clicks a button as a user would, and waits for the next page."""
        self.events = [e for e in self.events if e.get("method") != "Page.loadEventFired"]
        self.js(f"document.querySelector({json.dumps(selector)}).click()")
        self.wait_event("Page.loadEventFired")

    def set_file(self, selector, path):
        """Chooses a file in a file input, as the file dialog would."""
        root = self.call("DOM.getDocument", {"depth": 0})["root"]["nodeId"]
        node = self.call("DOM.querySelector", {"nodeId": root, "selector": selector})["nodeId"]
        if not node:
            fail(f"no {selector} on {self.js('location.href')}")
        self.call("DOM.setFileInputFiles", {"nodeId": node, "files": [path]})

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
    if len(sys.argv) not in (5, 6):
        fail("usage: browser-app.py URL CLINICIAN_PASSWORD RESEARCHER_PASSWORD OUT_DIR [ADMIN_PASSWORD]")
    base, clinician_pw, researcher_pw, out = sys.argv[1:5]
    admin_pw = sys.argv[5] if len(sys.argv) == 6 else None
    axe_source = open(AXE_JS, encoding="utf-8").read() if AXE_JS else None
    axe_report = []
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
                if axe_source:
                    violations = chrome.axe(axe_source)
                    axe_report.append({"step": name, "url": chrome.js("location.href"),
                                       "violations": violations})

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

            chrome.goto(f"{base}/sign-in")
            shot("sign-in")

            sign_in("demo-clinician", clinician_pw)
            if "demo-clinician" not in chrome.js("document.body.innerText"):
                fail("the start page after sign-in does not name the user")
            shot("signed-in")

            # Import a patient by pasting a bundle: first a broken one (the API's error is shown
            # and nothing is stored), then a good one, and open the imported patient's page.
            example = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", "examples",
                                                   "ckd4-on-ppi.json"))
            bundle = json.load(open(example, encoding="utf-8"))
            patient = bundle["entry"][0]["resource"]
            patient["id"] = "browser-check-import"
            patient["name"] = [{"family": "Importova", "given": ["Browser"]}]
            chrome.goto(f"{base}/patients/import")
            broken = json.loads(json.dumps(bundle))
            broken["entry"][3]["resource"]["valueQuantity"]["value"] = "low"
            chrome.js(f"document.getElementById('pasted').value = {json.dumps(json.dumps(broken))}")
            chrome.js("document.getElementById('source').value = 'urn:neuronutri:browser-check'")
            chrome.submit("form[action='/patients/import']")
            error = chrome.js("(document.getElementById('import-error') || {}).innerText || ''")
            if "entry[3]" not in error:
                fail(f"a broken bundle's error does not name its entry: {error[:400]!r}")
            shot("import-error")
            chrome.goto(f"{base}/patients?name=Importova")
            if chrome.js("document.querySelectorAll('tbody a[href^=\"/patients/\"]').length") != 0:
                fail("the broken bundle's patient was stored")
            chrome.goto(f"{base}/patients/import")
            chrome.js(f"document.getElementById('pasted').value = {json.dumps(json.dumps(bundle))}")
            chrome.js("document.getElementById('source').value = 'urn:neuronutri:browser-check'")
            chrome.submit("form[action='/patients/import']")
            imported = chrome.js("(document.getElementById('imported-patient') || {}).pathname")
            if not imported:
                fail("importing a pasted bundle did not link the patient: "
                     + chrome.js("document.body.innerText")[:600])
            shot("import-done")
            chrome.goto(f"{base}{imported}")
            text = chrome.js("document.body.innerText")
            imported_cards = chrome.js("document.querySelectorAll('article.card').length")
            imported_plots = chrome.js("document.querySelectorAll('svg.trend circle').length")
            if "Importova" not in text or "Laboratory results" not in text or imported_cards < 1:
                fail(f"the imported patient's page ({imported}) lacks the name, labs or cards: "
                     + text[:600])
            if imported_plots < 2:
                fail(f"the imported patient's trend plots show {imported_plots} of its 2 results")
            shot("imported-patient")
            chrome.goto(f"{base}/patients?name=Importova")
            found = chrome.js("document.querySelectorAll('tbody a[href^=\"/patients/\"]').length")
            if found != 1:
                fail(f"searching the imported patient by name finds {found} patients")

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

            # The acute stroke demo patient: the stroke timeline, then what the engine understood.
            chrome.goto(f"{base}/patients?name=Karimov")
            stroke_href = chrome.js("(document.querySelector('tbody a[href^=\"/patients/\"]') || {}).pathname")
            if not stroke_href:
                fail("the patient list has no Karimov (the acute stroke demo patient)")
            chrome.goto(f"{base}{stroke_href}")
            events = chrome.js("document.querySelectorAll('#stroke-timeline ol.timeline > li').length")
            text = chrome.js("(document.getElementById('stroke-timeline') || {}).innerText || ''")
            if events < 6 or "Stroke onset" not in text or "Assessed at" not in text:
                fail(f"the stroke timeline has {events} entries: {text[:400]!r}")
            chrome.js("document.getElementById('stroke-timeline').scrollIntoView()")
            shot("stroke-timeline")
            chrome.goto(base + chrome.js("document.getElementById('inspect-link').getAttribute('href')"))
            labs = chrome.js("document.querySelectorAll('#inspect-labs tbody tr').length")
            if labs < 3 or "What the engine understood" not in chrome.js("document.querySelector('h1').innerText"):
                fail(f"the inspect page shows {labs} results")
            shot("inspect")

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
            for path, name in [("/patients/import", "import"), ("/knowledge/evidence", "evidence"),
                               ("/knowledge/rules", "rules"), ("/knowledge/sources", "sources"),
                               ("/account", "account")]:
                chrome.goto(f"{base}{path}")
                if chrome.js("document.querySelector('h1').innerText").startswith("Error"):
                    fail(f"{path} answered an error page for the clinician")
                shot(name)
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

            # The research pages: cohort -> columns -> protocol form -> run -> Table 1.
            cohort = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", "examples",
                                                  "hfs-study", "cohort.csv"))
            chrome.goto(f"{base}/research/new")
            if chrome.js("document.querySelector('h1').innerText") != "New study":
                fail("the researcher's upload page did not open")
            chrome.set_file("#file", cohort)
            shot("cohort-upload")
            chrome.submit("#cohort-form")
            columns = chrome.js("document.querySelectorAll('#columns tbody tr').length")
            if columns != 13:
                fail(f"the columns page lists {columns} columns of cohort.csv, expected 13: "
                     + chrome.js("document.body.innerText")[:600])
            types = chrome.js("""Object.fromEntries([...document.querySelectorAll('#columns tbody tr')]
                .map(r => [r.querySelector('th').innerText, r.querySelectorAll('td')[1].innerText]))""")
            if types.get("age") != "number" or types.get("sex") != "text":
                fail(f"detected types: {types}")
            shot("cohort-columns")
            chrome.js("""(() => {
                const wanted = {sex: ['Sex', '', ''], age: ['Age', 'years', '1'],
                                b12_pg_ml: ['Vitamin B12', 'pg/mL', '0'],
                                cortisol_nmol_l: ['Cortisol', 'nmol/L', '0']};
                document.getElementById('title').value = 'Hemifacial spasm, web protocol';
                document.getElementById('label_a').value = 'HFS';
                document.getElementById('label_b').value = 'Controls';
                for (const row of document.querySelectorAll('#variables tbody tr')) {
                    const name = row.querySelector('th').innerText;
                    const w = wanted[name];
                    row.querySelector('input[type=checkbox]').checked = !!w;
                    if (!w) continue;
                    row.querySelector('input[name$=_label]').value = w[0];
                    row.querySelector('input[name$=_unit]').value = w[1];
                    row.querySelector('input[name$=_decimals]').value = w[2];
                }
                document.getElementById('char_summary').value = 'mean_sd';
                document.getElementById('cor_on').checked = true;
                document.getElementById('cor_within').value = 'a';
            })()""")
            shot("protocol-form")
            chrome.click("#run-study")
            if not chrome.js("location.pathname").startswith("/research/studies/"):
                fail("running the protocol did not open the study page: "
                     + chrome.js("document.body.innerText")[:800])
            table1 = chrome.js("(document.getElementById('table1') || {}).innerText")
            if not table1 or not table1.startswith("Table 1."):
                fail(f"the study page has no Table 1 (first table: {table1!r})")
            table1_rows = chrome.js("document.querySelectorAll('#table1 ~ .wide tbody tr').length")
            text = chrome.js("document.body.innerText")
            for word in ["Age, years", "Vitamin B12, pg/mL", "HFS", "Controls", "Table 2.", "Table 3."]:
                if word not in text:
                    fail(f"the study page lacks '{word}'")
            figures = chrome.js("""[...document.querySelectorAll('img.report-figure')]
                .filter(i => i.complete && i.naturalWidth > 100).length""")
            if figures < 1:
                fail("the study page shows no figure")
            shot("study-report")
            study_path = chrome.js("location.pathname")
            for tag, words in [("ru", ["Исследования", "Таблицы", "Файлы отчёта"]),
                               ("uz-Cyrl", ["Тадқиқотлар", "Жадваллар", "Ҳисобот файллари"])]:
                chrome.goto(f"{base}/lang/{tag}?next={study_path}")
                text = chrome.js("document.body.innerText")
                for word in words:
                    if word not in text:
                        fail(f"the study page in {tag} lacks '{word}'")
                shot(f"study-{tag.lower()}")
            chrome.goto(f"{base}/lang/en?next={study_path}")

            chrome.goto(f"{base}/research/audit")
            chrome.js("""(() => {
                const set = (n, v) => { document.querySelector(`[name="${n}"]`).value = v; };
                set('title', 'Uzakov et al., hemifacial spasm');
                set('c0_name', 'Vitamin B12'); set('c0_group_a', 'HFS'); set('c0_group_b', 'control');
                set('c0_mean_a', '317'); set('c0_sd_a', '54'); set('c0_n_a', '62');
                set('c0_mean_b', '458'); set('c0_sd_b', '62'); set('c0_n_b', '40'); set('c0_p', '<0.001');
                set('r0_name', 'B12 ~ spasm frequency'); set('r0_r', '-0.52'); set('r0_n', '62');
                set('r0_p', '<0.01');
            })()""")
            chrome.click("#run-audit")
            if not chrome.js("!!document.getElementById('audit-result')"):
                fail("the summary audit shows no result: " + chrome.js("document.body.innerText")[:800])
            shot("summary-audit")

            if admin_pw:
                chrome.submit("form[action='/sign-out']")
                sign_in("demo-admin", admin_pw)
                for path in ["/admin/users", "/admin/tokens", "/admin/audit", "/admin/cds"]:
                    chrome.goto(f"{base}{path}")
                    if chrome.js("document.querySelector('h1').innerText").startswith("Error"):
                        fail(f"{path} answered an error page for the admin")
                    shot("admin-" + path.rsplit("/", 1)[1])
        finally:
            chrome.close()
    if axe_source:
        with open(os.path.join(out, "axe-report.json"), "w", encoding="utf-8") as f:
            json.dump(axe_report, f, indent=1, ensure_ascii=False)
        serious = [(page["step"], v) for page in axe_report for v in page["violations"]
                   if v["impact"] in ("serious", "critical")]
        minor = sum(len(page["violations"]) for page in axe_report) - len(serious)
        for step, v in serious:
            print(f"axe-core: {step}: {v['impact']} {v['id']}: {v['help']} at {v['nodes']}",
                  file=sys.stderr)
        if serious:
            fail(f"{len(serious)} serious or critical accessibility violations (axe-core) on "
                 f"{len(axe_report)} pages; all violations in {out}/axe-report.json")
        print(f"axe-core on {len(axe_report)} pages: no serious or critical violations "
              f"({minor} moderate or minor, listed in {out}/axe-report.json)")
    print(f"web app in headless Chromium: signed in, imported a pasted bundle (a broken one "
          f"refused with its entry named) and opened the patient ({imported_cards} cards), "
          f"patient page with {plots} trend plots and "
          f"{cards} cards, Russian and Uzbek Cyrillic, researcher refused (403); cohort of "
          f"{columns} columns -> protocol -> study with Table 1 ({table1_rows} rows) and "
          f"{figures} figures; summary audit; screenshots: "
          + ", ".join(steps))


main()
