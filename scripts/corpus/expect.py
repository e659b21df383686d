#!/usr/bin/env python3
"""Independent expectations for the real-world corpus (crates/neuronutri/tests/corpus).

Reads each bundle with plain JSON and the reviewed code maps (TOML), without the Rust code,
and writes what `neuronutri inspect` must make of it into MANIFEST.json: the patient's sex
and whether deceased, the condition classes (SNOMED CT by the map, ICD-10 by the prefixes of
KNOWLEDGE.md), the drug classes active at the instant (ATC as given, RxNorm and NDC by the maps, names
by the name table, ATC classes by the prefixes of KNOWLEDGE.md), how many results of each
analyte, and for living patients the drug findings that must follow (DRUG.DIURETIC_MG for an
active loop or thiazide diuretic, DRUG.METFORMIN_B12 for active metformin; KNOWLEDGE.md), and the condition-driven codes that follow from the rules'
written triggers (docs/rules.md, "emitted when") where the bundle decides them without doubt:
PATIENT.DECEASED, MG.NOT_MEASURED, CVD.MG_RISK, SAFETY.PREGNANCY, SAFETY.MG_IV_CONTRA,
PAIN.MG_ADJUNCT and ASPIRIN.MG_CLAIM, each as a code that must be present (`assess_includes`)
or absent (`assess_excludes`). A code whose trigger the bundle leaves in doubt (a magnesium
result to compare with its reference range, renal function for PAIN.MG_ADJUNCT, a PPI's
duration) is in neither list.

Usage: python3 scripts/corpus/expect.py   (after build_corpus.py, or alone after a map changed)
"""
import json
import os
import re
import tomllib
from datetime import datetime

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
CORPUS = os.path.join(ROOT, "crates", "neuronutri", "tests", "corpus")
DATA = os.path.join(ROOT, "crates", "neuronutri-model", "data")
AT = "2022-06-01T00:00:00Z"

systems = {s["uri"]: s["kind"] for s in tomllib.load(open(os.path.join(DATA, "code_systems.toml"), "rb"))["system"]}
snomed = {c["code"]: c["class"] for c in tomllib.load(open(os.path.join(DATA, "snomed_conditions.toml"), "rb"))["concept"]}
rxnorm = {c["rxcui"]: c["atc"] for c in tomllib.load(open(os.path.join(DATA, "rxnorm.toml"), "rb"))["concept"]}
def ndc_product(code):
    """Labeler-product of an NDC in the 5-4 form (data/ndc.toml), None when in doubt."""
    code = code.strip()
    if "-" in code:
        parts = code.split("-")
        if len(parts) > 3 or not all(p.isdigit() for p in parts):
            return None
        labeler, product = parts[0], parts[1]
    elif len(code) == 11 and code.isdigit():
        labeler, product = code[:5], code[5:9]
    else:
        return None
    if (len(labeler), len(product)) not in ((4, 4), (5, 3), (5, 4)):
        return None
    return labeler.zfill(5) + "-" + product.zfill(4)

ndc = {ndc_product(p["ndc"]): p["atc"] for p in tomllib.load(open(os.path.join(DATA, "ndc.toml"), "rb"))["product"]}
names = []
for d in tomllib.load(open(os.path.join(DATA, "drug_names.toml"), "rb"))["drug"]:
    for tagged in d["names"]:
        names.append((tagged.split(":", 1)[1].lower(), d["atc"]))

# KNOWLEDGE.md, "Inputs the engine understands" (drug classes by ATC prefix).
DRUG_CLASSES = {
    "aspirin": ["B01AC06"], "amitriptyline": ["N06AA09"], "tetracycline": ["J01AA"],
    "fluoroquinolone": ["J01MA"], "bisphosphonate": ["M05BA"], "levothyroxine": ["H03AA01"],
    "gabapentin": ["N03AX12"], "iron": ["B03A"], "penicillamine": ["M01CC01"],
    "proton_pump_inhibitor": ["A02BC"], "loop_diuretic": ["C03C"], "thiazide": ["C03A"],
    "metformin": ["A10BA02"], "magnesium": ["A12CC"], "magnesium_orotate": ["A12CC09"],
    "magnesium_sulfate_infusion": ["B05XA05"], "vitamin_b12": ["B03BA"], "digoxin": ["C01AA05"],
    "magnesium_antacid": ["A02AA", "A02AD"],
    "magnesium_laxative": ["A06AD01", "A06AD02", "A06AD03", "A06AD04", "A06AD19"],
}
# LOINC codes of KNOWLEDGE.md (revision 2) by analyte.
LOINC = {
    "19123-9": "serum magnesium", "2601-3": "serum magnesium", "2600-5": "ionized magnesium",
    "2132-9": "vitamin B12", "14685-2": "vitamin B12", "72160-5": "holotranscobalamin",
    "13964-2": "methylmalonic acid", "13965-9": "homocysteine", "2143-6": "cortisol",
    "9813-7": "cortisol", "14679-5": "cortisol", "2160-0": "creatinine", "14682-9": "creatinine",
    "38483-4": "creatinine", "98979-8": "eGFR", "33914-3": "eGFR", "62238-1": "eGFR",
    "48642-3": "eGFR", "48643-1": "eGFR", "50044-7": "eGFR", "69405-9": "eGFR", "4548-4": "HbA1c",
}

def classes_of_atc(atc):
    return sorted(c for c, prefixes in DRUG_CLASSES.items() if any(atc.upper().startswith(p) for p in prefixes))

def word_in(text, name):
    for m in re.finditer(re.escape(name), text):
        before = text[m.start() - 1] if m.start() > 0 else " "
        after = text[m.end()] if m.end() < len(text) else " "
        if not before.isalnum() and not after.isalnum():
            return True
    return False

def atc_of(concept):
    codings = concept.get("coding", [])
    for c in codings:
        if systems.get(c.get("system")) == "atc":
            return c["code"]
    for c in codings:
        if systems.get(c.get("system")) == "rxnorm" and c.get("code") in rxnorm:
            return rxnorm[c["code"]]
    for c in codings:
        if systems.get(c.get("system")) == "ndc" and ndc_product(c.get("code", "")) in ndc:
            return ndc[ndc_product(c["code"])]
    texts = [concept.get("text")] + [c.get("display") for c in codings]
    for text in texts:
        if not text:
            continue
        found = [(len(n), atc) for n, atc in names if word_in(text.lower(), n)]
        if found:
            return max(found)[1]
    return None

def resources(bundle):
    for e in bundle.get("entry", []):
        r = e.get("resource")
        if not r:
            continue
        if r["resourceType"] == "Bundle":
            yield from resources(r)
        else:
            yield r
            if r["resourceType"] == "DiagnosticReport":
                for c in r.get("contained", []):
                    if c["resourceType"] == "Observation":
                        yield c

def when(r):
    """The date of a result: effectiveDateTime, else effectivePeriod.start, else issued."""
    return r.get("effectiveDateTime") or r.get("effectivePeriod", {}).get("start") or r.get("issued")

def instant(s):
    """A FHIR date or dateTime as an aware datetime (a date alone is its midnight UTC)."""
    if len(s) == 4:
        s += "-01-01"
    elif len(s) == 7:
        s += "-01"
    if len(s) == 10:
        s += "T00:00:00+00:00"
    return datetime.fromisoformat(s.replace("Z", "+00:00"))

AT_DT = datetime.fromisoformat(AT.replace("Z", "+00:00"))

def age_at(birth):
    """Full years at AT; None when unknown or implausible (before 1900, over 120)."""
    if not birth or birth[:4] < "1900":
        return None
    b = instant(birth)
    years = AT_DT.year - b.year - ((AT_DT.month, AT_DT.day) < (b.month, b.day))
    return None if years > 120 else years

SERUM_MG = {"19123-9", "2601-3"}
RENAL = {"2160-0", "14682-9", "38483-4", "98979-8", "33914-3", "62238-1", "48642-3", "48643-1",
         "50044-7", "69405-9"}
INACTIVE = {"inactive", "remission", "resolved"}

def expect(bundle):
    meds = {r.get("id"): r for r in resources(bundle) if r["resourceType"] == "Medication"}
    sex, deceased, conditions, drugs, labs = "unknown", False, set(), set(), {}
    birth, active, history, mi_onsets = None, set(), set(), []
    mg_dates, renal_results, pregnancy_status, any_drugs = [], 0, False, set()
    for r in resources(bundle):
        t = r["resourceType"]
        if t == "Patient":
            sex = r.get("gender", "unknown")
            birth = r.get("birthDate")
            deceased = r.get("deceasedBoolean") is True or (r.get("deceasedDateTime", "9") <= AT)
        elif t == "Condition":
            for c in r.get("code", {}).get("coding", []):
                if systems.get(c.get("system")) == "snomed" and c.get("code") in snomed:
                    cls = snomed[c["code"]]
                    classes = {cls, "pregnancy"} if cls == "pre_eclampsia" else {cls}
                    conditions.update(classes)
                    status = (r.get("clinicalStatus", {}).get("coding") or [{}])[0].get("code")
                    if status not in INACTIVE:
                        active.update(classes)
                        if cls == "myocardial_infarction":
                            mi_onsets.append(r.get("onsetDateTime") or r.get("onsetPeriod", {}).get("start"))
        elif t == "Observation":
            if any(c.get("code") == "82810-3" for c in r.get("code", {}).get("coding", [])):
                pregnancy_status = True
            if r.get("status") in ("registered", "cancelled", "entered-in-error"):
                continue
            q = r.get("valueQuantity", {})
            if "value" not in q or not (q.get("code") or q.get("unit")):
                continue
            for c in r.get("code", {}).get("coding", []):
                if c.get("system") == "http://loinc.org" and c.get("code") in LOINC:
                    labs[LOINC[c["code"]]] = labs.get(LOINC[c["code"]], 0) + 1
                    if c["code"] in SERUM_MG and when(r):
                        mg_dates.append(instant(when(r)))
                    if c["code"] in RENAL:
                        renal_results += 1
                    break
        elif t in ("MedicationStatement", "MedicationRequest"):
            status = r.get("status")
            if t == "MedicationRequest":
                taken = status in ("active", "on-hold") and r.get("intent") in ("order", "plan")
                end = r.get("dispenseRequest", {}).get("validityPeriod", {}).get("end")
            else:
                taken = status in ("active", "intended", "unknown")
                end = r.get("effectivePeriod", {}).get("end")
            if end and end < AT:
                taken = False
            concept = r.get("medicationCodeableConcept")
            if concept is None:
                ref = r.get("medicationReference", {}).get("reference", "")
                concept = meds.get(ref.split("/")[-1], {}).get("code", {})
            atc = atc_of(concept)
            if atc:
                any_drugs.update(classes_of_atc(atc))
                if taken:
                    drugs.update(classes_of_atc(atc))
    must, must_not = [], []
    # docs/rules.md, "emitted when" of each code; KNOWLEDGE.md for the classes.
    if deceased:
        must.append("PATIENT.DECEASED")
        must_not += ["MG.NOT_MEASURED", "CVD.MG_RISK", "DRUG.DIURETIC_MG", "DRUG.METFORMIN_B12",
                     "ASPIRIN.MG_CLAIM", "SAFETY.PREGNANCY", "PAIN.MG_ADJUNCT"]
    else:
        must_not.append("PATIENT.DECEASED")
        if drugs & {"loop_diuretic", "thiazide"}:
            must.append("DRUG.DIURETIC_MG")
        if "metformin" in drugs:
            must.append("DRUG.METFORMIN_B12")
        if "aspirin" in drugs:
            must.append("ASPIRIN.MG_CLAIM")
        elif "aspirin" not in any_drugs:
            must_not.append("ASPIRIN.MG_CLAIM")
        age = age_at(birth)
        factors = bool(active & {"hypertension", "chronic_cerebral_ischaemia",
                                  "peripheral_atherosclerosis", "type2_diabetes"})
        old_enough = age is not None and age >= 65
        fresh_mg = any((AT_DT - d).days < 365 and d <= AT_DT for d in mg_dates)
        mg_products = any_drugs & {"magnesium", "magnesium_orotate", "magnesium_sulfate_infusion",
                                   "magnesium_antacid", "magnesium_laxative"}
        # CVD.MG_RISK: a factor, and no fresh magnesium result to compare (a fresh one at or
        # above its lower limit withholds it), nor obstetric magnesium sulfate therapy.
        if (factors or old_enough) and not fresh_mg and not mg_products:
            must.append("CVD.MG_RISK")
        elif not factors and age is not None and age < 65:
            must_not.append("CVD.MG_RISK")
        # MG.NOT_MEASURED: a reason and no serum magnesium within 365 days; a patient with no
        # magnesium result at all cannot be in MG.SEVERE_ESCALATE's "repeat the level".
        stroke = "ischemic_stroke" in conditions or "stroke_sequelae" in active
        reasons = (stroke or factors or old_enough or bool(drugs & {"loop_diuretic", "thiazide",
                   "digoxin"}))
        if reasons and not mg_dates:
            must.append("MG.NOT_MEASURED")
        elif (not reasons and age is not None and "proton_pump_inhibitor" not in any_drugs):
            must_not.append("MG.NOT_MEASURED")
        # SAFETY.PREGNANCY: an active pregnancy condition (a pregnancy status result is left
        # to the engine's reading of its value).
        if "pregnancy" in active:
            must.append("SAFETY.PREGNANCY")
        elif "pregnancy" not in conditions and not pregnancy_status:
            must_not.append("SAFETY.PREGNANCY")
        # SAFETY.MG_IV_CONTRA: active 2nd/3rd degree AV block, or an active MI within 28 days
        # of onset or without an onset.
        recent_mi = any(o is None or (AT_DT - instant(o)).days <= 28 for o in mi_onsets)
        if "av_block" in active or recent_mi:
            must.append("SAFETY.MG_IV_CONTRA")
        else:
            must_not.append("SAFETY.MG_IV_CONTRA")
        # PAIN.MG_ADJUNCT: fibromyalgia, sciatica or neuropathic pain; suppressed by
        # SAFETY.MG_RENAL and SAFETY.PREGNANCY, so only where neither can apply.
        pain = active & {"fibromyalgia", "sciatica", "neuropathic_pain"}
        if (pain and "pregnancy" not in active and not pregnancy_status and renal_results == 0
                and "ckd4_to5" not in active):
            must.append("PAIN.MG_ADJUNCT")
        elif not pain:
            must_not.append("PAIN.MG_ADJUNCT")
    return {
        "sex": sex,
        "deceased": deceased,
        "condition_classes": sorted(conditions),
        "active_drug_classes": sorted(drugs),
        "labs": dict(sorted(labs.items())),
        "assess_includes": must,
        "assess_excludes": must_not,
    }

def main():
    tmp = os.path.join(CORPUS, "manifest.json.tmp")
    if os.path.exists(tmp):
        manifest = json.load(open(tmp))
    else:
        # Recompute the expectations of the corpus as it stands (after a map changed).
        manifest = json.load(open(os.path.join(CORPUS, "MANIFEST.json")))["bundles"]
    for item in manifest:
        bundle = json.load(open(os.path.join(CORPUS, item["file"])))
        item["expect"] = expect(bundle)
    out = {
        "about": "Public FHIR R4 bundles, their origin and licence, and what neuronutri inspect and assess must make of them at the instant `at` (expectations computed by scripts/corpus/expect.py from the bundles and the code maps, independently of the Rust code). Rebuild: scripts/corpus/build_corpus.py, then expect.py.",
        "at": AT,
        "bundles": manifest,
    }
    with open(os.path.join(CORPUS, "MANIFEST.json"), "w") as f:
        json.dump(out, f, indent=1, ensure_ascii=False)
        f.write("\n")
    if os.path.exists(tmp):
        os.remove(tmp)

if __name__ == "__main__":
    main()
