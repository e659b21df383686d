#!/usr/bin/env python3
"""Writes crates/neuronutri-stats/test_data/reference.json.

Every case records the function, parameters, inputs, expected values and which
reference produced them (SciPy / statsmodels at the pinned versions of
requirements.txt, mpmath, or R's r-base-core). Inputs are generated from fixed seeds, so the file is reproducible:

    pip install -r scripts/stats/requirements.txt
    apt-get install -y r-base-core
    python3 scripts/stats/make_fixtures.py

The R cases are run by one `Rscript -` process fed from this script.
"""
import itertools
import json
import math
import os
import sys

import mpmath
import numpy as np
import scipy
import scipy.special
import scipy.stats as ss
import statsmodels
import statsmodels.api as sm

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
OUT = os.path.join(ROOT, "crates", "neuronutri-stats", "test_data", "reference.json")
SCIPY = f"scipy {scipy.__version__}"
SM = f"statsmodels {statsmodels.__version__}"
mpmath.mp.dps = 60

cases = []


def num(v):
    """JSON-safe float: NaN and infinities as strings."""
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


def add(name, function, reference, inputs, expected, params=None):
    cases.append({
        "name": name,
        "function": function,
        "reference": reference,
        "params": params or {},
        "inputs": inputs,
        "expected": {k: num(v) if not isinstance(v, (list, dict, str)) else v
                     for k, v in expected.items()},
    })


def mp_betainc(a, b, x, small=1e-300):
    """(I_x(a, b), 1 - I_x(a, b)) by the positive series
    I_x(a, b) = x^a y^b / (a B(a, b)) * sum_k (a+b)_k / (a+1)_k x^k, summed on
    whichever side (x or 1 - x) converges faster. The other side is 1 minus it,
    so the working precision gets -log10(small) extra digits, where `small`
    bounds the smaller of the two results from below."""
    dps = int(50 + max(0.0, -math.log10(max(small, 1e-320))))
    with mpmath.workdps(dps):
        a, b, x = mpmath.mpf(a), mpmath.mpf(b), mpmath.mpf(x)
        y = 1 - x
        swap = y < x
        if swap:
            a, b, x, y = b, a, y, x
        lb = mpmath.loggamma(a) + mpmath.loggamma(b) - mpmath.loggamma(a + b)
        total, term, k = mpmath.mpf(1), mpmath.mpf(1), 0
        eps = mpmath.mpf(10) ** (-dps + 5)
        while True:
            term *= (a + b + k) / (a + 1 + k) * x
            total += term
            k += 1
            if term < eps * total and (a + b + k) * x < (a + 1 + k):
                break
        v = mpmath.exp(a * mpmath.log(x) + b * mpmath.log(y) - lb) / a * total
        return (1 - v, v) if swap else (v, 1 - v)


# ---------------------------------------------------------------- distributions
def dist_cases():
    mp = mpmath.mpf
    levels = [1e-300, 1e-100, 1e-20, 1e-8, 1e-3, 0.05, 0.3, 0.5, 0.8, 0.999]
    for lvl in levels:
        z = float(ss.norm.isf(lvl))
        if not math.isfinite(z):
            continue
        for zz in (z, -z):
            sf = mpmath.erfc(mp(zz) / mpmath.sqrt(2)) / 2
            cdf = mpmath.erfc(-mp(zz) / mpmath.sqrt(2)) / 2
            add(f"normal z={zz!r}", "normal", "mpmath 1.3.0 erfc", {"x": zz},
                {"cdf": float(cdf), "sf": float(sf)})
    for df in [1, 2, 2.5, 7, 30, 1e3, 1e5, 1e6, 1e7]:
        for lvl in levels:
            t = float(ss.t.isf(lvl, df))
            if not math.isfinite(t) or t == 0 or abs(t) > 1e150:
                continue
            for tt in (t, -t):
                tm = mp(tt)
                x = mp(df) / (mp(df) + tm * tm)
                tail = mp_betainc(mp(df) / 2, mp(1) / 2, x, float(ss.t.sf(abs(tt), df)))[0] / 2
                sf = tail if tt > 0 else 1 - tail
                cdf = 1 - tail if tt > 0 else tail
                add(f"t df={df} t={tt!r}", "t", "mpmath 1.3.0 2F1 series", {"x": tt},
                    {"cdf": float(cdf), "sf": float(sf)}, {"df": df})
    for df in [1, 2, 3.5, 10, 100, 1e4, 1e6, 1e7]:
        for lvl in levels:
            x = float(ss.chi2.isf(lvl, df))
            if not math.isfinite(x) or x <= 0:
                continue
            # P(a, x) = x^a e^-x / Γ(a+1) * 1F1(1; a+1; x); Q = 1 - P with enough
            # extra digits that the subtraction keeps 40 significant ones.
            extra = max(0.0, -math.log10(max(float(ss.chi2.sf(x, df)), 1e-320)))
            with mpmath.workdps(int(50 + extra)):
                a, xx = mp(df) / 2, mp(x) / 2
                cdf = mpmath.exp(a * mpmath.log(xx) - xx - mpmath.loggamma(a + 1)) * \
                    mpmath.hyp1f1(1, a + 1, xx, maxterms=10**8)
                sf = 1 - cdf
            add(f"chi2 df={df} x={x!r}", "chi2", "mpmath 1.3.0 hyp1f1 series", {"x": x},
                {"cdf": float(cdf), "sf": float(sf)}, {"df": df})
    for d1, d2 in [(1, 1), (2, 10), (5, 3), (3, 100), (10, 1e6), (1, 1e7), (5, 1e7), (1e7, 1e7), (1e6, 30)]:
        for lvl in levels:
            f = float(ss.f.isf(lvl, d1, d2))
            if not math.isfinite(f) or f <= 0 or f > 1e250:
                continue
            a, b = mp(d1) / 2, mp(d2) / 2
            xx = mp(d1) * mp(f) / (mp(d1) * mp(f) + mp(d2))
            cdf, sf = mp_betainc(a, b, xx, min(float(ss.f.sf(f, d1, d2)), float(ss.f.cdf(f, d1, d2))))
            add(f"F d1={d1} d2={d2} f={f!r}", "f", "mpmath 1.3.0 2F1 series", {"x": f},
                {"cdf": float(cdf), "sf": float(sf)}, {"df1": d1, "df2": d2})
    for p in [1e-300, 1e-20, 1e-5, 0.025, 0.3, 0.5, 0.7, 0.975, 1 - 1e-10]:
        q = mpmath.sqrt(2) * mpmath.erfinv(2 * mp(p) - 1) if p > 1e-20 else None
        if q is None:
            q = mpmath.findroot(lambda z: mpmath.erfc(-z / mpmath.sqrt(2)) / 2 - p,
                                float(ss.norm.ppf(p)))
        add(f"normal quantile p={p!r}", "normal_quantile", "mpmath 1.3.0 erfinv/findroot",
            {"p": p}, {"value": float(q)})
    for df in [1, 2, 3, 4.5, 10, 29, 1e3, 1e6, 1e7]:
        for p in [0.0005, 0.025, 0.1, 0.6, 0.975]:
            def cdf(t, df=df):
                x = mp(df) / (mp(df) + t * t)
                tail = mp_betainc(mp(df) / 2, mp(1) / 2, x, 1e-4)[0] / 2
                return tail if t < 0 else 1 - tail
            q = mpmath.findroot(lambda t: cdf(t) - p, float(ss.t.ppf(p, df)))
            add(f"t quantile df={df} p={p}", "t_quantile", "mpmath 1.3.0 findroot(2F1 series)",
                {"p": p}, {"value": float(q)}, {"df": df})


# ---------------------------------------------------------------- data
def datasets(seed, n, kind):
    rng = np.random.default_rng(seed)
    if kind == "normal":
        return rng.normal(10, 2, n)
    if kind == "lognormal":
        return rng.lognormal(0, 1, n)
    if kind == "heavy":
        return rng.standard_t(2, n)
    if kind == "ties":
        return np.round(rng.normal(3, 1.5, n))
    if kind == "constant":
        return np.full(n, 4.25)
    if kind == "nan":
        v = rng.normal(0, 1, n)
        v[rng.random(n) < 0.15] = np.nan
        return v
    raise ValueError(kind)


KINDS = ["normal", "lognormal", "heavy", "ties", "nan"]
R_CASES = []  # (case dict without expected, R expression lines) filled by R sections


def r_vec(v):
    return "c(" + ",".join("NA" if math.isnan(x) else repr(float(x)) for x in v) + ")"


def hl_median(x, y):
    return float(np.median(np.subtract.outer(x, y).ravel()))


# ---------------------------------------------------------------- Mann-Whitney
def mwu_cases():
    seed = 100
    sizes = [(3, 4), (5, 5), (8, 8), (9, 7), (12, 20), (30, 25), (49, 49), (50, 49), (60, 75), (200, 150), (1000, 1200)]
    for (n1, n2) in sizes:
        for kind in KINDS:
            seed += 1
            x = datasets(seed, n1, kind)
            y = datasets(seed + 5000, n2, kind) + (0.7 if kind != "ties" else 1.0)
            xc, yc = x[~np.isnan(x)], y[~np.isnan(y)]
            for alt in ["two-sided", "less", "greater"]:
                for cc in ([True, False] if alt == "two-sided" else [True]):
                    r = ss.mannwhitneyu(x, y, alternative=alt, method="asymptotic",
                                        use_continuity=cc, nan_policy="omit")
                    u = float(r.statistic)
                    add(f"mwu asymptotic {kind} n={n1},{n2} {alt} cc={cc}", "mann_whitney",
                        f"{SCIPY} stats.mannwhitneyu method=asymptotic use_continuity={cc}",
                        {"x": arr(x), "y": arr(y)},
                        {"u": u, "p_value": r.pvalue, "rank_biserial": 2 * u / (len(xc) * len(yc)) - 1,
                         "hodges_lehmann": hl_median(xc, yc), "n1": len(xc), "n2": len(yc)},
                        {"method": "asymptotic", "alternative": alt, "correct": cc})
            has_ties = len(np.unique(np.concatenate([xc, yc]))) < len(xc) + len(yc)
            if not has_ties and max(n1, n2) <= 200:
                for alt in ["two-sided", "less", "greater"]:
                    r = ss.mannwhitneyu(x, y, alternative=alt, method="exact", nan_policy="omit")
                    add(f"mwu exact {kind} n={n1},{n2} {alt}", "mann_whitney",
                        f"{SCIPY} stats.mannwhitneyu method=exact",
                        {"x": arr(x), "y": arr(y)},
                        {"u": r.statistic, "p_value": r.pvalue, "n1": len(xc), "n2": len(yc)},
                        {"method": "exact", "alternative": alt})
    # Exact conditional distribution with ties: enumerate every split.
    for (n1, n2), s in [((4, 5), 1), ((6, 6), 2), ((7, 9), 3), ((10, 8), 4), ((9, 11), 5), ((3, 12), 6)]:
        rng = np.random.default_rng(700 + s)
        pooled = np.round(rng.normal(0, 1.2, n1 + n2))
        pooled[:n1] += s % 2
        x, y = pooled[:n1], pooled[n1:]
        ranks = ss.rankdata(pooled)
        r1 = ranks[:n1].sum()
        sums = np.array([ranks[list(c)].sum() for c in itertools.combinations(range(n1 + n2), n1)])
        le = np.mean(sums <= r1 + 1e-9)
        ge = np.mean(sums >= r1 - 1e-9)
        u = r1 - n1 * (n1 + 1) / 2
        for alt, p in [("two-sided", min(1.0, 2 * min(le, ge))), ("less", le), ("greater", ge)]:
            add(f"mwu exact ties n={n1},{n2} seed={s} {alt}", "mann_whitney",
                "python itertools: all C(n1+n2, n1) splits of the mid-ranks",
                {"x": arr(x), "y": arr(y)}, {"u": u, "p_value": p, "n1": n1, "n2": n2},
                {"method": "exact", "alternative": alt})
    add("mwu all equal", "mann_whitney", "degenerate: zero variance is an error",
        {"x": [2.0] * 6, "y": [2.0] * 7}, {"error": "ZeroVariance"}, {"method": "asymptotic"})
    add("mwu empty group", "mann_whitney", "degenerate: empty sample is an error",
        {"x": ["NaN", "NaN"], "y": [1.0, 2.0]}, {"error": "TooFewValues"}, {"method": "auto"})
    # R: exact confidence interval of the shift (no ties).
    for (n1, n2), s in [((5, 6), 1), ((10, 12), 2), ((20, 15), 3), ((40, 45), 4)]:
        x = datasets(900 + s, n1, "lognormal")
        y = datasets(950 + s, n2, "lognormal") * 1.5
        R_CASES.append(({"name": f"mwu exact CI n={n1},{n2}", "function": "mann_whitney",
                         "params": {"method": "exact", "alternative": "two-sided"},
                         "inputs": {"x": arr(x), "y": arr(y)}},
                        f"r <- wilcox.test({r_vec(x)}, {r_vec(y)}, exact=TRUE, conf.int=TRUE); "
                        "out(c(u=unname(r$statistic), p_value=r$p.value, hodges_lehmann=unname(r$estimate), "
                        "ci_low=r$conf.int[1], ci_high=r$conf.int[2]))",
                        "R wilcox.test exact=TRUE conf.int=TRUE"))


# ---------------------------------------------------------------- t tests
def ttest_cases():
    seed = 2000
    for (n1, n2) in [(2, 2), (3, 5), (10, 10), (15, 40), (100, 80), (1000, 30)]:
        for kind in KINDS:
            seed += 1
            x = datasets(seed, n1, kind)
            y = datasets(seed + 1, n2, kind) * 1.3 + 0.4
            xc, yc = x[~np.isnan(x)], y[~np.isnan(y)]
            if len(xc) < 2 or len(yc) < 2:
                continue
            for eq in [False, True]:
                for alt in ["two-sided", "less", "greater"]:
                    r = ss.ttest_ind(x, y, equal_var=eq, alternative=alt, nan_policy="omit")
                    ci = r.confidence_interval(0.95)
                    m = len(xc) + len(yc) - 2
                    sp = math.sqrt(((len(xc) - 1) * np.var(xc, ddof=1) + (len(yc) - 1) * np.var(yc, ddof=1)) / m)
                    d = (xc.mean() - yc.mean()) / sp
                    j = math.exp(scipy.special.gammaln(m / 2) - scipy.special.gammaln((m - 1) / 2)) / math.sqrt(m / 2)
                    fn = "student_t" if eq else "welch_t"
                    add(f"{fn} {kind} n={n1},{n2} {alt}", fn,
                        f"{SCIPY} stats.ttest_ind equal_var={eq} + confidence_interval(0.95)",
                        {"x": arr(x), "y": arr(y)},
                        {"t": r.statistic, "df": r.df, "p_value": r.pvalue, "mean_diff": xc.mean() - yc.mean(),
                         "ci_low": ci.low, "ci_high": ci.high, "cohens_d": d, "hedges_g": d * j},
                        {"alternative": alt})
    add("welch constant", "welch_t", "degenerate: zero variance is an error",
        {"x": [1.0, 1.0, 1.0], "y": [1.0, 1.0]}, {"error": "ZeroVariance"})
    add("student one value", "student_t", "degenerate: n < 2 is an error",
        {"x": [1.0], "y": [1.0, 2.0]}, {"error": "TooFewValues"})


# ---------------------------------------------------------------- correlation
def corr_cases():
    seed = 3000
    for n in [3, 4, 5, 8, 9, 10, 11, 25, 100, 1289, 1290, 1291, 3000]:
        for kind in KINDS:
            seed += 1
            x = datasets(seed, n, kind)
            y = 0.4 * np.nan_to_num(x, nan=0.0) + datasets(seed + 1, n, kind)
            ok = ~np.isnan(x) & ~np.isnan(y)
            if ok.sum() < 3 or np.ptp(x[ok]) == 0 or np.ptp(y[ok]) == 0:
                continue
            for alt in ["two-sided", "less", "greater"]:
                r = ss.pearsonr(x[ok], y[ok], alternative=alt)
                ci = r.confidence_interval(0.95)
                exp = {"r": r.statistic, "p_value": r.pvalue, "n": int(ok.sum())}
                if ok.sum() > 3:
                    exp.update({"ci_low": ci.low, "ci_high": ci.high})
                add(f"pearson {kind} n={n} {alt}", "pearson", f"{SCIPY} stats.pearsonr + confidence_interval(0.95)",
                    {"x": arr(x), "y": arr(y)}, exp, {"alternative": alt})
                r = ss.spearmanr(x, y, alternative=alt, nan_policy="omit")
                if 0 < 1 - abs(r.statistic) < 1e-12:
                    # A perfect rank correlation that SciPy's floating-point
                    # corrcoef rounds below 1: its p-value is an artifact.
                    continue
                add(f"spearman t {kind} n={n} {alt}", "spearman", f"{SCIPY} stats.spearmanr (t approximation)",
                    {"x": arr(x), "y": arr(y)}, {"rho": r.statistic, "p_value": r.pvalue, "n": int(ok.sum())},
                    {"alternative": alt, "method": "asymptotic"})
            xs, ys = x[ok], y[ok]
            ties = len(np.unique(xs)) < len(xs) or len(np.unique(ys)) < len(ys)
            if not ties and len(xs) <= 1290:
                for alt in ["two-sided", "less", "greater"]:
                    R_CASES.append(({"name": f"spearman R exact {kind} n={n} {alt}", "function": "spearman",
                                     "params": {"alternative": alt, "method": "exact"},
                                     "inputs": {"x": arr(x), "y": arr(y)}},
                                    f"r <- cor.test({r_vec(x)}, {r_vec(y)}, method='spearman', exact=TRUE, "
                                    f"alternative='{alt.replace('-', '.')}'); out(c(rho=unname(r$estimate), p_value=r$p.value))",
                                    "R cor.test method=spearman exact=TRUE (AS 89)"))
    add("pearson constant", "pearson", "degenerate: zero variance is an error",
        {"x": [1.0, 1.0, 1.0, 1.0], "y": [1.0, 2.0, 3.0, 5.0]}, {"error": "ZeroVariance"})
    add("spearman two pairs", "spearman", "degenerate: n < 3 is an error",
        {"x": [1.0, 2.0, "NaN"], "y": [1.0, 2.0, 3.0]}, {"error": "TooFewValues"}, {"method": "auto"})


# ---------------------------------------------------------------- contingency
def contingency_cases():
    rng = np.random.default_rng(4000)
    tables = [[[12, 5], [3, 9]], [[1, 9], [11, 3]], [[0, 5], [5, 0]], [[20, 30], [25, 25]],
              [[100, 3], [2, 95]], [[3, 1], [1, 3]], [[7, 0], [2, 4]], [[150, 160], [140, 170]],
              [[1, 1], [1, 1]], [[2, 3], [4, 5]]]
    tables += [rng.integers(0, 40, (2, 2)).tolist() for _ in range(12)]
    tables += [[[1000, 1], [1, 1000]]]
    for t in tables:
        t = [[int(v) for v in row] for row in t]
        if min(sum(r) for r in t) == 0 or min(t[0][j] + t[1][j] for j in range(2)) == 0:
            continue
        for corr in [True, False]:
            r = ss.chi2_contingency(np.array(t), correction=corr)
            add(f"chisq {t} yates={corr}", "chi_square", f"{SCIPY} stats.chi2_contingency correction={corr}",
                {"table": t}, {"chi2": r.statistic, "df": r.dof, "p_value": r.pvalue}, {"yates": corr})
        for alt in ["two-sided", "less", "greater"]:
            R_CASES.append(({"name": f"fisher {t} {alt}", "function": "fisher_exact",
                             "params": {"alternative": alt}, "inputs": {"table": t}},
                            f"r <- fisher.test(matrix(c({t[0][0]},{t[1][0]},{t[0][1]},{t[1][1]}), 2), "
                            f"alternative='{alt.replace('-', '.')}'); out(c(p_value=r$p.value))",
                            "R fisher.test (p-value)"))
        # Conditional MLE of the odds ratio, solved to 40 digits.
        a, b, c, d = t[0][0], t[0][1], t[1][0], t[1][1]
        m, n, k = a + c, b + d, a + b
        lo, hi = max(0, k - n), min(k, m)
        if lo < a < hi:
            with mpmath.workdps(50):
                sup = list(range(lo, hi + 1))
                w = [mpmath.binomial(m, x) * mpmath.binomial(n, k - x) for x in sup]
                def mean(th):
                    ws = [wi * mpmath.exp(th * x) for wi, x in zip(w, sup)]
                    return mpmath.fsum(wi * x for wi, x in zip(ws, sup)) / mpmath.fsum(ws) - a
                th = mpmath.findroot(mean, math.log((a + 0.5) * (d + 0.5) / ((b + 0.5) * (c + 0.5))))
                add(f"fisher odds ratio {t}", "fisher_exact",
                    "mpmath 1.3.0 findroot: conditional MLE (noncentral hypergeometric mean = a)",
                    {"table": t}, {"odds_ratio": float(mpmath.exp(th))}, {"alternative": "two-sided"})
    for t in [[[0, 0], [3, 4]], [[2, 0], [3, 0]]]:
        add(f"chisq zero margin {t}", "chi_square", "degenerate: zero margin is an error",
            {"table": t}, {"error": "ZeroMargin"}, {"yates": True})


# ---------------------------------------------------------------- Shapiro-Wilk (R)
def shapiro_cases():
    seed = 5000
    for n in [3, 4, 5, 6, 7, 11, 12, 20, 50, 200, 1000, 5000]:
        for kind in ["normal", "lognormal", "heavy", "ties", "nan"]:
            seed += 1
            x = datasets(seed, n + (3 if kind == "nan" else 0), kind)
            xc = x[~np.isnan(x)]
            if len(xc) < 3 or np.ptp(xc) == 0 or len(xc) > 5000:
                continue
            R_CASES.append(({"name": f"shapiro {kind} n={n}", "function": "shapiro_wilk", "params": {},
                             "inputs": {"x": arr(x)}},
                            f"r <- shapiro.test({r_vec(x)}); out(c(w=unname(r$statistic), p_value=r$p.value))",
                            "R shapiro.test (AS R94)"))
    add("shapiro constant", "shapiro_wilk", "degenerate: zero range is an error",
        {"x": [3.0] * 10}, {"error": "ZeroVariance"})
    add("shapiro n=2", "shapiro_wilk", "degenerate: n < 3 is an error",
        {"x": [1.0, 2.0, "NaN"]}, {"error": "TooFewValues"})


# ---------------------------------------------------------------- OLS (statsmodels)
def ols_cases():
    from statsmodels.stats.outliers_influence import variance_inflation_factor
    seed = 6000
    for n, p, kind in [(10, 1, "normal"), (12, 2, "normal"), (30, 3, "lognormal"), (50, 4, "heavy"),
                       (100, 5, "normal"), (200, 3, "ties"), (80, 6, "nan"), (500, 8, "normal"),
                       (60, 2, "heavy"), (40, 12, "normal"), (25, 1, "ties"), (1000, 4, "lognormal")]:
        seed += 1
        rng = np.random.default_rng(seed)
        X = np.column_stack([datasets(seed * 10 + j, n, kind) for j in range(p)])
        if p > 1:
            X[:, 1] += 0.5 * np.nan_to_num(X[:, 0])
        beta = rng.normal(0, 1, p)
        y = 1.5 + np.nan_to_num(X) @ beta + rng.normal(0, 2, n)
        if kind == "nan":
            y[rng.random(n) < 0.05] = np.nan
        ok = ~np.isnan(y) & ~np.isnan(X).any(axis=1)
        Xc, yc = X[ok], y[ok]
        exog = sm.add_constant(Xc)
        fit = sm.OLS(yc, exog).fit()
        names = [f"x{j + 1}" for j in range(p)]
        r2 = {}
        for size in range(p + 1):
            for sub in itertools.combinations(range(p), size):
                r2[sub] = sm.OLS(yc, sm.add_constant(Xc[:, list(sub)]) if sub else np.ones((len(yc), 1))).fit().rsquared if sub else 0.0
        lmg = []
        for j in range(p):
            tot = 0.0
            for perm in itertools.permutations(range(p)) if p <= 6 else []:
                before = tuple(sorted(perm[:perm.index(j)]))
                tot += r2[tuple(sorted(before + (j,)))] - r2[before]
            lmg.append(tot / math.factorial(p) if p <= 6 else None)
        if p > 6:  # weights over subsets instead of p! orderings
            lmg = []
            for j in range(p):
                others = [o for o in range(p) if o != j]
                tot = 0.0
                for size in range(p):
                    for sub in itertools.combinations(others, size):
                        wgt = math.factorial(size) * math.factorial(p - size - 1) / math.factorial(p)
                        tot += wgt * (r2[tuple(sorted(sub + (j,)))] - r2[sub])
                lmg.append(tot)
        sd_y = yc.std(ddof=1)
        coefs = [{"name": "(Intercept)", "estimate": fit.params[0], "std_error": fit.bse[0],
                  "t": fit.tvalues[0], "p_value": fit.pvalues[0]}]
        for j in range(p):
            without = tuple(o for o in range(p) if o != j)
            coefs.append({"name": names[j], "estimate": fit.params[j + 1], "std_error": fit.bse[j + 1],
                          "t": fit.tvalues[j + 1], "p_value": fit.pvalues[j + 1],
                          "beta": fit.params[j + 1] * Xc[:, j].std(ddof=1) / sd_y,
                          "sr2": fit.rsquared - r2[without],
                          "lmg": lmg[j],
                          "vif": variance_inflation_factor(exog, j + 1) if p > 1 else 1.0})
        coefs = [{k: (num(v) if not isinstance(v, str) else v) for k, v in c.items()} for c in coefs]
        add(f"ols {kind} n={n} p={p}", "ols",
            f"{SM} OLS + variance_inflation_factor; sr2 and LMG from statsmodels sub-model R²",
            {"y": arr(y), "x": [arr(X[:, j]) for j in range(p)], "names": names},
            {"n": int(ok.sum()), "r_squared": fit.rsquared, "adj_r_squared": fit.rsquared_adj,
             "f": fit.fvalue, "f_p_value": fit.f_pvalue, "coefficients": coefs})
    add("ols singular", "ols", "degenerate: collinear predictor is an error",
        {"y": [1.0, 2.0, 3.0, 5.0, 4.0], "x": [[1.0, 2.0, 3.0, 4.0, 5.0], [2.0, 4.0, 6.0, 8.0, 10.0]],
         "names": ["a", "b"]}, {"error": "SingularDesign"})
    add("ols constant predictor", "ols", "degenerate: constant predictor is an error",
        {"y": [1.0, 2.0, 3.0, 5.0, 4.0], "x": [[1.0, 1.0, 1.0, 1.0, 1.0]], "names": ["a"]},
        {"error": "ZeroVariance"})
    add("ols too few rows", "ols", "degenerate: n <= p + 1 is an error",
        {"y": [1.0, 2.0, 3.0], "x": [[1.0, 2.0, 4.0], [3.0, 1.0, 2.0]], "names": ["a", "b"]},
        {"error": "TooFewValues"})


# ---------------------------------------------------------------- BH, descriptives
def misc_cases():
    from statsmodels.stats.multitest import multipletests
    rng = np.random.default_rng(7000)
    for n in [1, 2, 5, 20, 100]:
        p = np.concatenate([rng.uniform(0, 0.05, n // 2), rng.uniform(0, 1, n - n // 2)])
        p[rng.random(n) < 0.2] = p[0]
        adj = multipletests(p, method="fdr_bh")[1]
        add(f"bh n={n}", "benjamini_hochberg", f"{SM} multipletests method=fdr_bh",
            {"p": arr(p)}, {"adjusted": arr(adj)})
    seed = 7100
    for n in [1, 2, 3, 4, 7, 10, 101, 1000]:
        for kind in KINDS:
            seed += 1
            x = datasets(seed, n, kind)
            xc = x[~np.isnan(x)]
            if len(xc) < 2:
                continue
            add(f"describe {kind} n={n}", "describe", f"numpy {np.__version__} mean/std(ddof=1)/percentile(linear)",
                {"x": arr(x)}, {"n": len(xc), "mean": xc.mean(), "sd": xc.std(ddof=1),
                                "median": np.median(xc), "q1": np.percentile(xc, 25), "q3": np.percentile(xc, 75)})


# ---------------------------------------------------------------- R runner
def r_cases():
    import subprocess
    ver = subprocess.run(["Rscript", "-e", "cat(R.version$major, R.version$minor, sep='.')"],
                         capture_output=True, text=True, check=True).stdout.strip()
    lines = ["options(digits = 17)",
             "out <- function(v) cat(paste(names(v), sprintf('%.17g', v), sep='=', collapse=';'), '\\n', sep='')"]
    for _, expr, _ in R_CASES:
        lines.append(expr)
    res = subprocess.run(["Rscript", "-"], input="\n".join(lines), capture_output=True, text=True)
    if res.returncode != 0:
        raise SystemExit(res.stderr)
    outs = [l for l in res.stdout.splitlines() if "=" in l]
    assert len(outs) == len(R_CASES), (len(outs), len(R_CASES))
    for (case, _, ref), line in zip(R_CASES, outs):
        exp = {}
        for kv in line.split(";"):
            k, v = kv.split("=")
            exp[k] = float(v)
        add(case["name"], case["function"], f"R {ver} {ref}", case["inputs"], exp, case["params"])


SECTIONS = [dist_cases, mwu_cases, ttest_cases, corr_cases, contingency_cases,
            shapiro_cases, ols_cases, misc_cases, r_cases]


def main():
    import time
    for section in SECTIONS:
        t0 = time.time()
        section()
        print(f"{section.__name__}: {time.time() - t0:.1f}s", file=sys.stderr)
    os.makedirs(os.path.dirname(OUT), exist_ok=True)
    with open(OUT, "w") as fh:
        json.dump({"generator": "scripts/stats/make_fixtures.py",
                   "versions": {"scipy": scipy.__version__, "numpy": np.__version__,
                                "statsmodels": statsmodels.__version__,
                                "mpmath": mpmath.__version__},
                   "cases": cases}, fh, separators=(",", ":"))
    counts = {}
    for c in cases:
        counts[c["function"]] = counts.get(c["function"], 0) + 1
    print(f"wrote {len(cases)} cases to {os.path.relpath(OUT, ROOT)}")
    for k in sorted(counts):
        print(f"  {k}: {counts[k]}")


if __name__ == "__main__":
    main()
