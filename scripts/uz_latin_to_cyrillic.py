#!/usr/bin/env python3
"""The mechanical first draft of locales/uz-Cyrl.ftl from locales/uz.ftl.

Uzbek Latin and Cyrillic map letter for letter except where they do not: digraphs (sh, ch,
oʻ, gʻ, ye, yo, yu, ya), `e` that is `э` at the start of a word and after a vowel, `ʼ` that is
`ъ`, and Russian loanwords that Cyrillic Uzbek writes as Russian does (ц, ь: инсульт,
коррекция, ацетилсалицил, ммоль/л). The word list below carries the loanwords the catalogue
uses. Acronyms (NICE, BNF, CKD-EPI), output codes, authors' names and Fluent syntax (message
ids, variables, variant keys) are left as they are.

This is a draft, not the catalogue: a reviewer reads every line of the output and corrects it
as a clinician writes Cyrillic Uzbek; the committed uz-Cyrl.ftl is the reviewed text.

    python3 scripts/uz_latin_to_cyrillic.py < excerpt-of-uz.ftl     # print a draft
    python3 scripts/uz_latin_to_cyrillic.py --sync                   # update uz-Cyrl.ftl

`--sync` drafts every message of uz.ftl that uz-Cyrl.ftl lacks (in uz.ftl's order, after the
message that precedes it there), and drops messages uz.ftl no longer has; it prints what it
drafted, for review. A message whose Latin text changed is not detected: redraft it by hand.
"""
import re
import sys

# Words (or stems) written as in Russian, matched at the start of a word, longest first.
LOANS = {
    "insult": "инсульт",
    "sulfat": "сульфат",
    "mmol": "ммоль",
    "mkmol": "мкмоль",
    "pmol": "пмоль",
    "nmol": "нмоль",
    "mol": "моль",
    "sirroz": "цирроз",
    "sianokobalamin": "цианокобаламин",
    "sitrat": "цитрат",
    "gemifasial": "гемифациал",
    "korreksiya": "коррекция",
    "funksiya": "функция",
    "neyroproteksiya": "нейропротекция",
    "infeksiya": "инфекция",
    "konsentratsiya": "концентрация",
    "validatsiya": "валидация",
    "korrelyatsiya": "корреляция",
    "randomizatsiya": "рандомизация",
    "tetratsiklin": "тетрациклин",
    "penitsillamin": "пеницилламин",
    "atsetilsalitsil": "ацетилсалицил",
    "gomotsistein": "гомоцистеин",
    "assit": "асцит",
    "kalsiy": "кальций",
    "ultra": "ульт",
    "pulsi": "пульси",
    "pilot": "пилот",
    "meta-tahlil": "мета-таҳлил",
    "elektrokardiogramma": "электрокардиограмма",
    "profilaktika": "профилактика",
    "spetsifik": "специфик",
    "spetsialist": "мутахассис",
    "aritmiya": "аритмия",
    "preeklampsiya": "преэклампсия",
    "eklampsiya": "эклампсия",
    "intensiv": "интенсив",
    "reanimatsiya": "реанимация",
    "laksativ": "лаксатив",
    "antatsid": "антацид",
    "digoksin": "дигоксин",
    "sindrom": "синдром",
    "inyeksiya": "инъекция",
    "fibrillyatsiya": "фибрилляция",
}

KEEP = {
    # authors and trials, as cited
    "Amighi", "Costello", "Dong", "Temkin", "Bagis", "Park", "Lam", "Beck", "Cochrane",
    "FAST-MAG", "IMAGES",
}

# Uzbek acronyms and proper names that have their own Cyrillic spelling.
NAMES = {
    "NX": "НХ", "KFT": "КФТ", "GFS": "ГФС", "Batalinskaya": "Баталинская", "Donat": "Донат",
    "Lisogorsk": "Лысогорск",
}

LETTERS = {
    "a": "а", "b": "б", "d": "д", "e": "е", "f": "ф", "g": "г", "h": "ҳ", "i": "и",
    "j": "ж", "k": "к", "l": "л", "m": "м", "n": "н", "o": "о", "p": "п", "q": "қ",
    "r": "р", "s": "с", "t": "т", "u": "у", "v": "в", "x": "х", "y": "й", "z": "з",
    "c": "ц", "w": "в",
}
DIGRAPHS = [
    ("oʻ", "ў"), ("gʻ", "ғ"), ("o'", "ў"), ("g'", "ғ"), ("sh", "ш"), ("ch", "ч"),
    ("yoʻ", "йў"), ("yo", "ё"), ("yu", "ю"), ("ya", "я"), ("ye", "е"), ("ts", "ц"),
]
VOWELS = set("aeiouаеиоуўэюяё")


def word(w: str) -> str:
    if w in NAMES:
        return NAMES[w]
    if w in KEEP or (len(w) > 1 and w.isupper()) or any(c.isdigit() for c in w):
        return w
    lower = w.lower()
    cap = w[0].isupper()
    for stem in sorted(LOANS, key=len, reverse=True):
        if lower.startswith(stem):
            rest = word(lower[len(stem):]) if len(lower) > len(stem) else ""
            out = LOANS[stem] + rest
            return out[0].upper() + out[1:] if cap else out
    out = []
    i = 0
    while i < len(lower):
        # The suffixes -siz and -sa after a stem in t are т + с, not ц (vaqtsiz, koʻrsatsa).
        if lower.startswith("tsiz", i) or lower[i:] == "tsa":
            out.append("тс")
            i += 2
            continue
        for lat, cyr in sorted(DIGRAPHS, key=lambda d: -len(d[0])):
            if lower.startswith(lat, i):
                out.append(cyr)
                i += len(lat)
                break
        else:
            c = lower[i]
            if c == "ʼ":
                out.append("ъ")
            elif c == "e" and (i == 0 or lower[i - 1] in VOWELS):
                out.append("э")
            else:
                out.append(LETTERS.get(c, c))
            i += 1
    text = "".join(out)
    return text[0].upper() + text[1:] if cap and text else text


PROTECT = re.compile(
    r"(\{ *\$[A-Za-z0-9_-]+ *\}|\{ *\$[A-Za-z0-9_-]+ *->|\{ *\"[^\"]*\" *\}|^\s*\*?\[[^\]]+\]"
    r"|[A-Z][A-Z0-9_]*\.[A-Z0-9_]+|\b[nrz] ?=|https?://\S+)"
)
WORD = re.compile(r"[A-Za-z][A-Za-z0-9ʻʼ'’]*(?:-[A-Za-z]+)*")


def text(segment: str) -> str:
    def one(m):
        w = m.group(0).replace("’", "ʼ")
        if "-" in w and w not in KEEP and not w.isupper():
            return "-".join(word(p) for p in w.split("-"))
        return word(w)

    return WORD.sub(one, segment)


def line(l: str) -> str:
    if l.startswith("#"):
        return l
    m = re.match(r"^([a-z][a-z0-9_-]*) = ", l)
    head, body = (m.group(0), l[m.end():]) if m else ("", l)
    parts = PROTECT.split(body)
    return head + "".join(p if i % 2 else text(p) for i, p in enumerate(parts))


def blocks(text):
    """Messages by id, each as its lines (the id line and the indented lines after it)."""
    out, order, current = {}, [], None
    for l in text.split("\n"):
        m = re.match(r"^([a-z][a-z0-9_-]*) = ", l)
        if m:
            current = m.group(1)
            out[current] = [l]
            order.append(current)
        elif current and l.startswith(" "):
            out[current].append(l)
        else:
            current = None
    return out, order


def sync(locales):
    latin = open(f"{locales}/uz.ftl", encoding="utf-8").read()
    path = f"{locales}/uz-Cyrl.ftl"
    cyrillic = open(path, encoding="utf-8").read()
    lb, order = blocks(latin)
    cb, corder = blocks(cyrillic)
    for i in (i for i in corder if i not in lb):
        cyrillic = cyrillic.replace("\n".join(cb.pop(i)) + "\n", "")
        print(f"# dropped {i}")
    for k, i in enumerate(order):
        if i in cb:
            continue
        draft = [line(l) for l in lb[i]]
        before = next((order[j] for j in range(k - 1, -1, -1) if order[j] in cb), None)
        if before:
            anchor = "\n".join(cb[before])
            cyrillic = cyrillic.replace(anchor, anchor + "\n" + "\n".join(draft), 1)
        else:
            cyrillic = cyrillic.rstrip("\n") + "\n" + "\n".join(draft) + "\n"
        cb[i] = draft
        print("\n".join(draft))
    open(path, "w", encoding="utf-8").write(cyrillic)


if __name__ == "__main__":
    if sys.argv[1:] == ["--sync"]:
        import os
        here = os.path.dirname(os.path.abspath(__file__))
        sync(os.path.join(here, "..", "crates", "neuronutri-knowledge", "locales"))
    else:
        for l in sys.stdin:
            sys.stdout.write(line(l.rstrip("\n")) + "\n")
