#!/usr/bin/env python3
"""Writes the data, protocols and reference numbers of the study report's several-group and
paired designs (issue 13): crates/neuronutri-study/test_data/designs/.

    pip install -r scripts/stats/requirements.txt
    python3 scripts/study/make_designs_fixture.py

groups.csv: three groups (and two rows of a fourth level that no table uses) with two numeric
and two categorical variables; groups.toml asks for one-way ANOVA + Tukey, Welch's ANOVA +
Games-Howell and Kruskal-Wallis + Dunn. paired.csv: long data, one row per subject and visit,
with a subject seen once, a row without an id, missing values and zero changes; paired.toml
asks for the paired t test, the Wilcoxon signed-rank test and McNemar's test.

reference.json lists {protocol, pointer, expected, reference, tol}: `pointer` is a JSON
pointer into the report (report.json) of that protocol; tests/designs.rs checks each entry.
References: SciPy (f_oneway, kruskal, tukey_hsd, chi2_contingency, ttest_rel, wilcoxon set
to R's wilcox.test: zeros removed, "exact" only without ties/zeros and n < 50, else "approx"
with the continuity correction), statsmodels (anova_oneway use_var="unequal", anova_lm sums
of squares, mcnemar, proportion_confint for Cohen's g), pingouin (pairwise_gameshowell), scikit-posthocs (posthoc_dunn),
exact enumeration in rational arithmetic for the Fisher-Freeman-Halton p-value
(scripts/stats/make_fixtures_groups.py's ffh_exact).
"""
import itertools
import json
import os
import sys

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
from statsmodels.stats.proportion import proportion_confint
from statsmodels.stats.oneway import anova_oneway

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
sys.path.insert(0, os.path.join(ROOT, "scripts", "stats"))
from make_fixtures_groups import ffh_exact  # noqa: E402

OUT = os.path.join(ROOT, "crates", "neuronutri-study", "test_data", "designs")
SCIPY = f"scipy {scipy.__version__}"
SM = f"statsmodels {statsmodels.__version__}"
CLOSED = {"rel": 1e-9}
TUKEY = {"rel": 1e-9, "abs": 2e-10}  # SciPy's studentized range: 1 - cdf, nquad epsabs 1e-11

entries = []


def add(protocol, pointer, expected, reference, tol=CLOSED):
    entries.append({"protocol": protocol, "pointer": pointer, "expected": expected,
                    "reference": reference, "tol": tol})


GROUPS_TOML = """title = "Three groups"
data = "groups.csv"
group = "stage"
groups = ["I", "II", "III"]
group_labels = { I = "Stage I", II = "Stage II", III = "Stage III" }

[[variable]]
name = "b12"
label = "Vitamin B12"
unit = "pg/mL"
decimals = 0

[[variable]]
name = "crp"
label = "CRP"
unit = "mg/L"

[[variable]]
name = "sex"
levels = ["male", "female"]

[[variable]]
name = "smoker"
levels = ["no", "yes"]

[[table]]
id = "t1"
title = "Table 1. Characteristics by stage"
kind = "characteristics"
variables = ["sex", "smoker", "b12", "crp"]
summary = "mean_sd"
test = "anova"

[[table]]
id = "t2"
title = "Table 2. Welch"
kind = "comparison"
variables = ["b12", "crp"]
test = "welch-anova"

[[table]]
id = "t3"
title = "Table 3. Ranks"
kind = "comparison"
variables = ["b12", "crp"]
"""

PAIRED_TOML = """title = "Before and after"
data = "paired.csv"
group = "arm"
groups = ["treated", "control"]

[[variable]]
name = "b12"
label = "Vitamin B12"
unit = "pg/mL"
decimals = 0

[[variable]]
name = "score"

[[variable]]
name = "neuropathy"
levels = ["no", "yes"]

[[table]]
id = "p1"
title = "Treated arm"
kind = "paired"
subject = "patient"
time = "visit"
times = ["baseline", "month3"]
within = "treated"
variables = ["b12", "neuropathy"]
test = "paired-t"

[[table]]
id = "p2"
title = "Both arms"
kind = "paired"
subject = "patient"
time = "visit"
times = ["baseline", "month3"]
variables = ["score", "b12"]
test = "wilcoxon"
"""


def groups_data():
    rng = np.random.default_rng(1313)
    rows = []
    spec = {"I": (16, 300, 60, 0.0), "II": (14, 270, 90, 0.4), "III": (11, 240, 45, 0.9)}
    pid = 0
    for stage, (n, mu, sd, lshift) in spec.items():
        for _ in range(n):
            pid += 1
            b12 = round(float(rng.normal(mu, sd)), 0)
            crp = round(float(rng.lognormal(lshift, 0.7)), 2)
            sex = "male" if rng.random() < 0.5 else "female"
            smoker = "yes" if rng.random() < {"I": 0.1, "II": 0.3, "III": 0.5}[stage] else "no"
            rows.append([pid, stage, b12, crp, sex, smoker])
    # missing values and rows of a level no table uses
    rows[3][3] = None
    rows[20][2] = None
    rows.append([pid + 1, "pilot", 310.0, 1.1, "male", "no"])
    rows.append([pid + 2, "pilot", 280.0, 0.9, "female", "yes"])
    return pd.DataFrame(rows, columns=["id", "stage", "b12", "crp", "sex", "smoker"])


def paired_data():
    rng = np.random.default_rng(1414)
    rows = []
    for pid in range(1, 29):
        arm = "treated" if pid <= 16 else "control"
        base_b12 = round(float(rng.normal(250, 50)))
        base_score = int(rng.integers(2, 9))
        gain = 40 if arm == "treated" else 5
        after_b12 = round(base_b12 + float(rng.normal(gain, 30)))
        after_score = max(0, base_score - int(rng.integers(-1, 3)))
        neur0 = "yes" if rng.random() < 0.6 else "no"
        neur1 = neur0 if rng.random() < 0.6 else ("no" if neur0 == "yes" else "yes")
        if arm == "treated" and neur0 == "yes" and rng.random() < 0.5:
            neur1 = "no"
        rows.append([f"P{pid:02d}", arm, "baseline", base_b12, base_score, neur0])
        rows.append([f"P{pid:02d}", arm, "month3", after_b12, after_score, neur1])
    rows[5][3] = None            # a missing value: that pair leaves the b12 test
    rows[30][5] = None
    rows.append(["P99", "treated", "baseline", 260, 4, "no"])  # seen once
    rows.append([None, "treated", "month3", 300, 3, "no"])     # no id
    rng.shuffle(rows)
    return pd.DataFrame(rows, columns=["patient", "arm", "visit", "b12", "score", "neuropathy"])


def groups_reference(df):
    levels = ["I", "II", "III"]
    labels = {"I": "Stage I", "II": "Stage II", "III": "Stage III"}
    sub = df[df.stage.isin(levels)]
    pairs = list(itertools.combinations(range(3), 2))
    # t1: categorical rows 0 (sex) and 1 (smoker), numeric rows 2 (b12) and 3 (crp)
    for row, var, lv in [(0, "sex", ["male", "female"]), (1, "smoker", ["no", "yes"])]:
        t = [[int(((sub.stage == g) & (sub[var] == l)).sum()) for g in levels] for l in lv]
        r = ss.chi2_contingency(np.array(t), correction=False)
        if r.expected_freq.min() < 5:
            p, count = ffh_exact(t)
            add("groups", f"/tables/0/results/rows/{row}/test/p_value", float(p),
                f"exact enumeration of the {count} tables with the margins of {t} (fractions)")
            add("groups", f"/tables/0/results/rows/{row}/test/test", "Fisher–Freeman–Halton",
                "expected count below 5")
        else:
            add("groups", f"/tables/0/results/rows/{row}/test/statistic", float(r.statistic),
                f"{SCIPY} chi2_contingency {t}")
            add("groups", f"/tables/0/results/rows/{row}/test/p_value", float(r.pvalue),
                f"{SCIPY} chi2_contingency {t}")
    for table, posthoc, kind in [(0, 1, "anova"), (2, 3, "welch"), (4, 5, "kruskal")]:
        variables = ["b12", "crp"]
        for k, var in enumerate(variables):
            row = k + 2 if table == 0 else k
            cg = [sub[sub.stage == g][var].dropna().to_numpy(float) for g in levels]
            base = f"/tables/{table}/results/rows/{row}/test"
            if kind == "anova":
                r = ss.f_oneway(*cg)
                d = pd.DataFrame({"y": np.concatenate(cg),
                                  "g": np.repeat(levels, [len(g) for g in cg])})
                a = sm.stats.anova_lm(smf.ols("y ~ C(g)", d).fit())
                ssb, ssw = a["sum_sq"].iloc[0], a["sum_sq"].iloc[1]
                add("groups", f"{base}/statistic", float(r.statistic), f"{SCIPY} f_oneway")
                add("groups", f"{base}/p_value", float(r.pvalue), f"{SCIPY} f_oneway")
                add("groups", f"{base}/df2", float(sum(map(len, cg)) - 3), "N - k")
                add("groups", f"{base}/effect/value", float(ssb / (ssb + ssw)),
                    f"{SM} anova_lm sums of squares")
                res = ss.tukey_hsd(*cg)
                ci = res.confidence_interval(0.95)
                for m, (i, j) in enumerate(pairs):
                    pb = f"/tables/{posthoc}/results/rows/{k}/result/comparisons/{m}"
                    add("groups", f"{pb}/group1", labels[levels[i]], "pair order")
                    add("groups", f"{pb}/estimate", float(res.statistic[i, j]), f"{SCIPY} tukey_hsd")
                    add("groups", f"{pb}/p_adjusted", float(res.pvalue[i, j]), f"{SCIPY} tukey_hsd",
                        TUKEY)
                    add("groups", f"{pb}/ci/0", float(ci.low[i, j]), f"{SCIPY} tukey_hsd CI", TUKEY)
                    add("groups", f"{pb}/ci/1", float(ci.high[i, j]), f"{SCIPY} tukey_hsd CI", TUKEY)
            elif kind == "welch":
                r = anova_oneway(cg, use_var="unequal", welch_correction=True)
                add("groups", f"{base}/statistic", float(r.statistic), f"{SM} anova_oneway unequal")
                add("groups", f"{base}/p_value", float(r.pvalue), f"{SM} anova_oneway unequal")
                add("groups", f"{base}/df2", float(r.df_denom), f"{SM} anova_oneway unequal")
                d = pd.DataFrame({"y": np.concatenate(cg),
                                  "g": np.repeat(levels, [len(g) for g in cg])})
                gh = pingouin.pairwise_gameshowell(data=d, dv="y", between="g")
                for m, (i, j) in enumerate(pairs):
                    hit = gh[(gh.A == levels[i]) & (gh.B == levels[j])].iloc[0]
                    pb = f"/tables/{posthoc}/results/rows/{k}/result/comparisons/{m}"
                    add("groups", f"{pb}/statistic", float(hit["T"]), "pingouin pairwise_gameshowell")
                    add("groups", f"{pb}/df", float(hit["df"]), "pingouin pairwise_gameshowell")
                    add("groups", f"{pb}/p_adjusted", float(hit["pval"]),
                        "pingouin pairwise_gameshowell", TUKEY)
            else:
                r = ss.kruskal(*cg)
                add("groups", f"{base}/statistic", float(r.statistic), f"{SCIPY} kruskal")
                add("groups", f"{base}/p_value", float(r.pvalue), f"{SCIPY} kruskal")
                n_all = sum(len(g) for g in cg)
                add("groups", f"{base}/effect/value", float(r.statistic) / (n_all - 1),
                    f"{SCIPY} kruskal H / (n - 1) (effectsize's rank epsilon-squared)")
                d = pd.DataFrame({"y": np.concatenate(cg),
                                  "g": np.repeat(levels, [len(g) for g in cg])})
                raw = scikit_posthocs.posthoc_dunn(d, val_col="y", group_col="g")
                holm = scikit_posthocs.posthoc_dunn(d, val_col="y", group_col="g", p_adjust="holm")
                for m, (i, j) in enumerate(pairs):
                    pb = f"/tables/{posthoc}/results/rows/{k}/result/comparisons/{m}"
                    add("groups", f"{pb}/p_value", float(raw.loc[levels[i], levels[j]]),
                        "scikit-posthocs posthoc_dunn")
                    add("groups", f"{pb}/p_adjusted", float(holm.loc[levels[i], levels[j]]),
                        "scikit-posthocs posthoc_dunn(p_adjust='holm')")


def paired_reference(df):
    for table, within, variables, test in [(0, "treated", ["b12", "neuropathy"], "t"),
                                           (1, None, ["score", "b12"], "wilcoxon")]:
        sub = df[df.arm == within] if within else df[df.arm.isin(["treated", "control"])]
        sub = sub[sub.patient.notna()]
        wide = sub.pivot(index="patient", columns="visit")
        both = wide[wide[("arm", "baseline")].notna() & wide[("arm", "month3")].notna()]
        add("paired", f"/tables/{table}/results/subjects", len(both), "pairs of rows")
        for row, var in enumerate(variables):
            base = f"/tables/{table}/results/rows/{row}"
            a = both[(var, "baseline")]
            b = both[(var, "month3")]
            ok = a.notna() & b.notna()
            if var == "neuropathy":
                t = [[int(((a == x) & (b == y) & ok).sum()) for y in ["no", "yes"]]
                     for x in ["no", "yes"]]
                r = mcnemar(np.array(t), exact=False, correction=True)
                add("paired", f"{base}/table", t, "counts")
                add("paired", f"{base}/test/statistic", float(r.statistic), f"{SM} mcnemar")
                add("paired", f"{base}/test/p_value", float(r.pvalue), f"{SM} mcnemar")
                # Cohen's g (R's effectsize::cohens_g): the larger discordant share minus 0.5,
                # with the Wilson score interval of that share
                disc_b, disc_c = t[0][1], t[1][0]
                k, n = max(disc_b, disc_c), disc_b + disc_c
                lo, hi = proportion_confint(k, n, alpha=0.05, method="wilson")
                add("paired", f"{base}/test/effect/value", k / n - 0.5, "max(b, c)/(b + c) - 0.5")
                add("paired", f"{base}/test/effect/ci/0", lo - 0.5, f"{SM} proportion_confint wilson")
                add("paired", f"{base}/test/effect/ci/1", hi - 0.5, f"{SM} proportion_confint wilson")
                continue
            x = b[ok].to_numpy(float)
            y = a[ok].to_numpy(float)
            add("paired", f"{base}/n", int(ok.sum()), "complete pairs")
            r = ss.ttest_rel(x, y)
            ci = r.confidence_interval(0.95)
            add("paired", f"{base}/change/0", float((x - y).mean()), "numpy mean of the changes")
            add("paired", f"{base}/change/1/0", float(ci.low), f"{SCIPY} ttest_rel CI")
            add("paired", f"{base}/change/1/1", float(ci.high), f"{SCIPY} ttest_rel CI")
            if test == "t":
                add("paired", f"{base}/test/statistic", float(r.statistic), f"{SCIPY} ttest_rel")
                add("paired", f"{base}/test/p_value", float(r.pvalue), f"{SCIPY} ttest_rel")
            else:
                d = x - y
                nz = d[d != 0]
                ties = len(np.unique(np.abs(nz))) < len(nz)
                exact = len(nz) < 50 and not ties and len(nz) == len(d)
                method = "exact" if exact else "approx"
                w = ss.wilcoxon(nz, correction=True, method=method)
                v = float(ss.rankdata(np.abs(nz))[nz > 0].sum())
                add("paired", f"{base}/test/statistic", v, "sum of the ranks of the positive changes")
                add("paired", f"{base}/test/p_value", float(w.pvalue),
                    f"{SCIPY} wilcoxon(zeros removed, method={method!r}, correction=True)")
                add("paired", f"{base}/test/method", "exact" if exact else "asymptotic", "R's rule")


def main():
    os.makedirs(OUT, exist_ok=True)
    g = groups_data()
    g.to_csv(os.path.join(OUT, "groups.csv"), index=False, na_rep="")
    p = paired_data()
    p.to_csv(os.path.join(OUT, "paired.csv"), index=False, na_rep="")
    with open(os.path.join(OUT, "groups.toml"), "w") as fh:
        fh.write(GROUPS_TOML)
    with open(os.path.join(OUT, "paired.toml"), "w") as fh:
        fh.write(PAIRED_TOML)
    groups_reference(pd.read_csv(os.path.join(OUT, "groups.csv")))
    paired_reference(pd.read_csv(os.path.join(OUT, "paired.csv")))
    with open(os.path.join(OUT, "reference.json"), "w") as fh:
        json.dump({"generator": "scripts/study/make_designs_fixture.py",
                   "versions": {"scipy": scipy.__version__, "statsmodels": statsmodels.__version__,
                                "pingouin": pingouin.__version__,
                                "scikit-posthocs": scikit_posthocs.__version__},
                   "entries": entries}, fh, indent=1)
        fh.write("\n")
    print(f"wrote {len(entries)} entries to {os.path.relpath(OUT, ROOT)}")


if __name__ == "__main__":
    main()
