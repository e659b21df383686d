#!/usr/bin/env python3
"""Honestly rounded and fabricated reports for the rounding-aware audit (issue 13, item 8).

Honest cases: samples are drawn (numpy, seeded), their summary statistics computed, the test
run on them with SciPy, and everything printed rounded as a paper prints it: means and SDs to
0-2 decimals, r to 2 decimals, p to 3 decimals (or "<0.001"). The audit must never call such
a report inconsistent.
Fabricated cases: the same printed means, SDs, n (or r, n) with a p-value that no unrounded
values printing the same can give, under either t test; checked here by brute force over the
rounding box (a 21-point grid on each of the four means and SDs, or 2001 r values), with
SciPy's own tests. The audit must call them inconsistent.

The file also holds the p-value ranges over the rounding box from the same brute force, so the
audit's ranges are checked against an independent computation: exact for Student and for r
(their p is monotone in each input, so the grid's ends are the extremes), and from the grid for
Welch (its df moves with the SDs).

SciPy 1.14.1: scipy.stats.ttest_ind_from_stats (equal_var False: Welch, True: Student),
scipy.stats.ttest_ind on the samples, scipy.stats.pearsonr on the samples, scipy.stats.t.sf
for p from r and n. Writes crates/neuronutri-audit/test_data/audit_rounding.json.
"""
import itertools
import json
import pathlib

import numpy as np
import scipy
from scipy import stats

root = pathlib.Path(__file__).resolve().parents[2]
rng = np.random.default_rng(20261202)
REF = f"scipy {scipy.__version__}"


def printed_p(p):
    return "<0.001" if p < 0.001 else f"{p:.3f}"


def holds(reported, p):
    if reported.startswith("<"):
        return p < float(reported[1:])
    value = float(reported)
    decimals = len(reported.split(".")[1])
    return abs(p - value) <= 0.5 * 10 ** -decimals + 1e-12


def welch_student_grid(mean, sd, n, decimals, steps=21):
    """p of both tests over a grid of the rounding box of the two means and two SDs."""
    h = 0.5 * 10.0 ** -decimals
    axes = [np.linspace(v - h, v + h, steps) for v in (mean[0], mean[1], sd[0], sd[1])]
    m1, m2, s1, s2 = (a.ravel() for a in np.meshgrid(*axes, indexing="ij"))
    _, pw = stats.ttest_ind_from_stats(m1, s1, n[0], m2, s2, n[1], equal_var=False)
    _, ps = stats.ttest_ind_from_stats(m1, s1, n[0], m2, s2, n[1], equal_var=True)
    return pw, ps


def r_p(r, n):
    t = r * np.sqrt((n - 2) / (1 - r * r))
    return 2 * stats.t.sf(np.abs(t), n - 2)


comparisons = []
while len(comparisons) < 60:
    n = [int(rng.integers(6, 120)), int(rng.integers(6, 120))]
    decimals = int(rng.integers(0, 3))
    scale = 10.0 ** (1 - decimals) * float(rng.uniform(2, 20))
    mu = [float(rng.uniform(0, 100)) * 10.0 ** -decimals * 10, 0.0]
    mu[1] = mu[0] + float(rng.normal(0, 0.6)) * scale
    a = rng.normal(mu[0], scale, n[0])
    b = rng.normal(mu[1], scale * float(rng.uniform(0.6, 1.6)), n[1])
    equal_var = bool(rng.integers(0, 2))
    p_true = float(stats.ttest_ind(a, b, equal_var=equal_var).pvalue)
    mean = [round(float(a.mean()), decimals), round(float(b.mean()), decimals)]
    sd = [round(float(a.std(ddof=1)), decimals), round(float(b.std(ddof=1)), decimals)]
    if min(sd) <= 0:
        continue
    reported = printed_p(p_true)
    pw, ps = welch_student_grid(mean, sd, n, decimals)
    case = {"mean": mean, "sd": sd, "n": n, "decimals": decimals,
            "welch_range": [float(pw.min()), float(pw.max())],
            "student_range": [float(ps.min()), float(ps.max())]}
    comparisons.append({**case, "p": reported, "expect": "not_inconsistent",
                        "why": f"samples tested with {'Student' if equal_var else 'Welch'}: p = {p_true:.6g}"})
    # a fabricated p: outside both ranges by a clear margin
    low = min(pw.min(), ps.min())
    high = max(pw.max(), ps.max())
    if high < 0.3:
        fake = f"{min(0.95, high * 2 + 0.1):.3f}"
    elif low > 0.01:
        fake = "<0.001" if low > 0.002 else None
    else:
        fake = None
    if fake is not None:
        assert not any(holds(fake, p) for p in itertools.chain(pw, ps))
        comparisons.append({**case, "p": fake, "expect": "inconsistent",
                            "why": f"fabricated: rounding box gives p from {low:.4g} to {high:.4g}"})

correlations = [{"r": 0.15, "n": 74, "p": "0.196", "decimals": 2, "expect": "not_inconsistent",
                 "why": "issue 13: r = 0.152 gives 0.196 and prints as 0.15",
                 "range": [float(r_p(0.155, 74)), float(r_p(0.145, 74))]}]
while len(correlations) < 40:
    n = int(rng.integers(8, 200))
    rho = float(rng.uniform(-0.8, 0.8))
    x = rng.normal(size=n)
    y = rho * x + np.sqrt(1 - rho * rho) * rng.normal(size=n)
    res = stats.pearsonr(x, y)
    r = round(float(res.statistic), 2)
    if abs(r) >= 0.99:
        continue
    grid = np.linspace(abs(r) - 0.005, abs(r) + 0.005, 2001)
    grid = grid[grid >= 0]
    ps = r_p(grid, n)
    case = {"r": r, "n": n, "decimals": 2,
            "range": [float(r_p(abs(r) + 0.005, n)), float(r_p(max(abs(r) - 0.005, 0.0), n))]}
    correlations.append({**case, "p": printed_p(float(res.pvalue)), "expect": "not_inconsistent",
                         "why": f"pearsonr on the sample: r = {res.statistic:.6f}, p = {res.pvalue:.6g}"})
    if ps.max() < 0.3:
        fake = f"{min(0.95, ps.max() * 2 + 0.1):.3f}"
    elif ps.min() > 0.002:
        fake = "<0.001"
    else:
        continue
    assert not any(holds(fake, p) for p in ps)
    correlations.append({**case, "p": fake, "expect": "inconsistent",
                         "why": f"fabricated: r printing as {r} gives p from {ps.min():.4g} to {ps.max():.4g}"})

out = root / "crates/neuronutri-audit/test_data/audit_rounding.json"
out.write_text(json.dumps({
    "reference": f"{REF}: samples from numpy default_rng(20261202); ttest_ind, pearsonr on them; "
                 "ranges by brute force over the rounding box with ttest_ind_from_stats and t.sf",
    "comparisons": comparisons, "correlations": correlations}, indent=1) + "\n")
kinds = {e: sum(c["expect"] == e for c in comparisons + correlations)
         for e in ("not_inconsistent", "inconsistent")}
print(f"wrote {len(comparisons)} comparisons and {len(correlations)} correlations to {out}: {kinds}")
