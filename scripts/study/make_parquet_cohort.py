#!/usr/bin/env python3
"""Writes examples/hfs-study/cohort.parquet: the example cohort as pandas + pyarrow save it.

    pip install pandas pyarrow
    python3 scripts/study/make_parquet_cohort.py

Integer columns stay int64 (nullable Int64 where a group has no value), decimals float64,
text columns strings; Snappy compression, pyarrow's default. The study test checks that
`neuronutri study --data cohort.parquet` gives the same report as the CSV.
"""
import os

import pandas as pd

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
DIR = os.path.join(ROOT, "examples", "hfs-study")

df = pd.read_csv(os.path.join(DIR, "cohort.csv"))
for column in ["spasm_per_day", "vas"]:
    df[column] = df[column].astype("Int64")
df.to_parquet(os.path.join(DIR, "cohort.parquet"), engine="pyarrow", index=False)
print(f"wrote {len(df)} rows, columns: {dict(df.dtypes.astype(str))}")
