#!/usr/bin/env python3
"""Builds crates/neuronutri/tests/corpus/ from public FHIR R4 sources (see MANIFEST.toml).

Needs local git mirrors of the source repositories (paths below; fetch them with any git
client at the commits named). Every bundle keeps its resources as published; the only
changes, stated per bundle in the manifest, are: Synthea patients drop their billing and
encounter entries (Claim, ExplanationOfBenefit, Encounter, Procedure, Immunization,
CarePlan, Goal, ImagingStudy: resource types the engine does not read) to keep the corpus
small, two of them are kept whole; bulk-export resources are grouped per patient into a
collection Bundle as an integrator does; every bundle is re-serialised as compact JSON.

Usage: python3 scripts/corpus/build_corpus.py MIRRORS_DIR
"""
import json
import os
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
OUT = os.path.join(ROOT, "crates", "neuronutri", "tests", "corpus")
MIRRORS = sys.argv[1] if len(sys.argv) > 1 else "/work/.mirror"

SYNTHEA_REPO = "smart-on-fhir/generated-sample-data"
SYNTHEA_COMMIT = "HEAD"
BULK_REPO = "smart-on-fhir/sample-bulk-fhir-datasets"
IPS_REPO = "HL7/fhir-ips"

DROP = {"Claim", "ExplanationOfBenefit", "Encounter", "Procedure", "Immunization",
        "CarePlan", "Goal", "ImagingStudy"}

# The Synthea patients are listed in synthea_patients.json (file, why chosen, whether kept
# whole): chosen to cover what the rules read (stroke, metformin, thiazide and loop
# diuretics, digoxin, vitamin B12, pre-eclampsia, deceased, dementia, TBI, MI,
# fibromyalgia, depression, bisphosphonate, iron, creatinine 38483-4, eGFR in mL/min) plus
# the smallest patients.

def git(repo, *args):
    path = os.path.join(MIRRORS, repo.replace("/", "+"), "repo")
    return subprocess.run(["git", "-C", path, *args], capture_output=True, check=True).stdout

def commit_of(repo, ref="HEAD"):
    return git(repo, "rev-parse", ref).decode().strip()

def compact(obj):
    return json.dumps(obj, ensure_ascii=False, separators=(",", ":"))

def toml_str(s):
    return json.dumps(s, ensure_ascii=False)

def main():
    chosen = json.load(open(os.path.join(os.path.dirname(__file__), "synthea_patients.json")))
    os.makedirs(os.path.join(OUT, "bundles"), exist_ok=True)
    manifest = []
    synthea_commit = commit_of(SYNTHEA_REPO)
    for item in chosen:
        name, whole = item["file"], item.get("whole", False)
        text = git(SYNTHEA_REPO, "show", f"{synthea_commit}:R4/SYNTHEA/{name}")
        bundle = json.loads(text)
        if not whole:
            bundle["entry"] = [e for e in bundle["entry"]
                               if e["resource"]["resourceType"] not in DROP]
        out = "synthea-" + name.split("_")[0].lower() + "-" + name.split("_")[-1][:8] + ".json"
        with open(os.path.join(OUT, "bundles", out), "w") as f:
            f.write(compact(bundle) + "\n")
        manifest.append({
            "file": "bundles/" + out,
            "origin": f"github.com/{SYNTHEA_REPO} @{synthea_commit[:12]} R4/SYNTHEA/{name} (Synthea R4 patient)",
            "licence": "Apache-2.0 (repository LICENSE, Boston Children's Hospital)",
            "changes": "re-serialised as compact JSON" if whole else
                "entries of Claim, ExplanationOfBenefit, Encounter, Procedure, Immunization, CarePlan, Goal, ImagingStudy removed; re-serialised as compact JSON",
            "why": item["why"],
        })

    bulk_commit = commit_of(BULK_REPO, "10-patients")
    def ndjson(kind):
        text = git(BULK_REPO, "show", f"{bulk_commit}:{kind}.000.ndjson").decode()
        return [json.loads(line) for line in text.splitlines() if line.strip()]
    patients = ndjson("Patient")
    conditions = ndjson("Condition")
    requests = ndjson("MedicationRequest")
    def subject(r):
        return r.get("subject", {}).get("reference", "").split("/")[-1]
    sized = sorted(patients, key=lambda p: sum(1 for r in requests if subject(r) == p["id"]))
    for p in sized[:5]:
        entries = [{"fullUrl": f"Patient/{p['id']}", "resource": p}]
        entries += [{"resource": r} for r in conditions if subject(r) == p["id"]]
        entries += [{"resource": r} for r in requests if subject(r) == p["id"]]
        bundle = {"resourceType": "Bundle", "type": "collection", "entry": entries}
        out = f"bulk-{p['id'][:8]}.json"
        with open(os.path.join(OUT, "bundles", out), "w") as f:
            f.write(compact(bundle) + "\n")
        manifest.append({
            "file": "bundles/" + out,
            "origin": f"github.com/{BULK_REPO} @{bulk_commit[:12]} (branch 10-patients) Patient/Condition/MedicationRequest.000.ndjson, patient {p['id']} (Synthea bulk export)",
            "licence": "CC0-1.0 (repository README: the datasets can be treated as CC0)",
            "changes": "the patient's Patient, Condition and MedicationRequest resources grouped into a collection Bundle, as an integrator of a bulk export does",
            "why": "bulk-export shape: conditions and RxNorm MedicationRequests without Observations",
        })

    for path, commit, why in [
        ("input/examples/bundle-minimal.json", "fc39b3d47d795a29ebe99318170f797ae03914ee", "IPS document bundle (Composition first)"),
        ("input/examples/bundle-no-info-required-sections.json", "fc39b3d47d795a29ebe99318170f797ae03914ee", "IPS document with 'no information' entries"),
        ("input/examples/Bundle-IPS-examples-Bundle-minimal.json", "d9a3be7d7caf279d538054b59a06d480dff992e8", "IPS example bundle"),
    ]:
        bundle = json.loads(git(IPS_REPO, "show", f"{commit}:{path}"))
        out = "ips-" + os.path.basename(path).lower()
        with open(os.path.join(OUT, "bundles", out), "w") as f:
            f.write(compact(bundle) + "\n")
        manifest.append({
            "file": "bundles/" + out,
            "origin": f"github.com/{IPS_REPO} @{commit[:12]} {path} (HL7 International Patient Summary IG example)",
            "licence": "HL7 FHIR licence (repository LICENSE: 'licensed under the terms of HL7's FHIR license', CC0-1.0)",
            "changes": "re-serialised as compact JSON",
            "why": why,
        })
    json.dump(manifest, open(os.path.join(OUT, "manifest.json.tmp"), "w"), indent=1, ensure_ascii=False)

if __name__ == "__main__":
    main()
