#!/usr/bin/env python3
"""Writes the screening test extract and its expected results, computed independently of
neuronutri with pandas and statsmodels.

    pip install pandas==2.2.3 statsmodels==0.14.4
    python3 scripts/screen/make_fixture.py

Writes crates/neuronutri-screen/tests/data/: labs.csv, patients.csv, medications.csv (a
seeded random extract plus hand-made rows at every threshold and unit), the same extract as a
real one might look (labs_mapped.csv with other column names, local codes, ';' and sex coded
1/2, with mapping.toml), and expected.json: per analyte and group the patients tested, the
count of each class, the prevalence and the Wilson 95 % interval
(statsmodels.stats.proportion.proportion_confint, method="wilson"); the excluded rows by
reason; and the "at risk, never tested" counts.

The rules are re-implemented here from KNOWLEDGE.md (thresholds, conversions, plausibility
limits), not read from the Rust code: the test compares two implementations.
"""
import json
import os
import random
from datetime import date, timedelta
from statistics import NormalDist

import pandas as pd
from statsmodels.stats.proportion import proportion_confint

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
OUT = os.path.join(ROOT, "crates", "neuronutri-screen", "tests", "data")

# --- KNOWLEDGE.md -------------------------------------------------------------------------
CODES = {"19123-9": "mg", "2601-3": "mg", "2132-9": "b12", "14685-2": "b12", "72160-5": "holotc"}
UNITS = {  # canonical = value x factor; units compared case-insensitively after normalising
    "mg": {"mmol/l": 1.0, "mg/dl": 10.0 / 24.305, "meq/l": 0.5, "mg/l": 1.0 / 24.305},
    "b12": {"pmol/l": 1.0, "pg/ml": 0.738, "ng/l": 0.738},
    "holotc": {"pmol/l": 1.0},
}
PLAUSIBLE_MAX = {"mg": 10.0, "b12": 50000.0, "holotc": 50000.0}
MG_LOWER, MG_UPPER, MG_OPTIMAL, MG_SEVERE = 0.75, 0.95, 0.85, 0.50
B12_DEFICIENT, B12_INDETERMINATE = 180 * 0.738, 350 * 0.738  # 132.84, 258.3 (NICE NG239)
HOLOTC_DEFICIENT, HOLOTC_INDETERMINATE = 25.0, 70.0
PPI_MG_DAYS, PPI_B12_DAYS, OLD_AGE = 90, 730, 65
CLASSES = {
    "mg": ["low", "severe", "below_optimal", "high"],
    "b12": ["deficient", "indeterminate"],
    "holotc": ["deficient", "indeterminate"],
}
PERIOD = (date(2023, 1, 1), date(2024, 12, 31))
BY = ["site", "sex", "age_band", "year"]
EDGES = [0, 18, 45, 65, 75, 85]


def cmp(value, threshold):
    """-1, 0, 1: values within a relative 1e-9 are equal (KNOWLEDGE.md principle 9)."""
    tol = 1e-9 * max(abs(value), abs(threshold), 1e-300)
    if abs(value - threshold) <= tol:
        return 0
    return -1 if value < threshold else 1


def norm_unit(unit):
    u = unit.strip().replace("µ", "u").replace("μ", "u")
    if u in ("mEq/L", "meq/l", "mEq/l"):
        u = "meq/L"
    return u.lower()


def classes(analyte, v, lo, hi):
    if analyte == "mg":
        lower = lo if lo is not None else MG_LOWER
        upper = hi if hi is not None else MG_UPPER
        low = cmp(v, lower) < 0
        return {
            "low": low,
            "severe": cmp(v, MG_SEVERE) < 0,
            "below_optimal": (not low) and cmp(v, MG_OPTIMAL) < 0,
            "high": cmp(v, upper) > 0,
        }
    if analyte == "b12":
        lower = lo if lo is not None else B12_DEFICIENT
        deficient = cmp(v, lower) < 0
        return {"deficient": deficient, "indeterminate": (not deficient) and cmp(v, B12_INDETERMINATE) <= 0}
    deficient = cmp(v, HOLOTC_DEFICIENT) < 0
    return {"deficient": deficient, "indeterminate": (not deficient) and cmp(v, HOLOTC_INDETERMINATE) <= 0}


def parse_day(text):
    if text == "":
        return None
    return date.fromisoformat(text[:10])


def age_at(birth, day):
    if birth is None or day is None or birth.year < 1900:
        return None
    return day.year - birth.year - ((day.month, day.day) < (birth.month, birth.day))


def band(age):
    if age is None or age < 0 or age > 120:
        return "unknown"
    label = None
    for i, lo in enumerate(EDGES):
        if age >= lo:
            label = f"{lo}-{EDGES[i + 1] - 1}" if i + 1 < len(EDGES) else f"{lo}+"
    return label


# The European Standard Population 2013 (Eurostat's 2013 revision, KS-RA-13-028): weights of
# the 5-year age bands 0-4, 5-9, ..., 85-89, 90+, as tabulated in UKHSA's PHEindicatormethods
# (R/data.R, esp2013).
ESP2013 = [5000, 5500, 5500, 5500, 6000, 6000, 6500, 7000, 7000, 7000, 7000, 6500, 6000, 5500,
           5000, 4000, 2500, 1500, 1000]
Z95 = NormalDist().inv_cdf(0.975)


def esp_band(age):
    if age is None or age < 0 or age > 120:
        return None
    return min(age // 5, 18)


def standardised(frame, analyte, one_sex):
    """Direct standardisation to ESP 2013: within one sex over the age bands; else over age
    band x sex (female, male), each sex weighted half. Strata without a tested patient are left
    out and the weights of the others rescaled (weight_covered says how much of the standard
    they hold). 95 % CI: the normal approximation, var = sum W^2 p (1 - p) / n."""
    f = frame[frame["esp"].notna()]
    if not one_sex:
        f = f[f["sex"].isin(["female", "male"])]
    keys = ["esp"] if one_sex else ["esp", "sex"]
    strata = []
    for key, g in f.groupby(keys, sort=True):
        b = int(key if one_sex else key[0]) if not isinstance(key, tuple) else int(key[0])
        w = ESP2013[b] if one_sex else ESP2013[b] / 2
        strata.append((w, g))
    covered = sum(w for w, _ in strata)
    out = {"tested": int(len(f)), "not_standardised": int(len(frame) - len(f)),
           "weight_covered": covered / sum(ESP2013), "classes": {}}
    for i, k in enumerate(CLASSES[analyte]):
        if not strata:
            out["classes"][k] = {}
            continue
        rate = var = 0.0
        for w, g in strata:
            n = len(g)
            x = int(g["flags"].map(lambda fl: bool(int(fl) & (1 << i))).sum())
            p = x / n
            W = w / covered
            rate += W * p
            var += W * W * p * (1 - p) / n
        half = Z95 * var ** 0.5
        out["classes"][k] = {"rate": rate, "ci95": [max(0.0, rate - half), min(1.0, rate + half)]}
    return out


SEX = {"female": "female", "Female": "female", "FEMALE": "female", "F": "female", "f": "female",
       "male": "male", "Male": "male", "MALE": "male", "M": "male", "m": "male",
       "other": "other", "Other": "other", "OTHER": "other"}


# --- the extract ----------------------------------------------------------------------------
def make_extract():
    rng = random.Random(14)
    patients, labs, meds = [], [], []
    sites = ["north", "south", "east"]
    n = 240
    for i in range(1, n + 1):
        pid = f"P{i:04d}"
        birth = date(1930, 1, 1) + timedelta(days=rng.randrange(0, 365 * 85))
        sex = rng.choice(["F", "M", "female", "male", "F", "M", "other", ""])
        deceased = ""
        if i % 53 == 0:
            deceased = "2022-06-30"  # died before the period
        patients.append([pid, birth.isoformat(), sex, deceased])
        for _ in range(rng.randrange(0, 7)):
            code = rng.choice(["19123-9", "2601-3", "19123-9", "2132-9", "14685-2", "72160-5", "2951-2"])
            day = date(2022, 6, 1) + timedelta(days=rng.randrange(0, 1000))
            stamp = day.isoformat() if rng.random() < 0.8 else day.isoformat() + "T08:30:00"
            site = rng.choice(sites)
            lo = hi = ""
            if code in ("19123-9", "2601-3"):
                unit = rng.choice(["mmol/L", "mmol/L", "mg/dL", "mEq/L"])
                v = rng.gauss(0.82, 0.12)
                value = {"mmol/L": v, "mg/dL": v * 24.305 / 10, "mEq/L": v * 2}[unit]
                value = round(value, 2)
                if rng.random() < 0.2:
                    lo, hi = ("0.70", "1.00") if unit == "mmol/L" else ("", "")
            elif code in ("2132-9", "14685-2"):
                unit = rng.choice(["pg/mL", "pmol/L", "ng/L"])
                v = rng.lognormvariate(5.7, 0.45)
                value = round(v if unit == "pmol/L" else v / 0.738)
                if rng.random() < 0.15 and unit == "pg/mL":
                    lo = "200"
            elif code == "72160-5":
                unit = "pmol/L"
                value = round(rng.lognormvariate(4.0, 0.5), 1)
            else:
                unit, value = "mmol/L", round(rng.gauss(140, 3))
            labs.append([pid, code, str(value), unit, stamp, lo, hi, site])
        for _ in range(rng.randrange(0, 3)):
            drug = rng.choice([
                ("A02BC01", "omeprazole 20 mg"), ("", "Pantoprazol 40 mg"), ("C03CA01", "furosemide"),
                ("C03AA03", "hydrochlorothiazide"), ("A10BA02", "metformin 500 mg"), ("C09AA05", "ramipril"),
                ("", "Metformin"), ("a02bc02", "pantoprazole"),
            ])
            start = date(2020, 1, 1) + timedelta(days=rng.randrange(0, 1800))
            end = "" if rng.random() < 0.5 else (start + timedelta(days=rng.randrange(10, 900))).isoformat()
            meds.append([pid, drug[0], drug[1], start.isoformat(), end])
    # Hand-made rows at every threshold and unit (patients H01..), each alone on its analyte.
    edge = [
        # Mg: exactly the lower limit (below optimal, not low), just below, in mg/dL and mg/L
        ("19123-9", "0.75", "mmol/L", "", ""), ("19123-9", "0.7499999", "mmol/L", "", ""),
        ("19123-9", "1.82", "mg/dL", "", ""), ("2601-3", "18.2", "mg/L", "", ""),
        ("19123-9", "1.5", "meq/L", "", ""), ("19123-9", "0.50", "mmol/L", "", ""),
        ("19123-9", "0.4999", "mmol/L", "", ""), ("19123-9", "0.85", "mmol/L", "", ""),
        ("19123-9", "0.8499", "mmol/L", "", ""), ("19123-9", "0.95", "mmol/L", "", ""),
        ("19123-9", "0.9500001", "mmol/L", "", ""), ("19123-9", "0.72", "mmol/L", "0.70", "1.00"),
        ("19123-9", "0.98", "mmol/L", "0.70", "1.00"), ("19123-9", "2.43", "mg/dL", "1.7", "2.2"),
        # B12: 180 ng/L is the cut-off itself (not deficient), 179 below, 350 the last
        # indeterminate value, 351 above; a lab's own lower limit
        ("2132-9", "180", "ng/L", "", ""), ("2132-9", "179", "ng/L", "", ""),
        ("2132-9", "350", "ng/L", "", ""), ("2132-9", "351", "pg/mL", "", ""),
        ("14685-2", "132.84", "pmol/L", "", ""), ("14685-2", "258.3", "pmol/L", "", ""),
        ("2132-9", "200", "pg/mL", "210", ""), ("2132-9", "190", "pg/mL", "150", ""),
        # holotranscobalamin: both bounds inclusive
        ("72160-5", "25", "pmol/L", "", ""), ("72160-5", "24.9", "pmol/L", "", ""),
        ("72160-5", "70", "pmol/L", "", ""), ("72160-5", "70.1", "pmol/L", "", ""),
        # counted and excluded
        ("19123-9", "12", "mmol/L", "", ""), ("19123-9", "-0.3", "mmol/L", "", ""),
        ("2132-9", "60000", "pmol/L", "", ""), ("19123-9", "", "mmol/L", "", ""),
        ("19123-9", "0.8", "g/L", "", ""), ("72160-5", "40", "pg/mL", "", ""),
        ("2132-9", "300", "", "", ""), ("19123-9", "<0.7", "mmol/L", "", ""),
        # codes not read: RBC magnesium, a local code without a mapping
        ("2593-2", "1.9", "mmol/L", "", ""), ("MG-S", "0.8", "mmol/L", "", ""),
    ]
    for i, (code, value, unit, lo, hi) in enumerate(edge, start=1):
        pid = f"H{i:02d}"
        patients.append([pid, f"{1940 + i}-05-{10 + i % 15:02d}", "F" if i % 2 else "M", ""])
        labs.append([pid, code, value, unit, f"2024-0{1 + i % 9}-15", lo, hi, "edge"])
    # A result without a date; the same day twice (the lowest counts); two years; out of the
    # period; a patient not in the patients file; an unknown age (born 1890); an age band edge;
    # the same value twice on a day at two sites (the first site in byte order counts: T08 in
    # "east"); a value with a site and the same value without one (T09 in "west")
    labs += [
        ["T01", "19123-9", "0.80", "mmol/L", "", "", "", "north"],
        ["T02", "19123-9", "0.80", "mmol/L", "2024-05-05", "", "", "north"],
        ["T02", "19123-9", "0.70", "mmol/L", "2024-05-05", "", "", "south"],
        ["T03", "2132-9", "150", "pg/mL", "2023-03-03", "", "", "south"],
        ["T03", "2132-9", "500", "pg/mL", "2024-03-03", "", "", "south"],
        ["T04", "19123-9", "0.60", "mmol/L", "2022-12-31", "", "", "east"],
        ["T04", "19123-9", "0.90", "mmol/L", "2025-01-01", "", "", "east"],
        ["T05", "19123-9", "0.60", "mmol/L", "2024-02-02", "", "", "east"],
        ["T06", "19123-9", "0.60", "mmol/L", "2024-02-02", "", "", "east"],
        ["T07", "72160-5", "20", "pmol/L", "2024-07-01", "", "", "east"],
        ["T08", "19123-9", "0.70", "mmol/L", "2024-08-08", "", "", "west"],
        ["T08", "19123-9", "0.70", "mmol/L", "2024-08-08", "", "", "east"],
        ["T09", "2132-9", "300", "pg/mL", "2024-09-09", "", "", ""],
        ["T09", "2132-9", "300", "pg/mL", "2024-09-09", "", "", "west"],
    ]
    patients += [
        ["T01", "1950-01-01", "F", ""], ["T02", "1960-05-05", "M", ""], ["T03", "1944-03-03", "F", ""],
        ["T04", "1970-01-01", "M", ""], ["T06", "1890-01-01", "F", ""], ["T07", "1959-07-01", "m", ""],
        ["T08", "1980-08-08", "F", ""], ["T09", "1981-09-09", "M", ""],
        # untested, at the edge of "65 or older" on the period's last day (2024-12-31):
        # T10 turns 65 that day, T11 the day after
        ["T10", "1959-12-31", "F", ""], ["T11", "1960-01-01", "F", ""],
    ]
    return labs, patients, meds


def expected(labs, patients, meds):
    L = pd.DataFrame(labs, columns=["patient_id", "code", "value", "unit", "date", "ref_low", "ref_high", "site"])
    P = pd.DataFrame(patients, columns=["patient_id", "birth_date", "sex", "deceased_date"])
    M = pd.DataFrame(meds, columns=["patient_id", "atc", "name", "start", "end"])
    L["analyte"] = L["code"].map(CODES)
    L = L[L["analyte"].notna()].copy()
    L["day"] = L["date"].map(parse_day)
    L = L[L["day"].map(lambda d: d is None or PERIOD[0] <= d <= PERIOD[1])].copy()
    statuses, vs, los, his, flags = [], [], [], [], []
    for r in L.itertuples():
        factor = UNITS[r.analyte].get(norm_unit(r.unit)) if r.unit != "" else None
        try:
            value = float(r.value) if r.value != "" else None
        except ValueError:
            value = "not a number"
        v = lo = hi = None
        if value is None:
            s = "no_value"
        elif value == "not a number":
            s = "not_a_number"
        elif r.day is None:
            s = "no_date"
        elif factor is None:
            s = "unit_not_accepted"
        else:
            v = value * factor
            lo = float(r.ref_low) * factor if r.ref_low != "" else None
            hi = float(r.ref_high) * factor if r.ref_high != "" else None
            s = "valid" if 0 <= v <= PLAUSIBLE_MAX[r.analyte] else "implausible"
        statuses.append(s)
        vs.append(v)
        los.append(lo)
        his.append(hi)
        if s == "valid":
            c = classes(r.analyte, v, lo, hi)
            flags.append(sum(1 << i for i, k in enumerate(CLASSES[r.analyte]) if c[k]))
        else:
            flags.append(None)
    L["status"], L["v"], L["lo"], L["hi"], L["flags"] = statuses, vs, los, his, flags
    excluded = {a: {s: int(((L["analyte"] == a) & (L["status"] == s)).sum())
                    for s in ["no_value", "not_a_number", "no_date", "unit_not_accepted", "implausible"]} for a in CLASSES}
    valid_rows = {a: int(((L["analyte"] == a) & (L["status"] == "valid")).sum()) for a in CLASSES}
    V = L[L["status"] == "valid"].copy()
    V["year"] = V["day"].map(lambda d: str(d.year))
    # The latest result; on the same day the lowest value, to one step of 1/(2^25 - 1) of the
    # analyte's plausibility limit; then the fewest classes; then the first site in byte order,
    # a result without a site last.
    V["step"] = [int(v * ((1 << 25) - 1) / PLAUSIBLE_MAX[a]) for v, a in zip(V["v"], V["analyte"])]
    V["site_order"] = V["site"].map(lambda s: (s == "", s.encode()))
    V = V.sort_values(["day", "step", "flags", "site_order"], ascending=[False, True, True, True])
    latest = V.groupby(["patient_id", "analyte", "year"], sort=False).head(1).copy()
    P["birth"] = P["birth_date"].map(parse_day)
    pinfo = P.set_index("patient_id")
    latest["sex"] = latest["patient_id"].map(lambda p: SEX.get(pinfo.loc[p, "sex"], "unknown") if p in pinfo.index else "unknown")
    ages = [age_at(pinfo.loc[p, "birth"], d) if p in pinfo.index else None
            for p, d in zip(latest["patient_id"], latest["day"])]
    latest["age_band"] = [band(a) for a in ages]
    latest["esp"] = [esp_band(a) for a in ages]

    def summary(frame, analyte):
        tested = len(frame)
        out = {"tested": tested, "classes": {}}
        for i, k in enumerate(CLASSES[analyte]):
            count = int(frame["flags"].map(lambda f: bool(int(f) & (1 << i))).sum())
            entry = {"count": count}
            if tested:
                lo, hi = proportion_confint(count, tested, alpha=0.05, method="wilson")
                entry["prevalence"] = count / tested
                entry["ci95"] = [float(lo), float(hi)]
            out["classes"][k] = entry
        return out

    result = {"period": [str(PERIOD[0]), str(PERIOD[1])], "by": BY, "analytes": {}}
    for a in CLASSES:
        frame = latest[latest["analyte"] == a]
        groups = []
        for key, g in frame.groupby(BY, sort=True):
            groups.append({"group": dict(zip(BY, key)), **summary(g, a)})
        margins = {d: [{"group": {d: k}, **summary(g, a)} for k, g in frame.groupby(d, sort=True)] for d in BY}
        result["analytes"][a] = {
            "rows": {"valid": valid_rows[a], "excluded": excluded[a]},
            "total": summary(frame, a),
            "groups": groups,
            "margins": margins,
            "standardised": {
                "total": standardised(frame, a, False),
                "margins": {d: [{"group": {d: k}, **standardised(g, a, d == "sex")}
                                for k, g in frame.groupby(d, sort=True)] for d in BY if d != "age_band"},
            },
        }

    # At risk, never tested (period end for age and the PPI duration; active = overlapping)
    def drug_class(atc, name):
        a = atc.strip().upper()
        if a.startswith("A02BC"):
            return "ppi"
        if a.startswith("C03C") or a.startswith("C03A"):
            return "diuretic"
        if a.startswith("A10BA02"):
            return "metformin"
        n = name.lower()
        if "pantoprazol" in n or "omeprazol" in n:
            return "ppi"
        if "metformin" in n:
            return "metformin"
        return None

    start, end = PERIOD
    flags = {}
    for r in M.itertuples():
        c = drug_class(r.atc, r.name)
        s = parse_day(r.start)
        e = parse_day(r.end)
        if c is None or s is None or s > end or (e is not None and e < start):
            continue
        e_eff = end if e is None or e > end else e
        f = flags.setdefault(r.patient_id, set())
        if c == "ppi":
            if (e_eff - s).days >= PPI_MG_DAYS:
                f.add("ppi_mg")
            if (e_eff - s).days >= PPI_B12_DAYS:
                f.add("ppi_b12")
        else:
            f.add(c)
    tested_mg = set(V[V["analyte"] == "mg"]["patient_id"])
    tested_b12 = set(V[V["analyte"].isin(["b12", "holotc"])]["patient_id"])
    rows = []
    for r in P.itertuples():
        d = parse_day(r.deceased_date)
        if d is not None and d < start:
            continue
        age = age_at(r.birth, end)
        f = flags.get(r.patient_id, set())
        old = age is not None and OLD_AGE <= age <= 120
        risk = {
            "mg.ppi_long_term": "ppi_mg" in f, "mg.diuretic": "diuretic" in f, "mg.age_65_plus": old,
            "b12.metformin": "metformin" in f, "b12.ppi_long_term": "ppi_b12" in f,
        }
        risk["mg.any"] = risk["mg.ppi_long_term"] or risk["mg.diuretic"] or old
        rows.append({"sex": SEX.get(r.sex, "unknown"), "age_band": band(age), "mg": r.patient_id in tested_mg,
                     "b12": r.patient_id in tested_b12, **risk})
    R = pd.DataFrame(rows)
    risks = ["mg.ppi_long_term", "mg.diuretic", "mg.age_65_plus", "mg.any", "b12.metformin", "b12.ppi_long_term"]

    def risk_summary(frame):
        out = {"population": len(frame)}
        for k in risks:
            analyte = k.split(".")[0]
            out[k] = {"at_risk": int(frame[k].sum()), "never_tested": int((frame[k] & ~frame[analyte]).sum())}
        return out

    result["at_risk"] = {
        "total": risk_summary(R),
        "groups": [{"group": {"sex": k[0], "age_band": k[1]}, **risk_summary(g)}
                   for k, g in R.groupby(["sex", "age_band"], sort=True)],
    }
    return result


def main():
    labs, patients, meds = make_extract()
    os.makedirs(OUT, exist_ok=True)
    pd.DataFrame(labs, columns=["patient_id", "code", "value", "unit", "date", "ref_low", "ref_high", "site"]).to_csv(
        os.path.join(OUT, "labs.csv"), index=False)
    pd.DataFrame(patients, columns=["patient_id", "birth_date", "sex", "deceased_date"]).to_csv(
        os.path.join(OUT, "patients.csv"), index=False)
    pd.DataFrame(meds, columns=["patient_id", "atc", "name", "start", "end"]).to_csv(
        os.path.join(OUT, "medications.csv"), index=False)
    # The same extract as a hospital might export it: other names, local codes, ';', 1/2 sex.
    local = {"19123-9": "MG-S", "2132-9": "B12"}
    mapped = [[p, local.get(c, c), v, u, d, lo, hi, s] for p, c, v, u, d, lo, hi, s in labs if c != "MG-S"]
    pd.DataFrame(mapped, columns=["PAT", "TEST", "RESULT", "UNITS", "SAMPLED", "LOW", "HIGH", "HOSPITAL"]).to_csv(
        os.path.join(OUT, "labs_mapped.csv"), index=False, sep=";")
    code = {"F": "2", "female": "2", "M": "1", "male": "1", "m": "1", "other": "9", "": ""}
    pd.DataFrame([[p, b, code[s], d] for p, b, s, d in patients],
                 columns=["PAT", "BORN", "GENDER", "DIED"]).to_csv(os.path.join(OUT, "patients_mapped.csv"), index=False, sep=";")
    with open(os.path.join(OUT, "mapping.toml"), "w") as f:
        f.write('# The column names and codes of labs_mapped.csv and patients_mapped.csv.\n'
                'delimiter = ";"\n\n[labs]\npatient_id = "PAT"\ncode = "TEST"\nvalue = "RESULT"\nunit = "UNITS"\n'
                'date = "SAMPLED"\nref_low = "LOW"\nref_high = "HIGH"\nsite = "HOSPITAL"\n\n'
                '[labs.codes]\n"MG-S" = "19123-9"\n"B12" = "2132-9"\n\n'
                '[patients]\npatient_id = "PAT"\nbirth_date = "BORN"\nsex = "GENDER"\ndeceased_date = "DIED"\n\n'
                '[patients.sex_values]\n"1" = "male"\n"2" = "female"\n"9" = "other"\n')
    result = expected(labs, patients, meds)
    # The mapped extract lacks the unmapped local-code row only, which the screen does not read.
    with open(os.path.join(OUT, "expected.json"), "w") as f:
        json.dump(result, f, indent=1, sort_keys=True)
        f.write("\n")
    print(f"wrote {len(labs)} lab rows, {len(patients)} patients, {len(meds)} medications to {OUT}")
    for a, r in result["analytes"].items():
        print(a, r["total"]["tested"], {k: v["count"] for k, v in r["total"]["classes"].items()}, r["rows"])
    print("at risk", result["at_risk"]["total"])


if __name__ == "__main__":
    main()
