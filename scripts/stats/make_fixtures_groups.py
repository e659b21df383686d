#!/usr/bin/env python3
"""Writes crates/neuronutri-stats/test_data/reference_groups.json: the reference values of
the several-group, post-hoc, paired and r×c tests (issue 13, items 1 and 2).

Every case records the function, parameters, inputs, the expected values, which reference
produced them and the tolerance the Rust test applies ("tol": relative, and an absolute
floor where the reference itself is only that accurate). Inputs come from fixed seeds, so
the file is reproducible:

    pip install -r scripts/stats/requirements.txt
    python3 scripts/stats/make_fixtures_groups.py    # about 40 min, mostly the mpmath tails

References (pinned in requirements.txt):
  - one-way ANOVA: SciPy stats.f_oneway (F, p); statsmodels anova_lm of OLS y ~ C(g) (sums of
    squares, so eta squared)
  - Welch's ANOVA: statsmodels stats.oneway.anova_oneway(use_var="unequal")
  - Kruskal-Wallis: SciPy stats.kruskal (tie-corrected H, as R's kruskal.test)
  - r×c chi-square: SciPy stats.chi2_contingency (statistic, p, expected counts); the warning
    is R's chisq.test rule (any expected count < 5)
  - Fisher-Freeman-Halton exact p: every table with the observed margins enumerated in
    Python with exact rational arithmetic (fractions.Fraction), summing those with
    probability <= observed x (1 + 1e-7), R's relative tolerance
  - Tukey HSD: SciPy stats.tukey_hsd (mean differences, p-values, 95% intervals)
  - Games-Howell: pingouin pairwise_gameshowell
  - Dunn + Holm: scikit-posthocs posthoc_dunn (p_adjust=None and "holm")
  - Holm: statsmodels multipletests(method="holm")
  - studentized range: SciPy stats.studentized_range (cdf, sf, ppf) and, for the far tail,
    mpmath quad of the double integral at 30 digits
  - paired t: SciPy stats.ttest_rel + confidence_interval(0.95)
  - Wilcoxon signed-rank: SciPy stats.wilcoxon set to R's wilcox.test(paired = TRUE): the
    zero differences are removed before SciPy is called (R drops them; SciPy's
    zero_method="wilcox" does too, but its method="auto" would then switch rules), method
    "exact" only without ties and zeros and with n < 50 (R's rule; SciPy's own auto rule is
    n <= 50), otherwise "approx" with correction=True/False as R's `correct`
  - McNemar: statsmodels stats.contingency_tables.mcnemar(exact=False, correction=True/False)
"""
import itertools
import json
import math
import os
import sys
from fractions import Fraction

import mpmath
import numpy as np
import pandas as pd
import pingouin
import scikit_posthocs
import scipy
import scipy.stats as ss
import statsmodels
import statsmodels.api as sm
import statsmodels.formula.api as smf
from statsmodels.stats.contingency_tables import mcnemar
from statsmodels.stats.multitest import multipletests
from statsmodels.stats.oneway import anova_oneway

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
OUT = os.path.join(ROOT, "crates", "neuronutri-stats", "test_data", "reference_groups.json")
SCIPY = f"scipy {scipy.__version__}"
SM = f"statsmodels {statsmodels.__version__}"

# Closed forms: the Rust test must agree to 1e-9 relative.
CLOSED = {"rel": 1e-9}
# SciPy's studentized range integrates with nquad(epsabs=1e-11, epsrel=1e-12) and returns
# sf = 1 - cdf, so its p-values are good to about 1e-11 absolute, not relative.
TUKEY_SCIPY = {"rel": 1e-9, "abs": 2e-10}

cases = []


def num(v):
    if v is None:
        return None
    v = float(v)
    if math.isnan(v):
        return "NaN"
    if math.isinf(v):
        return "Infinity" if v > 0 else "-Infinity"
    return v


def arr(a):
    return [num(v) for v in np.asarray(a, dtype=float).ravel()]


def add(name, function, reference, inputs, expected, params=None, tol=CLOSED):
    cases.append({
        "name": name,
        "function": function,
        "reference": reference,
        "params": params or {},
        "inputs": inputs,
        "expected": expected,
        "tol": tol,
    })


def sample(rng, kind, n, shift=0.0, scale=1.0):
    if kind == "normal":
        v = rng.normal(10 + shift, 2 * scale, n)
    elif kind == "lognormal":
        v = rng.lognormal(shift / 5, 0.8 * scale, n)
    elif kind == "heavy":
        v = rng.standard_t(3, n) * scale + shift
    elif kind == "ties":
        v = np.round(rng.normal(3 + shift / 3, 1.5 * scale, n))
    elif kind == "nan":
        v = rng.normal(shift, scale, n)
        v[rng.random(n) < 0.15] = np.nan
    else:
        raise ValueError(kind)
    return v


def clean(v):
    v = np.asarray(v, dtype=float)
    return v[~np.isnan(v)]


def group_inputs(groups):
    return {"groups": [{"name": f"g{i + 1:02d}", "values": arr(g)} for i, g in enumerate(groups)]}


# ---------------------------------------------------------------- k groups
def group_sets():
    """(label, [groups]) of raw samples, some with NaN."""
    rng = np.random.default_rng(13_001)
    sets = []
    designs = [
        (3, [5, 6, 7]), (3, [2, 3, 2]), (4, [10, 12, 8, 15]), (3, [30, 25, 40]),
        (5, [20, 20, 20, 20, 20]), (6, [4, 9, 3, 12, 7, 5]), (3, [200, 150, 180]),
        (8, [15] * 8), (12, [6] * 12), (4, [1, 5, 6, 4]),
    ]
    for k, sizes in designs:
        for kind in ["normal", "lognormal", "heavy", "ties", "nan"]:
            shifts = rng.normal(0, 1, k)
            scales = rng.uniform(0.5, 2.0, k)
            groups = [sample(rng, kind, n, s, c) for n, s, c in zip(sizes, shifts, scales)]
            sets.append((f"k={k} n={sizes} {kind}", groups))
    return sets


def kgroup_cases():
    for label, groups in group_sets():
        cg = [clean(g) for g in groups]
        if min(len(g) for g in cg) < 1:
            continue
        inputs = group_inputs(groups)
        names = [f"g{i + 1:02d}" for i in range(len(cg))]
        n = sum(len(g) for g in cg)
        k = len(cg)
        pooled = np.concatenate(cg)
        within = sum(((g - g.mean()) ** 2).sum() for g in cg)
        if n > k and within > 0:
            r = ss.f_oneway(*cg)
            df = pd.DataFrame({"y": pooled, "g": np.repeat(names, [len(g) for g in cg])})
            table = sm.stats.anova_lm(smf.ols("y ~ C(g)", df).fit())
            ssb, ssw = table["sum_sq"].iloc[0], table["sum_sq"].iloc[1]
            add(f"anova {label}", "one_way_anova",
                f"{SCIPY} stats.f_oneway; {SM} anova_lm(ols(y ~ C(g))) sums of squares", inputs,
                {"f": num(r.statistic), "p_value": num(r.pvalue), "df1": k - 1, "df2": n - k,
                 "n": n, "k": k, "ss_between": num(ssb), "ss_within": num(ssw),
                 "eta_squared": num(ssb / (ssb + ssw))})
        if min(len(g) for g in cg) >= 2 and min(np.var(g) for g in cg) > 0:
            r = anova_oneway(cg, use_var="unequal", welch_correction=True)
            add(f"welch anova {label}", "welch_anova",
                f"{SM} stats.oneway.anova_oneway(use_var='unequal')", inputs,
                {"f": num(r.statistic), "p_value": num(r.pvalue), "df1": num(r.df_num),
                 "df2": num(r.df_denom), "n": n, "k": k})
        if np.ptp(pooled) > 0:
            r = ss.kruskal(*cg)
            ranks = ss.rankdata(pooled)
            bounds = np.cumsum([0] + [len(g) for g in cg])
            add(f"kruskal {label}", "kruskal_wallis", f"{SCIPY} stats.kruskal", inputs,
                {"h": num(r.statistic), "p_value": num(r.pvalue), "df": k - 1, "n": n, "k": k,
                 "mean_ranks": [num(ranks[bounds[i]:bounds[i + 1]].mean()) for i in range(k)]})
    # degenerate inputs: typed errors
    add("anova one group", "one_way_anova", "degenerate: one group is an error",
        {"groups": [{"name": "a", "values": [1.0, 2.0]}]}, {"error": "InvalidParameter"})
    add("anova empty group", "one_way_anova", "degenerate: a group without values is an error",
        {"groups": [{"name": "a", "values": [1.0, 2.0]}, {"name": "b", "values": ["NaN"]}]},
        {"error": "GroupTooSmall"})
    add("anova constant", "one_way_anova", "degenerate: every value equal is an error",
        {"groups": [{"name": "a", "values": [2.0, 2.0]}, {"name": "b", "values": [2.0, 2.0]},
                    {"name": "c", "values": [2.0]}]}, {"error": "ZeroVariance"})
    add("anova no within variance", "one_way_anova",
        "degenerate: constant groups with different means give an infinite F, an error",
        {"groups": [{"name": "a", "values": [1.0, 1.0]}, {"name": "b", "values": [2.0, 2.0]},
                    {"name": "c", "values": [3.0]}]}, {"error": "NotComputable"})
    add("welch constant group", "welch_anova", "degenerate: a constant group has no weight",
        {"groups": [{"name": "a", "values": [1.0, 2.0, 3.0]}, {"name": "b", "values": [2.0, 2.0]},
                    {"name": "c", "values": [3.0, 5.0]}]}, {"error": "ZeroVariance"})
    add("welch one value", "welch_anova", "degenerate: a group of one value is an error",
        {"groups": [{"name": "a", "values": [1.0, 2.0, 3.0]}, {"name": "b", "values": [2.0]},
                    {"name": "c", "values": [3.0, 5.0]}]}, {"error": "GroupTooSmall"})
    add("kruskal constant", "kruskal_wallis", "degenerate: every value equal is an error",
        {"groups": [{"name": "a", "values": [4.0, 4.0]}, {"name": "b", "values": [4.0]},
                    {"name": "c", "values": [4.0, "NaN"]}]}, {"error": "ZeroVariance"})
    add("kruskal infinite", "kruskal_wallis", "degenerate: an infinite value is an error",
        {"groups": [{"name": "a", "values": [4.0, "Infinity"]}, {"name": "b", "values": [1.0]},
                    {"name": "c", "values": [2.0, 3.0]}]}, {"error": "NotComputable"})


def posthoc_cases():
    for label, groups in group_sets():
        cg = [clean(g) for g in groups]
        if min(len(g) for g in cg) < 2 or min(np.var(g) for g in cg) == 0:
            continue
        if len(cg) > 8 and "normal" not in label:
            continue  # keep the fixture small: 66 pairs each
        inputs = group_inputs(groups)
        names = [f"g{i + 1:02d}" for i in range(len(cg))]
        pairs = list(itertools.combinations(range(len(cg)), 2))
        # Tukey HSD
        r = ss.tukey_hsd(*cg)
        ci = r.confidence_interval(0.95)
        add(f"tukey {label}", "tukey_hsd", f"{SCIPY} stats.tukey_hsd + confidence_interval(0.95)",
            inputs, {"comparisons": [
                {"group1": names[i], "group2": names[j], "estimate": num(r.statistic[i, j]),
                 "p_value": num(r.pvalue[i, j]), "ci_low": num(ci.low[i, j]),
                 "ci_high": num(ci.high[i, j])} for i, j in pairs]},
            {"conf_level": 0.95}, TUKEY_SCIPY)
        # Games-Howell
        df = pd.DataFrame({"y": np.concatenate(cg), "g": np.repeat(names, [len(g) for g in cg])})
        gh = pingouin.pairwise_gameshowell(data=df, dv="y", between="g")
        rows = {(a, b): row for a, b, row in zip(gh["A"], gh["B"], gh.itertuples())}
        comps = []
        for i, j in pairs:
            row = rows[(names[i], names[j])]
            comps.append({"group1": names[i], "group2": names[j], "estimate": num(row.diff),
                          "std_error": num(row.se), "statistic": num(row.T), "df": num(row.df),
                          "p_value": num(row.pval)})
        add(f"games-howell {label}", "games_howell",
            f"pingouin {pingouin.__version__} pairwise_gameshowell (studentized range from {SCIPY})",
            inputs, {"comparisons": comps}, {}, TUKEY_SCIPY)
        # Dunn with Holm
        raw = scikit_posthocs.posthoc_dunn(df, val_col="y", group_col="g", p_adjust=None)
        holm = scikit_posthocs.posthoc_dunn(df, val_col="y", group_col="g", p_adjust="holm")
        add(f"dunn {label}", "dunn",
            f"scikit-posthocs {scikit_posthocs.__version__} posthoc_dunn(p_adjust=None and 'holm')",
            inputs, {"comparisons": [
                {"group1": names[i], "group2": names[j],
                 "p_value": num(raw.loc[names[i], names[j]]),
                 "p_adjusted": num(holm.loc[names[i], names[j]])} for i, j in pairs]})
    add("tukey one value each", "tukey_hsd", "degenerate: no residual degrees of freedom",
        {"groups": [{"name": "a", "values": [1.0]}, {"name": "b", "values": [2.0]},
                    {"name": "c", "values": [3.0]}]}, {"error": "TooFewValues"}, {"conf_level": 0.95})
    add("games-howell constant", "games_howell", "degenerate: a constant group is an error",
        {"groups": [{"name": "a", "values": [1.0, 1.0]}, {"name": "b", "values": [2.0, 3.0]},
                    {"name": "c", "values": [3.0, 5.0]}]}, {"error": "ZeroVariance"})
    rng = np.random.default_rng(13_200)
    for n in [1, 2, 3, 6, 10, 45]:
        p = rng.uniform(0, 0.2, n)
        if n > 3:
            p[1] = p[0]
            p[2] = np.nan
        ok = ~np.isnan(p)
        adj = np.full(n, np.nan)
        adj[ok] = multipletests(p[ok], method="holm")[1]
        add(f"holm n={n}", "holm", f"{SM} multipletests(method='holm') on the non-missing values",
            {"p": arr(p)}, {"adjusted": arr(adj)})


# ---------------------------------------------------------------- studentized range
def mp_tukey_sf(q, k, df):
    """P(Q > q) by mpmath quad: the outer integral over s = sqrt(chi2_df / df), the inner
    over the largest of k normals, with the inner tail written without cancellation."""
    mp = mpmath
    k = mp.mpf(k)
    df = mp.mpf(df)
    q = mp.mpf(q)

    def range_sf(w):
        def f(z):
            a = mp.ncdf(z)
            b = mp.ncdf(z - w)
            return mp.npdf(z) * (a ** (k - 1) - (a - b) ** (k - 1))
        return k * mp.quad(f, [-mp.inf, -3, 0, w / 2, w, mp.inf])

    log_c = df / 2 * mp.log(df / 2) - mp.loggamma(df / 2) + mp.log(2)

    def g(s):
        if s == 0:
            return mp.mpf(0)
        return mp.exp(log_c + (df - 1) * mp.log(s) - df * s * s / 2) * range_sf(q * s)

    mode = mp.sqrt((df - 1) / df) if df > 1 else mp.mpf("0.5")
    width = 1 / mp.sqrt(2 * df)
    pts = [0] + [p for p in [mode - 8 * width, mode - 3 * width, mode, mode + 3 * width,
                             mode + 8 * width] if p > 0] + [mp.inf]
    return mp.quad(g, sorted(set(pts)))


def tukey_dist_cases():
    for k in [2, 3, 4, 6, 10, 20]:
        for df in [2, 5, 10, 30, 120, 1000]:
            for q in [0.5, 1.5, 3.0, 4.5, 7.0]:
                sf = ss.studentized_range.sf(q, k, df)
                cdf = ss.studentized_range.cdf(q, k, df)
                add(f"ptukey q={q} k={k} df={df}", "tukey_dist",
                    f"{SCIPY} stats.studentized_range cdf/sf", {"q": q},
                    {"cdf": num(cdf), "sf": num(sf)}, {"k": k, "df": df}, TUKEY_SCIPY)
            for p in [0.95]:  # each quantile costs about ten p-values in the test
                add(f"qtukey p={p} k={k} df={df}", "tukey_quantile",
                    f"{SCIPY} stats.studentized_range.ppf", {"p": p},
                    {"value": num(ss.studentized_range.ppf(p, k, df))}, {"k": k, "df": df},
                    {"rel": 1e-8})
    # the far upper tail, where SciPy's 1 - cdf has no digits left
    with mpmath.workdps(30):
        for q, k, df in [(8.0, 3, 20), (10.0, 4, 60), (12.0, 5, 200), (6.5, 2, 10),
                         (9.0, 10, 40), (15.0, 3, 1000)]:
            sf = mp_tukey_sf(q, k, df)
            add(f"ptukey far tail q={q} k={k} df={df}", "tukey_dist",
                "mpmath 1.3.0 quad of the studentized range double integral (30 digits)",
                {"q": q}, {"sf": num(sf)}, {"k": k, "df": df}, {"rel": 1e-9})
            print(f"  mpmath ptukey q={q} k={k} df={df}: sf={mpmath.nstr(sf, 12)}", file=sys.stderr)


# ---------------------------------------------------------------- r×c tables
def ffh_exact(t):
    """The exact Fisher-Freeman-Halton p-value by enumerating every table with the margins of
    `t`, in rational arithmetic."""
    rows = [sum(r) for r in t]
    cols = [sum(c) for c in zip(*t)]
    n = sum(rows)
    fact = [math.factorial(i) for i in range(n + 1)]
    const = Fraction(math.prod(fact[r] for r in rows) * math.prod(fact[c] for c in cols), fact[n])

    def prob(cells):
        return const / math.prod(fact[v] for v in cells)

    observed = prob([v for r in t for v in r])
    cut = observed * Fraction(10 ** 7 + 1, 10 ** 7)
    total = Fraction(0)
    count = 0
    r, c = len(rows), len(cols)

    def columns(j, rem, cells):
        nonlocal total, count
        if j == c - 1:
            full = cells + [rem]
            flat = [full[jj][i] for i in range(r) for jj in range(c)]
            p = prob(flat)
            count += 1
            if p <= cut:
                total += p
            return
        for col in compositions(cols[j], rem):
            columns(j + 1, [a - b for a, b in zip(rem, col)], cells + [col])

    def compositions(s, caps, i=0):
        if i == len(caps) - 1:
            if s <= caps[i]:
                yield [s]
            return
        after = sum(caps[i + 1:])
        for v in range(max(0, s - after), min(caps[i], s) + 1):
            for rest in compositions(s - v, caps, i + 1):
                yield [v] + rest

    columns(0, rows, [])
    return total, count


def table_cases():
    rng = np.random.default_rng(13_300)
    tables = [
        [[3, 1, 4], [1, 5, 2]], [[2, 0, 3], [0, 4, 1]], [[5, 2, 1], [1, 3, 6], [2, 2, 2]],
        [[1, 2, 3, 4], [4, 3, 2, 1]], [[0, 3, 1], [2, 0, 2], [3, 1, 0]], [[8, 2], [2, 6], [3, 3]],
        [[1, 1, 1], [1, 1, 1]], [[6, 0, 0], [0, 6, 0], [0, 0, 6]], [[4, 3], [3, 4]],
        [[2, 3, 1, 0, 4], [3, 1, 2, 4, 0]], [[10, 2, 3], [1, 9, 4]],
    ]
    tables += [rng.integers(0, 6, (3, 3)).tolist() for _ in range(4)]
    tables += [rng.integers(0, 5, (2, 5)).tolist() for _ in range(3)]
    tables += [rng.integers(0, 4, (3, 4)).tolist() for _ in range(3)]
    for t in tables:
        t = [[int(v) for v in row] for row in t]
        if min(sum(r) for r in t) == 0 or min(sum(c) for c in zip(*t)) == 0:
            continue
        p, count = ffh_exact(t)
        add(f"fisher rxc {t}", "fisher_rxc",
            f"exact enumeration of all {count} tables with the margins, Python fractions",
            {"table": t}, {"p_value": float(p), "method": "exact"}, {"method": "exact"})
        r = ss.chi2_contingency(np.array(t), correction=False)
        exp = {"chi2": num(r.statistic), "df": r.dof, "p_value": num(r.pvalue),
               "min_expected": num(r.expected_freq.min())}
        exp["warning"] = "Chi-squared approximation may be incorrect" if r.expected_freq.min() < 5 else None
        add(f"chisq rxc {t}", "chi_square",
            f"{SCIPY} stats.chi2_contingency (correction only for 2x2, as R); warning rule of R's chisq.test",
            {"table": t}, exp, {"yates": False})
    # larger tables: chi-square only, expected counts large and small
    for shape in [(3, 5), (4, 4), (6, 3)]:
        for lam in [2, 30]:
            t = (rng.poisson(lam, shape) + 1).tolist()
            r = ss.chi2_contingency(np.array(t), correction=False)
            exp = {"chi2": num(r.statistic), "df": r.dof, "p_value": num(r.pvalue),
                   "min_expected": num(r.expected_freq.min())}
            exp["warning"] = "Chi-squared approximation may be incorrect" if r.expected_freq.min() < 5 else None
            add(f"chisq rxc {t}", "chi_square", f"{SCIPY} stats.chi2_contingency",
                {"table": t}, exp, {"yates": False})
    # Monte Carlo: the exact p-value known, the simulation must land within 5 standard errors
    for t in [[[4, 2, 6, 1], [3, 5, 1, 4], [2, 4, 3, 5]], [[7, 3, 2, 5, 4], [2, 6, 5, 3, 4]]]:
        p, count = ffh_exact(t)
        add(f"fisher rxc monte carlo {t}", "fisher_rxc",
            f"exact enumeration of all {count} tables, Python fractions; the Monte Carlo "
            "p-value (100000 tables) must be within 5 standard errors",
            {"table": t}, {"p_value": float(p), "method": "monte-carlo"},
            {"method": "monte-carlo", "replicates": 100000, "seed": 7},
            {"monte_carlo_se": 5})
    add("fisher rxc zero margin", "fisher_rxc", "degenerate: one non-empty row is an error",
        {"table": [[0, 0, 0], [1, 2, 3]]}, {"error": "ZeroMargin"}, {"method": "auto"})
    add("fisher rxc fraction", "fisher_rxc", "degenerate: a non-integer count is an error",
        {"table": [[1.5, 0, 2], [1, 2, 3]]}, {"error": "InvalidParameter"}, {"method": "auto"})


# ---------------------------------------------------------------- paired
def paired_cases():
    rng = np.random.default_rng(13_400)
    for n in [3, 5, 8, 12, 20, 30, 49, 50, 80, 300]:
        for kind in ["normal", "lognormal", "ties", "zeros", "nan"]:
            x = rng.normal(10, 2, n)
            y = x + rng.normal(0.4, 1.0, n)
            if kind == "lognormal":
                x, y = np.exp(x / 5), np.exp(y / 5)
            if kind == "ties":
                x, y = np.round(x), np.round(y + 0.3)
            if kind == "zeros":
                y = np.round(x + rng.normal(0.3, 1.0, n), 1)
                x = np.round(x, 1)
                y[: max(1, n // 6)] = x[: max(1, n // 6)]
            if kind == "nan":
                x[rng.random(n) < 0.1] = np.nan
                y[rng.random(n) < 0.1] = np.nan
            ok = ~np.isnan(x) & ~np.isnan(y)
            xc, yc = x[ok], y[ok]
            d = xc - yc
            inputs = {"x": arr(x), "y": arr(y)}
            for alt in ["two-sided", "less", "greater"]:
                if len(d) >= 2 and np.std(d) > 0:
                    r = ss.ttest_rel(xc, yc, alternative=alt)
                    ci = r.confidence_interval(0.95)
                    add(f"paired t {kind} n={n} {alt}", "paired_t",
                        f"{SCIPY} stats.ttest_rel + confidence_interval(0.95)", inputs,
                        {"t": num(r.statistic), "df": num(r.df), "p_value": num(r.pvalue),
                         "mean_diff": num(d.mean()), "ci_low": num(ci.low), "ci_high": num(ci.high),
                         "n": int(len(d)), "cohens_dz": num(d.mean() / d.std(ddof=1))},
                        {"alternative": alt})
                nz = d[d != 0]
                if len(nz) == 0:
                    continue
                ties = len(np.unique(np.abs(nz))) < len(nz)
                zeros = len(nz) < len(d)
                ranks = ss.rankdata(np.abs(nz))
                v = float(ranks[nz > 0].sum())
                total = len(nz) * (len(nz) + 1) / 2
                exact = len(nz) < 50 and not ties and not zeros
                corrections = [True] if exact else [True, False]
                for corr in corrections:
                    method = "exact" if exact else "approx"
                    r = ss.wilcoxon(nz, zero_method="wilcox", correction=corr, alternative=alt,
                                    method=method)
                    exp = {"v": v, "p_value": num(r.pvalue), "n": int(len(nz)),
                           "n_zero": int(len(d) - len(nz)), "n_pairs": int(len(d)),
                           "method": "exact" if exact else "asymptotic",
                           "rank_biserial": (2 * v - total) / total}
                    add(f"wilcoxon {kind} n={n} {alt} correct={corr}", "wilcoxon_signed_rank",
                        f"{SCIPY} stats.wilcoxon(zeros removed, method={method!r}, correction={corr})",
                        inputs, exp, {"alternative": alt, "method": "auto", "correct": corr})
    # R's fallback: exact asked for, ties present
    x = [1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0, 8.0]
    y = [2.0, 1.0, 5.0, 6.0, 3.0, 9.0, 10.0, 9.0]
    d = np.array(x) - np.array(y)
    r = ss.wilcoxon(d, correction=True, method="approx")
    add("wilcoxon exact asked with ties", "wilcoxon_signed_rank",
        f"{SCIPY} stats.wilcoxon(method='approx', correction=True): R falls back to the normal approximation",
        {"x": x, "y": y}, {"p_value": num(r.pvalue), "method": "asymptotic"},
        {"alternative": "two-sided", "method": "exact", "correct": True})
    add("wilcoxon all zero", "wilcoxon_signed_rank", "degenerate: every difference zero is an error",
        {"x": [1.0, 2.0, 3.0], "y": [1.0, 2.0, 3.0]}, {"error": "ZeroVariance"},
        {"alternative": "two-sided", "method": "auto", "correct": True})
    add("paired t lengths differ", "paired_t", "degenerate: unequal lengths are an error",
        {"x": [1.0, 2.0, 3.0], "y": [1.0, 2.0]}, {"error": "LengthMismatch"},
        {"alternative": "two-sided"})
    add("paired t constant difference", "paired_t", "degenerate: constant differences are an error",
        {"x": [1.0, 2.0, 3.0], "y": [0.0, 1.0, 2.0]}, {"error": "ZeroVariance"},
        {"alternative": "two-sided"})
    tables = [[[10, 5], [2, 12]], [[30, 12], [4, 40]], [[5, 3], [3, 5]], [[0, 7], [1, 0]],
              [[100, 25], [40, 80]], [[2, 1], [0, 3]], [[794, 86], [150, 570]]]
    for t in tables:
        for corr in [True, False]:
            r = mcnemar(np.array(t), exact=False, correction=corr)
            add(f"mcnemar {t} correct={corr}", "mcnemar",
                f"{SM} contingency_tables.mcnemar(exact=False, correction={corr})",
                {"table": t}, {"chi2": num(r.statistic), "p_value": num(r.pvalue)},
                {"correct": corr})
    add("mcnemar no discordant", "mcnemar", "degenerate: b + c = 0 is an error",
        {"table": [[5, 0], [0, 7]]}, {"error": "NotComputable"}, {"correct": True})


SECTIONS = [kgroup_cases, posthoc_cases, tukey_dist_cases, table_cases, paired_cases]


def main():
    import time
    for section in SECTIONS:
        t0 = time.time()
        section()
        print(f"{section.__name__}: {time.time() - t0:.1f}s", file=sys.stderr)
    with open(OUT, "w") as fh:
        json.dump({"generator": "scripts/stats/make_fixtures_groups.py",
                   "versions": {"scipy": scipy.__version__, "numpy": np.__version__,
                                "statsmodels": statsmodels.__version__,
                                "pingouin": pingouin.__version__,
                                "scikit-posthocs": scikit_posthocs.__version__,
                                "mpmath": mpmath.__version__},
                   "cases": cases}, fh, indent=None, separators=(",", ":"))
        fh.write("\n")
    counts = {}
    for c in cases:
        counts[c["function"]] = counts.get(c["function"], 0) + 1
    print(f"wrote {len(cases)} cases to {os.path.relpath(OUT, ROOT)}")
    for k in sorted(counts):
        print(f"  {k}: {counts[k]}")


if __name__ == "__main__":
    main()
