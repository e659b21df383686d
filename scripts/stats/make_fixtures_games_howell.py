#!/usr/bin/env python3
"""Writes crates/neuronutri-stats/test_data/reference_games_howell.json: the confidence
intervals of the Games-Howell mean differences (issue 13 item 5), at three levels.

Reference: pingouin's pairwise_gameshowell for each pair's difference, SE and Welch df
(pingouin gives no interval), and the interval rstatix::games_howell_test defines,
diff ± q(level; k, df) / sqrt(2) · SE, with SciPy's studentized_range.ppf (numerical
integration, nquad epsabs 1e-11: the quantile is good to about 1e-9 relative).

    pip install -r scripts/stats/requirements.txt
    python3 scripts/stats/make_fixtures_games_howell.py    # about a minute
"""
import itertools
import json
import os

import numpy as np
import pandas as pd
import pingouin
import scipy
import scipy.stats as ss

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
OUT = os.path.join(ROOT, "crates", "neuronutri-stats", "test_data",
                   "reference_games_howell.json")


def main():
    rng = np.random.default_rng(13_500)
    designs = [[5, 6, 7], [2, 3, 2], [10, 12, 8, 15], [30, 25, 40], [4, 9, 3, 12, 7, 5],
               [200, 150, 180]]
    cases = []
    for sizes in designs:
        k = len(sizes)
        groups = [np.round(rng.normal(10 + rng.normal(0, 1), rng.uniform(0.5, 3.0), n), 2)
                  for n in sizes]
        names = [f"g{i + 1}" for i in range(k)]
        df = pd.DataFrame({"y": np.concatenate(groups), "g": np.repeat(names, sizes)})
        gh = pingouin.pairwise_gameshowell(data=df, dv="y", between="g")
        rows = {(a, b): r for a, b, r in zip(gh["A"], gh["B"], gh.itertuples())}
        for level in [0.90, 0.95, 0.99]:
            comps = []
            for i, j in itertools.combinations(range(k), 2):
                r = rows[(names[i], names[j])]
                half = ss.studentized_range.ppf(level, k, r.df) / np.sqrt(2) * r.se
                comps.append({"group1": names[i], "group2": names[j],
                              "estimate": float(r.diff), "ci_low": float(r.diff - half),
                              "ci_high": float(r.diff + half)})
            cases.append({"name": f"k={k} n={sizes} level={level}", "conf_level": level,
                          "groups": [{"name": n, "values": g.tolist()}
                                     for n, g in zip(names, groups)],
                          "comparisons": comps})
    out = {"reference": f"pingouin {pingouin.__version__} pairwise_gameshowell; interval "
                        f"diff ± scipy {scipy.__version__} studentized_range.ppf(level, k, df)"
                        f"/sqrt(2)·SE (rstatix::games_howell_test's definition)",
           "tolerance": {"rel": 1e-8},
           "cases": cases}
    with open(OUT, "w") as f:
        json.dump(out, f, indent=1)
        f.write("\n")
    print(f"wrote {OUT}: {len(cases)} cases")


if __name__ == "__main__":
    main()
