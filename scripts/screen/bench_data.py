#!/usr/bin/env python3
"""Generates a large synthetic lab extract for scripts/screen/bench.

    python3 scripts/screen/bench_data.py ROWS DIR

Writes DIR/labs-ROWS.parquet (ROWS results of ROWS/20 patients) and DIR/patients-ROWS.parquet,
in row groups of one million rows, with numpy's seeded generator. Mg values are drawn around
0.82 mmol/L (SD 0.12), B12 log-normal around 300 pmol/L, so every class occurs.
"""
import os
import sys

import numpy as np
import pyarrow as pa
import pyarrow.parquet as pq

rows = int(sys.argv[1])
out = sys.argv[2]
os.makedirs(out, exist_ok=True)
rng = np.random.default_rng(14)
patients = max(rows // 20, 1)
chunk = 1_000_000
codes = np.array(["19123-9", "2601-3", "2132-9", "14685-2", "72160-5", "2951-2", "2160-0"])
code_p = np.array([0.25, 0.05, 0.2, 0.05, 0.05, 0.25, 0.15])
sites = np.array(["north", "south", "east"])
start = np.datetime64("2019-01-01")
schema = pa.schema([
    ("patient_id", pa.int64()), ("code", pa.string()), ("value", pa.float64()), ("unit", pa.string()),
    ("date", pa.date32()), ("site", pa.string()),
])
with pq.ParquetWriter(os.path.join(out, f"labs-{rows}.parquet"), schema, compression="snappy") as w:
    done = 0
    while done < rows:
        n = min(chunk, rows - done)
        code_i = rng.choice(len(codes), size=n, p=code_p)
        value = np.empty(n)
        unit = np.empty(n, dtype=object)
        mg = code_i <= 1
        mg_mass = mg & (rng.random(n) < 0.3)
        value[mg] = rng.normal(0.82, 0.12, mg.sum())
        unit[mg] = "mmol/L"
        value[mg_mass] = value[mg_mass] * 24.305 / 10
        unit[mg_mass] = "mg/dL"
        b12 = (code_i == 2) | (code_i == 3)
        value[b12] = rng.lognormal(5.7, 0.45, b12.sum())
        unit[b12] = "pmol/L"
        b12_mass = b12 & (rng.random(n) < 0.5)
        value[b12_mass] = value[b12_mass] / 0.738
        unit[b12_mass] = "pg/mL"
        holo = code_i == 4
        value[holo] = rng.lognormal(4.0, 0.5, holo.sum())
        unit[holo] = "pmol/L"
        other = code_i >= 5
        value[other] = rng.normal(100, 20, other.sum())
        unit[other] = "mmol/L"
        value = np.round(value, 2)
        table = pa.table({
            "patient_id": rng.integers(1, patients + 1, n),
            "code": pa.array(codes[code_i]),
            "value": value,
            "unit": pa.array(unit.astype(str)),
            "date": pa.array(start + rng.integers(0, 6 * 365, n).astype("timedelta64[D]")),
            "site": pa.array(sites[rng.integers(0, 3, n)]),
        }, schema=schema)
        w.write_table(table, row_group_size=chunk)
        done += n
ids = np.arange(1, patients + 1)
birth = np.datetime64("1925-01-01") + rng.integers(0, 90 * 365, patients).astype("timedelta64[D]")
sex = np.array(["female", "male"])[rng.integers(0, 2, patients)]
pq.write_table(pa.table({"patient_id": ids, "birth_date": pa.array(birth), "sex": sex}),
               os.path.join(out, f"patients-{rows}.parquet"), compression="snappy")
print(f"wrote {rows} lab rows of {patients} patients to {out}")
