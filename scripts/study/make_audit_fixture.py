#!/usr/bin/env python3
"""Reference values for the summary-statistics audit of examples/hfs-study/audit.toml.

SciPy 1.14.1: scipy.stats.ttest_ind_from_stats (equal_var=False: Welch; True: Student) and,
for correlations, t = r*sqrt((n-2)/(1-r^2)) with p = 2*scipy.stats.t.sf(|t|, n-2).
Writes crates/neuronutri-audit/test_data/audit_reference.json.
"""
import json
import pathlib
import tomllib

import scipy
from scipy import stats

root = pathlib.Path(__file__).resolve().parents[2]
reported = tomllib.loads((root / "examples/hfs-study/audit.toml").read_text())
cases = []
for c in reported.get("comparison", []):
    for name, equal_var in (("welch", False), ("student", True)):
        t, p = stats.ttest_ind_from_stats(c["mean"][0], c["sd"][0], c["n"][0],
                                          c["mean"][1], c["sd"][1], c["n"][1], equal_var=equal_var)
        cases.append({"kind": name, "name": c["name"], "t": float(t), "p_value": float(p),
                      "reference": f"scipy {scipy.__version__} stats.ttest_ind_from_stats(equal_var={equal_var})"})
for c in reported.get("correlation", []):
    r, n = c["r"], c["n"]
    t = r * ((n - 2) / (1 - r * r)) ** 0.5
    p = 2 * stats.t.sf(abs(t), n - 2)
    cases.append({"kind": "correlation", "name": c["name"], "t": float(t), "p_value": float(p),
                  "reference": f"scipy {scipy.__version__} 2*stats.t.sf(|r*sqrt((n-2)/(1-r^2))|, n-2)"})
out = root / "crates/neuronutri-audit/test_data/audit_reference.json"
out.write_text(json.dumps({"cases": cases}, indent=1) + "\n")
print(f"wrote {len(cases)} cases to {out}")
