#!/usr/bin/env python3
"""Benchmarks neuronutri-stats against SciPy / statsmodels on the same 10^7 rows.

    pip install -r scripts/stats/requirements.txt
    python3 scripts/stats/bench_vs_python.py [--reps 5] [--dir /tmp/neuronutri-bench]

Generates the data once (raw little-endian f64 files), then runs each method
in its own process, so each process's peak RSS (VmHWM) belongs to that method
alone: our `cargo bench --bench large_n` binary and this script in `--peer`
mode. Prints medians, speed ratios and peak memory against the input's bytes.
Not run in CI.
"""
import argparse
import json
import os
import subprocess
import sys
import time

import numpy as np

N = 10_000_000
ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def peak_rss():
    with open("/proc/self/status") as fh:
        for line in fh:
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) * 1024
    return 0


def generate(d):
    os.makedirs(d, exist_ok=True)
    if os.path.exists(os.path.join(d, "done")):
        return
    rng = np.random.default_rng(20240611)
    # Lab-like values rounded to 4 decimals, so ties occur as in real data.
    np.round(rng.normal(1.0, 0.2, N // 2), 4).tofile(os.path.join(d, "mwu_a.f64"))
    np.round(rng.normal(1.001, 0.2, N // 2), 4).tofile(os.path.join(d, "mwu_b.f64"))
    x = np.round(rng.normal(300, 80, N), 4)
    np.round(0.3 * x + rng.normal(0, 60, N), 4).tofile(os.path.join(d, "sp_y.f64"))
    x.tofile(os.path.join(d, "sp_x.f64"))
    del x
    xs = [rng.normal(0, 1, N) for _ in range(5)]
    xs[1] += 0.5 * xs[0]
    y = 2.0 + sum((j + 1) * 0.1 * v for j, v in enumerate(xs)) + rng.normal(0, 1, N)
    y.tofile(os.path.join(d, "ols_y.f64"))
    for j, v in enumerate(xs):
        v.tofile(os.path.join(d, f"ols_x{j + 1}.f64"))
    open(os.path.join(d, "done"), "w").close()


def peer(method, d, reps):
    """Runs SciPy / statsmodels; prints one JSON line like the Rust bench."""
    import scipy.stats as ss
    import statsmodels.api as sm
    times = []
    if method == "mann-whitney":
        a = np.fromfile(os.path.join(d, "mwu_a.f64"))
        b = np.fromfile(os.path.join(d, "mwu_b.f64"))
        inp = a.nbytes + b.nbytes
        for _ in range(reps):
            t = time.perf_counter()
            r = ss.mannwhitneyu(a, b, method="asymptotic")
            times.append(time.perf_counter() - t)
        res = {"u": float(r.statistic), "p_value": float(r.pvalue)}
    elif method == "spearman":
        x = np.fromfile(os.path.join(d, "sp_x.f64"))
        y = np.fromfile(os.path.join(d, "sp_y.f64"))
        inp = x.nbytes + y.nbytes
        for _ in range(reps):
            t = time.perf_counter()
            r = ss.spearmanr(x, y)
            times.append(time.perf_counter() - t)
        res = {"rho": float(r.statistic), "p_value": float(r.pvalue)}
    else:
        y = np.fromfile(os.path.join(d, "ols_y.f64"))
        cols = [np.fromfile(os.path.join(d, f"ols_x{j}.f64")) for j in range(1, 6)]
        inp = y.nbytes + sum(c.nbytes for c in cols)
        for _ in range(reps):
            t = time.perf_counter()
            fit = sm.OLS(y, sm.add_constant(np.column_stack(cols))).fit()
            _ = (fit.params, fit.bse, fit.tvalues, fit.pvalues, fit.rsquared, fit.rsquared_adj,
                 fit.fvalue, fit.f_pvalue)
            times.append(time.perf_counter() - t)
        res = {"r_squared": float(fit.rsquared), "b1": float(fit.params[1]), "se1": float(fit.bse[1])}
    print(json.dumps({"method": method, "median_s": float(np.median(times)), "times_s": times,
                      "input_bytes": inp, "peak_rss_bytes": peak_rss(), "result": res}))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--dir", default="/tmp/neuronutri-bench")
    ap.add_argument("--reps", type=int, default=5)
    ap.add_argument("--peer", nargs=3, metavar=("METHOD", "DIR", "REPS"))
    args = ap.parse_args()
    if args.peer:
        peer(args.peer[0], args.peer[1], int(args.peer[2]))
        return
    generate(args.dir)
    env = dict(os.environ)
    subprocess.run(["cargo", "bench", "-p", "neuronutri-stats", "--bench", "large_n", "--no-run"],
                   cwd=ROOT, env=env, check=True)
    peers = {"mann-whitney": "scipy.stats.mannwhitneyu(method='asymptotic')",
             "spearman": "scipy.stats.spearmanr", "ols": "statsmodels OLS().fit()"}
    rows = []
    for method in ["mann-whitney", "spearman", "ols"]:
        ours = json.loads(subprocess.run(
            ["cargo", "bench", "-q", "-p", "neuronutri-stats", "--bench", "large_n", "--", method, args.dir,
             str(args.reps)], cwd=ROOT, env=env, check=True, capture_output=True, text=True).stdout.strip().splitlines()[-1])
        theirs = json.loads(subprocess.run(
            [sys.executable, __file__, "--peer", method, args.dir, str(args.reps)],
            check=True, capture_output=True, text=True).stdout.strip().splitlines()[-1])
        rows.append((method, ours, theirs))
        print(json.dumps({"ours": ours, "peer": theirs}), flush=True)
    print()
    print(f"{'method':14} {'ours s':>8} {'peer s':>8} {'speedup':>8} {'ours peak/input':>16} {'peer peak/input':>16}  peer")
    for method, o, t in rows:
        print(f"{method:14} {o['median_s']:8.3f} {t['median_s']:8.3f} {t['median_s'] / o['median_s']:7.1f}x "
              f"{o['peak_rss_bytes'] / o['input_bytes']:15.2f}x {t['peak_rss_bytes'] / t['input_bytes']:15.2f}x  {peers[method]}")
        print(f"{'':14} results: ours {o['result']}  peer {t['result']}")


if __name__ == "__main__":
    main()
