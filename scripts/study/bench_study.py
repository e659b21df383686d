#!/usr/bin/env python3
"""Benchmarks a whole `neuronutri study` against the same analyses in pandas + SciPy +
statsmodels in one Python process, on generated cohorts with the HFS example's columns.

    pip install -r scripts/stats/requirements.txt pyarrow
    cargo build --release -p neuronutri
    python3 scripts/study/bench_study.py [--rows 100000 1000000 10000000] [--reps 3]
                                         [--dir /tmp/neuronutri-study-bench] [--format csv parquet]

For each size it generates the cohort once (CSV, and Parquet with Snappy as pyarrow writes
it), runs `neuronutri study examples/hfs-study/protocol.toml --data FILE --timings` and this
script in `--peer` mode, each in its own process, `--reps` times in turn, and prints medians
of:
- whole-process wall time and peak memory (the child's maximum resident set, from wait4);
- in-process times: ours as `--timings` prints them (read, analyses, writing), the peer's
  after its imports (read with pandas' C engine or pyarrow, analyses);
- with the `study_bench` example as --bin, the peak memory of reading alone
  (`STUDY_BENCH_READ_ONLY=1`), as a multiple of the numeric data's binary size;
- the numbers: every number the peer computes is looked up in our report.json by JSON
  pointer and must agree to 1e-9 relative (else the script fails).

The peer computes what the report computes, the way a pandas user would: groups by boolean
masks, scipy.stats.mannwhitneyu (asymptotic with continuity, as the report at these sizes),
chi2_contingency / fisher_exact, spearmanr, np.polyfit for the scatter lines, statsmodels
OLS for the regression and sub-model R² from the covariance matrix (sr², LMG) and the
inverse correlation matrix (VIF), multipletests for the q-values. Shapiro-Wilk is defined
for 3 to 5000 values (as the report states); at these sizes every group is larger, so
neither side computes it. The Hodges-Lehmann shift is computed by the report only when
n1 * n2 <= 10^8, so neither side computes it here. Not run in CI.
"""
import argparse
import itertools
import json
import math
import os
import shutil
import statistics
import subprocess
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
PROTOCOL = os.path.join(ROOT, "examples", "hfs-study", "protocol.toml")
COLUMNS = ["id", "group", "sex", "age", "duration_years", "b12_pg_ml", "cortisol_nmol_l",
           "dopamine_ng_ml", "bdi", "anxiety", "spasm_per_day", "vas", "side"]
NUMERIC = ["age", "duration_years", "b12_pg_ml", "cortisol_nmol_l", "dopamine_ng_ml", "bdi",
           "anxiety", "spasm_per_day", "vas"]


def generate(n, d):
    """cohort-N.csv and cohort-N.parquet in d: 60 % HFS, 39 % controls, 1 % pilot rows (in no
    group); a few % of missing values; values rounded as a lab prints them (ties occur)."""
    import numpy as np
    import pyarrow as pa
    import pyarrow.csv as pcsv
    import pyarrow.parquet as pq

    csv_path = os.path.join(d, f"cohort-{n}.csv")
    parquet_path = os.path.join(d, f"cohort-{n}.parquet")
    if os.path.exists(csv_path) and os.path.exists(parquet_path):
        return csv_path, parquet_path
    os.makedirs(d, exist_ok=True)
    rng = np.random.default_rng(20261202 + n)
    u = rng.random(n)
    group = np.where(u < 0.60, "hfs", np.where(u < 0.99, "control", "pilot"))
    hfs = group == "hfs"
    sex = np.where(rng.random(n) < 0.4, "male", "female")

    def col(mean, sd, decimals, missing=0.02):
        x = np.round(rng.normal(mean, sd, n), decimals)
        return np.where(rng.random(n) < missing, np.nan, x)

    age = col(55, 9, 0)
    duration = np.where(hfs, np.abs(col(4.5, 2.5, 1)), np.nan)
    b12 = np.round(col(300, 80, 0) + np.where(hfs, -40, 0))
    cortisol = col(480, 110, 0) + np.where(hfs, 60, 0)
    dopamine = col(85, 12, 1)
    bdi = col(14, 6, 0) + np.where(hfs, 4, 0)
    anxiety = col(8, 3, 0) + np.where(hfs, 2, 0)
    spasm = np.where(hfs, np.round(np.clip(30 - 0.03 * np.nan_to_num(b12, nan=300)
                                           + 0.01 * np.nan_to_num(cortisol, nan=480)
                                           + rng.normal(0, 4, n), 1, None)), np.nan)
    vas = np.where(hfs, np.round(np.clip(rng.normal(6, 2, n), 0, 10)), np.nan)
    side = np.where(hfs, np.where(rng.random(n) < 0.5, "right", "left"), None)
    table = pa.table({
        "id": np.arange(1, n + 1), "group": group, "sex": sex, "age": age,
        "duration_years": duration, "b12_pg_ml": b12, "cortisol_nmol_l": cortisol,
        "dopamine_ng_ml": dopamine, "bdi": bdi, "anxiety": anxiety, "spasm_per_day": spasm,
        "vas": vas, "side": pa.array(side, type=pa.string()),
    })
    # NaN as an empty cell (missing) in both files
    for name in NUMERIC:
        i = table.schema.get_field_index(name)
        c = table.column(i)
        table = table.set_column(i, name, pa.array(c.to_numpy(), from_pandas=True))
    pcsv.write_csv(table, csv_path, pcsv.WriteOptions(quoting_style="none"))
    pq.write_table(table, parquet_path)
    return csv_path, parquet_path


# ------------------------------------------------------------------ the peer

def peer(path):
    """The report's analyses in pandas + SciPy + statsmodels; prints one JSON line."""
    t_start = time.perf_counter()
    import tomllib

    import numpy as np
    import pandas as pd
    import scipy.stats as ss
    import statsmodels.api as sm
    from statsmodels.stats.multitest import multipletests
    t_imports = time.perf_counter()

    with open(PROTOCOL, "rb") as fh:
        protocol = tomllib.load(fh)
    if path.endswith(".parquet"):
        data = pd.read_parquet(path, engine="pyarrow")
    else:
        data = pd.read_csv(path, engine="c")
    t_read = time.perf_counter()

    out = {}

    def put(pointer, value):
        value = float(value)
        if math.isfinite(value):
            out[pointer] = value

    group = protocol["group"]
    data = data[data[group].isin(protocol["groups"])]
    alpha = protocol.get("alpha", 0.05)
    variables = {v["name"]: v for v in protocol["variable"]}

    def summary(ptr, x):
        x = x[~np.isnan(x)]
        if len(x) == 0:
            return x
        put(f"{ptr}/mean", x.mean())
        if len(x) >= 2:
            put(f"{ptr}/sd", x.std(ddof=1))
        q1, med, q3 = np.percentile(x, [25, 50, 75], method="linear")
        put(f"{ptr}/q1", q1)
        put(f"{ptr}/median", med)
        put(f"{ptr}/q3", q3)
        put(f"{ptr}/min", x.min())
        put(f"{ptr}/max", x.max())
        return x

    def shapiro_p(x):
        if 3 <= len(x) <= 5000 and x.max() > x.min():
            return ss.shapiro(x)[1]
        return None

    for ti, table in enumerate(protocol["table"]):
        base = f"/tables/{ti}/results"
        rows = data
        if "within" in table:
            rows = data[data[group] == table["within"]]
        kind = table["kind"]
        if kind in ("characteristics", "comparison"):
            column = table.get("by", group)
            levels = table.get("groups", protocol["groups"])
            test = table.get("test", "mann-whitney" if kind == "comparison" else "auto")
            masks = [(rows[column] == g).to_numpy() for g in levels]
            for vi, name in enumerate(table["variables"]):
                ptr = f"{base}/rows/{vi}"
                if "levels" in variables[name]:
                    values = rows[name].to_numpy()
                    counts = [[int((m & (values == lv)).sum()) for m in masks]
                              for lv in variables[name]["levels"]]
                    for li, c in enumerate(counts):
                        for gi, k in enumerate(c):
                            put(f"{ptr}/levels/{li}/counts/{gi}", k)
                    tab = np.array([r for r in counts if sum(r) > 0], dtype=float)
                    if tab.shape[0] >= 2:
                        expected = ss.contingency.expected_freq(tab)
                        if (expected < 5).any() and tab.shape == (2, 2):
                            put(f"{ptr}/test/p_value", ss.fisher_exact(tab)[1])
                        else:
                            chi2, p, df, _ = ss.chi2_contingency(tab, correction=True)
                            put(f"{ptr}/test/statistic", chi2)
                            put(f"{ptr}/test/df", df)
                            put(f"{ptr}/test/p_value", p)
                    continue
                values = rows[name].to_numpy(dtype=float)
                xs = [summary(f"{ptr}/groups/{gi}", values[m]) for gi, m in enumerate(masks)]
                a, b = xs
                if len(a) == 0 or len(b) == 0:
                    continue
                t = test
                if t == "auto":
                    ps = [shapiro_p(x) for x in xs]
                    t = "welch" if all(p is not None and p >= alpha for p in ps) else "mann-whitney"
                if t == "mann-whitney":
                    ties = len(np.unique(np.concatenate([a, b]))) < len(a) + len(b)
                    method = "exact" if len(a) < 50 and len(b) < 50 and not ties else "asymptotic"
                    r = ss.mannwhitneyu(a, b, alternative="two-sided", method=method,
                                        use_continuity=True)
                    put(f"{ptr}/test/statistic", r.statistic)
                    put(f"{ptr}/test/p_value", r.pvalue)
                    put(f"{ptr}/test/effect/value", 2 * r.statistic / (len(a) * len(b)) - 1)
                else:
                    r = ss.ttest_ind(a, b, equal_var=(t == "student"))
                    ci = r.confidence_interval(0.95)
                    put(f"{ptr}/test/statistic", r.statistic)
                    put(f"{ptr}/test/df", r.df)
                    put(f"{ptr}/test/p_value", r.pvalue)
                    put(f"{ptr}/test/shift", a.mean() - b.mean())
                    put(f"{ptr}/test/shift_ci/0", ci.low)
                    put(f"{ptr}/test/shift_ci/1", ci.high)
        elif kind == "correlations":
            pairs = table["pairs"]
            pvalues = []
            for pi, (x, y) in enumerate(pairs):
                both = rows[[x, y]].dropna()
                bx, by = both[x].to_numpy(float), both[y].to_numpy(float)
                put(f"{base}/rows/{pi}/n", len(both))
                r = ss.spearmanr(bx, by)
                put(f"{base}/rows/{pi}/coefficient", r.statistic)
                put(f"{base}/rows/{pi}/p_value", r.pvalue)
                pvalues.append(r.pvalue)
                slope, intercept = np.polyfit(bx, by, 1)
                put(f"{base}/rows/{pi}/fit/0", intercept)
                put(f"{base}/rows/{pi}/fit/1", slope)
            for pi, q in enumerate(multipletests(pvalues, method="fdr_bh")[1]):
                put(f"{base}/rows/{pi}/q_value", q)
        elif kind == "regression":
            preds = table["predictors"]
            both = rows[[table["outcome"]] + preds].dropna()
            y = both[table["outcome"]].to_numpy(float)
            X = both[preds].to_numpy(float)
            design = sm.add_constant(X)
            fit = sm.OLS(y, design).fit()
            ptr = f"{base}/fit"
            put(f"{ptr}/n", len(y))
            put(f"{ptr}/r_squared", fit.rsquared)
            put(f"{ptr}/adj_r_squared", fit.rsquared_adj)
            put(f"{ptr}/f", fit.fvalue)
            put(f"{ptr}/f_p_value", fit.f_pvalue)
            ci = fit.conf_int(0.05)
            k = len(preds)
            # sub-model R² from the correlation matrix of (y, X), as relative-importance
            # packages do: R²(S) = r_yS' R_SS^-1 r_yS
            corr = np.corrcoef(np.column_stack([y, X]), rowvar=False)

            def r2(subset):
                if not subset:
                    return 0.0
                s = list(subset)
                ryx = corr[0, [i + 1 for i in s]]
                rxx = corr[np.ix_([i + 1 for i in s], [i + 1 for i in s])]
                return float(ryx @ np.linalg.solve(rxx, ryx))

            full = fit.rsquared
            sd_y = y.std(ddof=1)
            inv = np.linalg.inv(corr[1:, 1:])
            for j in range(k + 1):
                c = f"{ptr}/coefficients/{j}"
                put(f"{c}/estimate", fit.params[j])
                put(f"{c}/std_error", fit.bse[j])
                put(f"{c}/t", fit.tvalues[j])
                put(f"{c}/p_value", fit.pvalues[j])
                put(f"{c}/ci/0", ci[j][0])
                put(f"{c}/ci/1", ci[j][1])
                if j == 0:
                    continue
                i = j - 1
                scale = X[:, i].std(ddof=1) / sd_y
                put(f"{c}/beta", fit.params[j] * scale)
                put(f"{c}/beta_ci/0", ci[j][0] * scale)
                put(f"{c}/beta_ci/1", ci[j][1] * scale)
                others = [m for m in range(k) if m != i]
                put(f"{c}/sr2", full - r2(others))
                lmg = 0.0
                for size in range(k):
                    w = math.factorial(size) * math.factorial(k - 1 - size) / math.factorial(k)
                    for s in itertools.combinations(others, size):
                        lmg += w * (r2(list(s) + [i]) - r2(list(s)))
                put(f"{c}/lmg", lmg)
                put(f"{c}/vif", inv[i, i])
    t_done = time.perf_counter()
    print(json.dumps({
        "imports_s": t_imports - t_start,
        "read_s": t_read - t_imports,
        "analyses_s": t_done - t_read,
        "in_process_s": t_done - t_imports,
        "numbers": out,
    }))


# ------------------------------------------------------------------ the driver

def measure(argv):
    """Runs argv in a child of a fresh Python, so the peak RSS is that run's alone."""
    code = (
        "import json,os,resource,subprocess,sys,time\n"
        "t=time.perf_counter()\n"
        "p=subprocess.run(sys.argv[1:],capture_output=True,text=True)\n"
        "w=time.perf_counter()-t\n"
        "r=resource.getrusage(resource.RUSAGE_CHILDREN)\n"
        "print(json.dumps({'rc':p.returncode,'wall_s':w,'peak_rss':r.ru_maxrss*1024,"
        "'user_s':r.ru_utime,'sys_s':r.ru_stime,'stdout':p.stdout,'stderr':p.stderr}))\n"
    )
    res = subprocess.run([sys.executable, "-c", code] + argv, capture_output=True, text=True,
                         check=True)
    m = json.loads(res.stdout)
    if m["rc"] != 0:
        sys.exit(f"{' '.join(argv)} failed ({m['rc']}):\n{m['stderr']}")
    return m


def timings(stderr):
    """The `--timings` line of neuronutri study: 'timings: read 1.234 s, ...'."""
    for line in stderr.splitlines():
        if line.startswith("timings:"):
            parts = line[len("timings:"):].split(",")
            return {p.split()[0]: float(p.split()[1]) for p in parts}
    return {}


def pointer(doc, ptr):
    for part in ptr.strip("/").split("/"):
        doc = doc[int(part)] if isinstance(doc, list) else doc[part]
    return doc


def compare(report_path, numbers):
    with open(report_path) as fh:
        report = json.load(fh)
    worst = 0.0
    for ptr, expected in numbers.items():
        try:
            got = pointer(report, ptr)
        except (KeyError, IndexError, TypeError):
            sys.exit(f"{ptr}: the peer has {expected}, the report has nothing")
        if got is None:
            sys.exit(f"{ptr}: the peer has {expected}, the report has null")
        err = abs(got - expected) / max(abs(expected), 1e-300)
        if abs(got - expected) > 1e-12 and err > 1e-9:
            sys.exit(f"{ptr}: report {got!r}, peer {expected!r} (relative {err:.2e})")
        worst = max(worst, err if abs(got - expected) > 1e-300 else 0.0)
    return worst


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--rows", type=int, nargs="+", default=[100_000, 1_000_000, 10_000_000])
    ap.add_argument("--reps", type=int, default=3)
    ap.add_argument("--dir", default="/tmp/neuronutri-study-bench")
    ap.add_argument("--format", nargs="+", default=["csv", "parquet"])
    ap.add_argument("--bin", default=os.path.join(
        os.environ.get("CARGO_TARGET_DIR", os.path.join(ROOT, "target")), "release", "neuronutri"))
    ap.add_argument("--peer", metavar="FILE")
    ap.add_argument("--generate-only", action="store_true")
    args = ap.parse_args()
    if args.peer:
        peer(args.peer)
        return
    print(f"machine: {os.cpu_count()} cores, load average {os.getloadavg()}", flush=True)
    for n in args.rows:
        csv_path, parquet_path = generate(n, args.dir)
        if args.generate_only:
            continue
        for fmt in args.format:
            path = csv_path if fmt == "csv" else parquet_path
            out = os.path.join(args.dir, f"report-{n}-{fmt}")
            ours_cmd = [args.bin, "study", PROTOCOL, "--data", path, "--out", out, "--timings"]
            peer_cmd = [sys.executable, os.path.abspath(__file__), "--peer", path]
            ours, theirs = [], []
            for _ in range(args.reps):
                shutil.rmtree(out, ignore_errors=True)
                ours.append(measure(ours_cmd))
                theirs.append(measure(peer_cmd))
            numbers = json.loads(theirs[-1]["stdout"].strip().splitlines()[-1])
            worst = compare(os.path.join(out, "report.json"), numbers["numbers"])
            med = statistics.median
            o_wall = med(m["wall_s"] for m in ours)
            o_peak = med(m["peak_rss"] for m in ours)
            o_t = [timings(m["stderr"]) for m in ours]
            p_wall = med(m["wall_s"] for m in theirs)
            p_peak = med(m["peak_rss"] for m in theirs)
            p_t = [json.loads(m["stdout"].strip().splitlines()[-1]) for m in theirs]
            o_in = med(t.get("total", float("nan")) for t in o_t)
            o_read = med(t.get("read", float("nan")) for t in o_t)
            p_in = med(t["in_process_s"] for t in p_t)
            p_read = med(t["read_s"] for t in p_t)
            numeric_bytes = 8 * n * len(NUMERIC)
            # The reading's own peak memory, when the binary can stop after reading (the
            # study_bench example: STUDY_BENCH_READ_ONLY=1).
            read_peak = None
            if os.path.basename(args.bin).startswith("study_bench"):
                os.environ["STUDY_BENCH_READ_ONLY"] = "1"
                try:
                    read_peak = med(measure(ours_cmd)["peak_rss"] for _ in range(args.reps))
                finally:
                    del os.environ["STUDY_BENCH_READ_ONLY"]
            print(json.dumps({
                "rows": n, "format": fmt, "file_bytes": os.path.getsize(path),
                "numbers_checked": len(numbers["numbers"]), "worst_relative_difference": worst,
                "ours": {"wall_s": o_wall, "in_process_s": o_in, "read_s": o_read,
                         "peak_rss": o_peak, "timings": o_t},
                "peer": {"wall_s": p_wall, "in_process_s": p_in, "read_s": p_read,
                         "imports_s": med(t["imports_s"] for t in p_t), "peak_rss": p_peak},
                "ratios": {"whole_process": p_wall / o_wall, "in_process": p_in / o_in,
                           "read": p_read / o_read,
                           "ours_peak_over_numeric_bytes": o_peak / numeric_bytes,
                           "ours_read_peak_over_numeric_bytes":
                               read_peak / numeric_bytes if read_peak else None,
                           "peer_peak_over_numeric_bytes": p_peak / numeric_bytes},
            }), flush=True)


if __name__ == "__main__":
    main()
