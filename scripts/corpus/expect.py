#!/usr/bin/env python3
"""Independent expectations for the real-world corpus (crates/neuronutri/tests/corpus).

Reads each bundle with plain JSON and the reviewed code maps (TOML), without the Rust code,
and writes what `neuronutri inspect` must make of it into MANIFEST.json: the patient's sex
and whether deceased, the condition classes (SNOMED CT by the map, ICD-10 by the prefixes of
KNOWLEDGE.md), the drug classes active at the instant (ATC as given, RxNorm by the map, names
by the name table, ATC classes by the prefixes of KNOWLEDGE.md), how many results of each
analyte, and for living patients the drug findings that must follow (DRUG.DIURETIC_MG for an
active loop or thiazide diuretic, DRUG.METFORMIN_B12 for active metformin; KNOWLEDGE.md).

Usage: python3 scripts/corpus/expect.py   (after build_corpus.py, or alone after a map changed)
"""
import json
import os
import re
import tomllib

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
CORPUS = os.path.join(ROOT, "crates", "neuronutri", "tests", "corpus")
DATA = os.path.join(ROOT, "crates", "neuronutri-model", "data")
AT = "2022-06-01T00:00:00Z"

systems = {s["uri"]: s["kind"] for s in tomllib.load(open(os.path.join(DATA, "code_systems.toml"), "rb"))["system"]}
snomed = {c["code"]: c["class"] for c in tomllib.load(open(os.path.join(DATA, "snomed_conditions.toml"), "rb"))["concept"]}
rxnorm = {c["rxcui"]: c["atc"] for c in tomllib.load(open(os.path.join(DATA, "rxnorm.toml"), "rb"))["concept"]}
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

def expect(bundle):
    meds = {r.get("id"): r for r in resources(bundle) if r["resourceType"] == "Medication"}
    sex, deceased, conditions, drugs, labs = "unknown", False, set(), set(), {}
    for r in resources(bundle):
        t = r["resourceType"]
        if t == "Patient":
            sex = r.get("gender", "unknown")
            deceased = r.get("deceasedBoolean") is True or (r.get("deceasedDateTime", "9") <= AT)
        elif t == "Condition":
            for c in r.get("code", {}).get("coding", []):
                if systems.get(c.get("system")) == "snomed" and c.get("code") in snomed:
                    cls = snomed[c["code"]]
                    conditions.add(cls)
                    if cls == "pre_eclampsia":
                        conditions.add("pregnancy")
        elif t == "Observation":
            if r.get("status") in ("registered", "cancelled", "entered-in-error"):
                continue
            q = r.get("valueQuantity", {})
            if "value" not in q or not (q.get("code") or q.get("unit")):
                continue
            for c in r.get("code", {}).get("coding", []):
                if c.get("system") == "http://loinc.org" and c.get("code") in LOINC:
                    labs[LOINC[c["code"]]] = labs.get(LOINC[c["code"]], 0) + 1
                    break
        elif t in ("MedicationStatement", "MedicationRequest"):
            status = r.get("status")
            if t == "MedicationRequest":
                active = status in ("active", "on-hold") and r.get("intent") in ("order", "plan")
                end = r.get("dispenseRequest", {}).get("validityPeriod", {}).get("end")
            else:
                active = status in ("active", "intended", "unknown")
                end = r.get("effectivePeriod", {}).get("end")
            if end and end < AT:
                active = False
            if not active:
                continue
            concept = r.get("medicationCodeableConcept")
            if concept is None:
                ref = r.get("medicationReference", {}).get("reference", "")
                concept = meds.get(ref.split("/")[-1], {}).get("code", {})
            atc = atc_of(concept)
            if atc:
                drugs.update(classes_of_atc(atc))
    must = []
    if not deceased:
        if drugs & {"loop_diuretic", "thiazide"}:
            must.append("DRUG.DIURETIC_MG")
        if "metformin" in drugs:
            must.append("DRUG.METFORMIN_B12")
    return {
        "sex": sex,
        "deceased": deceased,
        "condition_classes": sorted(conditions),
        "active_drug_classes": sorted(drugs),
        "labs": dict(sorted(labs.items())),
        "assess_includes": must,
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
