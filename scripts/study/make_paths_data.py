#!/usr/bin/env python3
"""Writes crates/neuronutri/tests/data/paths/data.csv: a small two-group table that takes the
study report's other paths (a skewed variable, a rare event for Fisher's test, a three-level
category, missing cells, a row in neither group). numpy, seed 20261123.

    python3 scripts/study/make_paths_data.py && python3 scripts/study/make_report_fixture.py
"""
import os

import numpy as np
import pandas as pd

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
OUT = os.path.join(ROOT, "crates", "neuronutri", "tests", "data", "paths", "data.csv")

rng = np.random.default_rng(20261123)
n = 34
rows = []
for group, shift in (("a", 0.0), ("b", 0.8)):
    x = rng.normal(10 + shift, 2, n).round(2)
    y = np.exp(rng.normal(1 + shift / 2, 0.9, n)).round(3)  # log-normal: not normal
    z = (0.6 * x + rng.normal(0, 1.5, n)).round(2)
    event = np.where(rng.random(n) < (0.03 if group == "a" else 0.15), "yes", "no")
    level = rng.choice(["low", "mid", "high"], n, p=[0.3, 0.4, 0.3])
    for i in range(n):
        rows.append(dict(group=group, x=x[i], y=y[i], z=z[i], event=event[i], level=level[i]))
df = pd.DataFrame(rows)
df.loc[[3, 40], "x"] = np.nan
df.loc[[7], "y"] = np.nan
df.loc[[50], "event"] = None
df.insert(0, "id", range(1, len(df) + 1))
df.loc[len(df)] = [len(df) + 1, "pilot", 9.9, 1.0, 6.1, "no", "mid"]  # in neither group
df.to_csv(OUT, index=False)
print(f"wrote {len(df)} rows to {os.path.relpath(OUT, ROOT)}")
