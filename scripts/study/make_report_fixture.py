#!/usr/bin/env python3
"""Recomputes the numbers of study reports with SciPy, statsmodels and R.

    pip install -r scripts/stats/requirements.txt    # and: apt-get install r-base-core
    python3 scripts/study/make_report_fixture.py

For each protocol of PROTOCOLS (the HFS example, and a small table that takes the report's
other paths) it reads the protocol and the data it names, runs each analysis with the
reference stack, and writes a list of {pointer, expected, reference}, where `pointer` is a
JSON pointer into the report.json that `neuronutri study` writes for that protocol. The test
`study_report.rs` checks every entry to 1e-9 relative.

References (pinned in scripts/stats/requirements.txt):
- means, SDs (ddof=1), quartiles: numpy (percentile, method="linear" = R type 7)
- Shapiro-Wilk: R's shapiro.test (AS R94, in double precision; SciPy's swilk computes in
  single precision and differs from it near 1e-8), by one `Rscript -` process (Debian's
  r-base-core)
- Mann-Whitney U: scipy.stats.mannwhitneyu, method "exact" when both groups have < 50 values
  and no ties, else "asymptotic" with use_continuity=True (R's wilcox.test rule); the
  Hodges-Lehmann shift as the median of all pairwise differences (numpy)
- Welch and Student t: scipy.stats.ttest_ind(equal_var=False / True), confidence_interval(0.95)
- Pearson r: scipy.stats.pearsonr and its confidence_interval(0.95) (Fisher z)
- chi-square: scipy.stats.chi2_contingency(correction=True); Fisher: scipy.stats.fisher_exact
- Spearman rho: scipy.stats.spearmanr; its p where the report uses the t approximation
  (p_method = "asymptotic", or ties present): without ties the report's default follows R
  (AS 89), which SciPy does not implement; those p-values are checked against R by the
  statistics crate's fixtures
- OLS: statsmodels OLS (params, bse, tvalues, pvalues, conf_int, R², adjusted R², F),
  variance_inflation_factor; sr² and LMG from statsmodels sub-model R²
"""
import itertools
import json
import math
import os
import subprocess
import tomllib

import numpy as np
import pandas as pd
import scipy
import scipy.stats as ss
import statsmodels
import statsmodels.api as sm
from statsmodels.stats.multitest import multipletests
from statsmodels.stats.outliers_influence import variance_inflation_factor

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
DATA = os.path.join(ROOT, "crates", "neuronutri", "tests", "data")
PROTOCOLS = [
    (os.path.join(ROOT, "examples", "hfs-study", "protocol.toml"),
     os.path.join(DATA, "hfs_report_reference.json")),
    (os.path.join(DATA, "paths", "protocol.toml"), os.path.join(DATA, "paths_reference.json")),
]
SCIPY = f"scipy {scipy.__version__}"
NUMPY = f"numpy {np.__version__}"
SM = f"statsmodels {statsmodels.__version__}"

entries = []  # of the protocol at hand
shapiro_jobs = []  # (pointer, values): run through R at the end of each protocol


def r_version():
    out = subprocess.run(
        ["Rscript", "-e", "cat(R.version$major, R.version$minor, sep='.')"],
        capture_output=True, text=True, check=True,
    )
    return f"R {out.stdout.strip()}"


def run_shapiro_in_r():
    if not shapiro_jobs:
        return
    lines = []
    for _, x in shapiro_jobs:
        values = ",".join(repr(float(v)) for v in x)
        lines.append(
            f"r <- shapiro.test(c({values})); cat(sprintf('%.17g %.17g\\n', r$statistic, r$p.value))"
        )
    out = subprocess.run(
        ["Rscript", "-"], input="\n".join(lines), capture_output=True, text=True, check=True
    )
    ref = f"{r_version()} shapiro.test (AS R94)"
    for (ptr, _), line in zip(shapiro_jobs, out.stdout.split("\n")):
        w, p = (float(v) for v in line.split())
        put(f"{ptr}/shapiro_w", w, ref)
        put(f"{ptr}/shapiro_p", p, ref)
    shapiro_jobs.clear()


def put(pointer, value, reference):
    value = float(value)
    if math.isfinite(value):
        entries.append({"pointer": pointer, "expected": value, "reference": reference})


def summary(ptr, x):
    x = np.asarray(x, dtype=float)
    x = x[~np.isnan(x)]
    if len(x) == 0:
        return x
    put(f"{ptr}/mean", x.mean(), f"{NUMPY} mean")
    if len(x) >= 2:
        put(f"{ptr}/sd", x.std(ddof=1), f"{NUMPY} std(ddof=1)")
    for key, q in (("q1", 25), ("median", 50), ("q3", 75)):
        put(f"{ptr}/{key}", np.percentile(x, q, method="linear"), f"{NUMPY} percentile(linear)")
    if len(x) >= 3 and x.max() > x.min():
        shapiro_jobs.append((ptr, x))
    return x


def two_groups(ptr, a, b, test, alpha):
    if len(a) < 3 or len(b) < 3:
        return
    if test == "auto":
        normal = all(
            len(x) >= 3 and x.max() > x.min() and ss.shapiro(x)[1] >= alpha for x in (a, b)
        )
        test = "welch" if normal else "mann-whitney"
    if test == "mann-whitney":
        ties = len(np.unique(np.concatenate([a, b]))) < len(a) + len(b)
        exact = len(a) < 50 and len(b) < 50 and not ties
        method = "exact" if exact else "asymptotic"
        r = ss.mannwhitneyu(a, b, alternative="two-sided", method=method, use_continuity=True)
        ref = f"{SCIPY} stats.mannwhitneyu method={method} use_continuity=True"
        put(f"{ptr}/statistic", r.statistic, ref)
        put(f"{ptr}/p_value", r.pvalue, ref)
        put(f"{ptr}/effect/value", 2 * r.statistic / (len(a) * len(b)) - 1, ref + " (2U/(n1 n2) - 1)")
        put(f"{ptr}/shift", np.median(np.subtract.outer(a, b)), f"{NUMPY} median of x_i - y_j")
    else:
        r = ss.ttest_ind(a, b, equal_var=(test == "student"))
        ci = r.confidence_interval(0.95)
        ref = f"{SCIPY} stats.ttest_ind equal_var={test == 'student'}"
        put(f"{ptr}/statistic", r.statistic, ref)
        put(f"{ptr}/df", r.df, ref)
        put(f"{ptr}/p_value", r.pvalue, ref)
        put(f"{ptr}/shift", a.mean() - b.mean(), f"{NUMPY} mean difference")
        put(f"{ptr}/shift_ci/0", ci.low, ref + " confidence_interval(0.95)")
        put(f"{ptr}/shift_ci/1", ci.high, ref + " confidence_interval(0.95)")


def categorical(ptr, counts):
    table = np.array([row for row in counts if sum(row) > 0], dtype=float)
    if table.shape[0] < 2:
        return
    expected = ss.contingency.expected_freq(table)
    if (expected < 5).any() and table.shape == (2, 2):
        odds, p = ss.fisher_exact(table)
        put(f"{ptr}/p_value", p, f"{SCIPY} stats.fisher_exact")
    else:
        chi2, p, df, _ = ss.chi2_contingency(table, correction=True)
        ref = f"{SCIPY} stats.chi2_contingency correction=True"
        put(f"{ptr}/statistic", chi2, ref)
        put(f"{ptr}/df", df, ref)
        put(f"{ptr}/p_value", p, ref)


def r2(y, X):
    if X.shape[1] == 0:
        return 0.0
    return sm.OLS(y, sm.add_constant(X)).fit().rsquared


def fixture(protocol_path, out):
    entries.clear()
    with open(protocol_path, "rb") as fh:
        protocol = tomllib.load(fh)
    data = pd.read_csv(os.path.join(os.path.dirname(protocol_path), protocol["data"]))
    group = protocol["group"]
    # Rows of no group of the protocol are in no group comparison; correlations and
    # regressions use every row unless the table says rows = "groups" (or within).
    in_groups = data[data[group].isin(protocol["groups"])]
    alpha = protocol.get("alpha", 0.05)
    variables = {v["name"]: v for v in protocol["variable"]}

    for ti, table in enumerate(protocol["table"]):
        base = f"/tables/{ti}/results"
        kind = table["kind"]
        rows = in_groups
        if kind in ("correlations", "regression") and table.get("rows", "all") == "all":
            rows = data
        if "within" in table:
            rows = data[data[group] == table["within"]]
        if kind in ("characteristics", "comparison"):
            column = table.get("by", group)
            levels = table.get("groups", protocol["groups"])
            test = table.get("test", "mann-whitney" if kind == "comparison" else "auto")
            for vi, name in enumerate(table["variables"]):
                ptr = f"{base}/rows/{vi}"
                if "levels" in variables[name]:
                    counts = [
                        [int(((rows[column] == g) & (rows[name] == lv)).sum()) for g in levels]
                        for lv in variables[name]["levels"]
                    ]
                    categorical(f"{ptr}/test", counts)
                    continue
                xs = [
                    summary(f"{ptr}/groups/{gi}", rows.loc[rows[column] == g, name])
                    for gi, g in enumerate(levels)
                ]
                two_groups(f"{ptr}/test", xs[0], xs[1], test, alpha)
        elif kind == "correlations":
            pairs = table.get("pairs") or list(itertools.combinations(table["variables"], 2))
            pvalues = []
            for pi, (x, y) in enumerate(pairs):
                both = rows[[x, y]].dropna()
                if table.get("method", "spearman") == "pearson":
                    r = ss.pearsonr(both[x], both[y])
                    ci = r.confidence_interval(0.95)
                    ref = f"{SCIPY} stats.pearsonr"
                    put(f"{base}/rows/{pi}/coefficient", r.statistic, ref)
                    put(f"{base}/rows/{pi}/p_value", r.pvalue, ref)
                    put(f"{base}/rows/{pi}/ci/0", ci.low, ref + " confidence_interval(0.95)")
                    put(f"{base}/rows/{pi}/ci/1", ci.high, ref + " confidence_interval(0.95)")
                    pvalues.append(r.pvalue)
                else:
                    r = ss.spearmanr(both[x], both[y])
                    ref = f"{SCIPY} stats.spearmanr"
                    put(f"{base}/rows/{pi}/coefficient", r.statistic, ref)
                    ties = both[x].nunique() < len(both) or both[y].nunique() < len(both)
                    if ties or table.get("p_method") == "asymptotic":
                        put(f"{base}/rows/{pi}/p_value", r.pvalue, ref + " (t approximation)")
                        pvalues.append(r.pvalue)
            for pi, (x, y) in enumerate(pairs):
                both = rows[[x, y]].dropna()
                slope, intercept = np.polyfit(both[x], both[y], 1)
                put(f"{base}/rows/{pi}/fit/0", intercept, f"{NUMPY} polyfit(deg=1)")
                put(f"{base}/rows/{pi}/fit/1", slope, f"{NUMPY} polyfit(deg=1)")
            if len(pvalues) == len(pairs):  # q needs every p of the table
                q = multipletests(pvalues, method="fdr_bh")[1]
                for pi, value in enumerate(q):
                    put(f"{base}/rows/{pi}/q_value", value, f"{SM} multipletests(fdr_bh)")
        elif kind == "regression":
            preds = table["predictors"]
            both = rows[[table["outcome"]] + preds].dropna()
            y = both[table["outcome"]].to_numpy(float)
            X = both[preds].to_numpy(float)
            fit = sm.OLS(y, sm.add_constant(X)).fit()
            ref = f"{SM} OLS"
            ptr = f"{base}/fit"
            put(f"{ptr}/r_squared", fit.rsquared, ref)
            put(f"{ptr}/adj_r_squared", fit.rsquared_adj, ref)
            put(f"{ptr}/f", fit.fvalue, ref)
            put(f"{ptr}/f_p_value", fit.f_pvalue, ref)
            ci = fit.conf_int(0.05)
            full = fit.rsquared
            sd_y = y.std(ddof=1)
            k = len(preds)
            design = sm.add_constant(X)
            for j in range(k + 1):
                c = f"{ptr}/coefficients/{j}"
                put(f"{c}/estimate", fit.params[j], ref)
                put(f"{c}/std_error", fit.bse[j], ref)
                put(f"{c}/t", fit.tvalues[j], ref)
                put(f"{c}/p_value", fit.pvalues[j], ref)
                put(f"{c}/ci/0", ci[j][0], ref + " conf_int")
                put(f"{c}/ci/1", ci[j][1], ref + " conf_int")
                if j == 0:
                    continue
                i = j - 1
                scale = X[:, i].std(ddof=1) / sd_y
                put(f"{c}/beta", fit.params[j] * scale, ref + " b * SD(x) / SD(y)")
                put(f"{c}/beta_ci/0", ci[j][0] * scale, ref + " conf_int * SD(x) / SD(y)")
                put(f"{c}/beta_ci/1", ci[j][1] * scale, ref + " conf_int * SD(x) / SD(y)")
                others = [m for m in range(k) if m != i]
                put(f"{c}/sr2", full - r2(y, X[:, others]), ref + " R² - R²(without x)")
                # LMG: the increase in R² from adding x, averaged over all orderings, i.e.
                # weighted over subsets S of the others by |S|! (k - 1 - |S|)! / k!.
                lmg = 0.0
                for size in range(k):
                    weight = math.factorial(size) * math.factorial(k - 1 - size) / math.factorial(k)
                    for s in itertools.combinations(others, size):
                        lmg += weight * (r2(y, X[:, list(s) + [i]]) - r2(y, X[:, list(s)]))
                put(f"{c}/lmg", lmg, ref + " sub-model R² (LMG over all orderings)")
                put(f"{c}/vif", variance_inflation_factor(design, j), f"{SM} variance_inflation_factor")

    run_shapiro_in_r()
    os.makedirs(os.path.dirname(out), exist_ok=True)
    with open(out, "w") as fh:
        json.dump(
            {
                "generator": "scripts/study/make_report_fixture.py",
                "protocol": os.path.relpath(protocol_path, ROOT),
                "versions": {
                    "numpy": np.__version__,
                    "scipy": scipy.__version__,
                    "statsmodels": statsmodels.__version__,
                    "pandas": pd.__version__,
                    "R": r_version(),
                },
                "entries": entries,
            },
            fh,
            indent=1,
        )
        fh.write("\n")
    print(f"wrote {len(entries)} reference values to {os.path.relpath(out, ROOT)}")


def main():
    for protocol_path, out in PROTOCOLS:
        fixture(protocol_path, out)


if __name__ == "__main__":
    main()
