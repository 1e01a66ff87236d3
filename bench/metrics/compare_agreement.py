#!/usr/bin/python3
"""Cross-check of `holdout compare --format json` against statsmodels and scikit-learn (issue 17).

Usage: /usr/bin/python3 bench/metrics/compare_agreement.py path/to/holdout-toolkit-cli.jar
Writes seeded predictions files (few and many discordant rows, coarse scores with ties), runs the CLI on each and
compares: McNemar's statistic and p-value with statsmodels' mcnemar (exact=True below 25 discordant rows,
exact=False with correction=True otherwise), both ROC AUCs with sklearn.metrics.roc_auc_score, and DeLong's
p-value and interval with a direct numpy computation of the structural components. Prints the largest absolute
difference per quantity; exits 1 on any difference above 1e-9. Needs Debian's python3-statsmodels and python3-sklearn.
"""
import json
import subprocess
import sys
import tempfile

import numpy as np
from scipy import stats
from sklearn.metrics import roc_auc_score
from statsmodels.stats.contingency_tables import mcnemar

jar = sys.argv[1]
rng = np.random.default_rng(17)
tmp = tempfile.mkdtemp()
worst = {}
bad = False
methods = {}


def check(name, ours, theirs):
    global bad
    d = abs(ours - theirs)
    worst[name] = max(worst.get(name, 0.0), d)
    if d > 1e-9:
        bad = True
        print(f"MISMATCH {name}: holdout {ours!r} reference {theirs!r}")


def delong(y, a, b):
    pos, neg = y == 1, y == 0
    out = []
    for s in (a, b):
        x, z = s[pos][:, None], s[neg][None, :]
        psi = (x > z) + 0.5 * (x == z)
        out.append((psi.mean(), psi.mean(axis=1), psi.mean(axis=0)))
    m, n = pos.sum(), neg.sum()
    s10 = np.cov(np.vstack([out[0][1], out[1][1]]))
    s01 = np.cov(np.vstack([out[0][2], out[1][2]]))
    var = (s10[0, 0] + s10[1, 1] - 2 * s10[0, 1]) / m + (s01[0, 0] + s01[1, 1] - 2 * s01[0, 1]) / n
    diff = out[0][0] - out[1][0]
    se = np.sqrt(var)
    p = 2 * stats.norm.sf(abs(diff / se))
    q = stats.norm.ppf(0.975)
    return diff, p, diff - q * se, diff + q * se


for trial in range(12):
    n = int(rng.integers(30, 800))
    y = rng.integers(0, 2, n)
    noise = 0.05 if trial % 3 == 0 else 0.35   # close models: few discordant rows
    a = np.round(np.clip(0.5 + (y - 0.5) * 0.6 + rng.normal(0, 0.3, n), 0, 1), 2)
    b = np.round(np.clip(a + rng.normal(0, noise, n), 0, 1), 2)
    path = f"{tmp}/p{trial}.csv"
    with open(path, "w") as f:
        f.write("y,a,b\n")
        for i in range(n):
            f.write(f"{y[i]},{a[i]},{b[i]}\n")
    out = json.loads(subprocess.run(["java", "-jar", jar, "compare", "--input", path, "--label", "y", "--score-a", "a", "--score-b", "b",
                                     "--format", "json"], check=True, capture_output=True, text=True).stdout)
    ra, rb = (a >= 0.5) == (y == 1), (b >= 0.5) == (y == 1)
    table = [[int(np.sum(ra & rb)), int(np.sum(ra & ~rb))], [int(np.sum(~ra & rb)), int(np.sum(~ra & ~rb))]]
    disc = table[0][1] + table[1][0]
    ref = mcnemar(table, exact=disc < 25, correction=True)
    assert out["mcnemar"]["method"] == ("exact" if disc < 25 else "chi2"), out["mcnemar"]
    assert out["mcnemar"]["discordant"] == [table[0][1], table[1][0]]
    methods[out["mcnemar"]["method"]] = methods.get(out["mcnemar"]["method"], 0) + 1
    check("mcnemar.statistic", out["mcnemar"]["statistic"], float(ref.statistic))
    check("mcnemar.p_value", out["mcnemar"]["p_value"], float(ref.pvalue))
    check("delong.auc_a", out["delong"]["auc_a"], roc_auc_score(y, a))
    check("delong.auc_b", out["delong"]["auc_b"], roc_auc_score(y, b))
    diff, p, lo, hi = delong(y, a, b)
    check("delong.difference", out["delong"]["difference"], diff)
    check("delong.p_value", out["delong"]["p_value"], p)
    check("delong.ci_low", out["delong"]["ci_low"], lo)
    check("delong.ci_high", out["delong"]["ci_high"], hi)

print("McNemar methods over the files:", methods)
for k, v in worst.items():
    print(f"{k:20s} largest |holdout - reference| = {v:.3g}")
sys.exit(1 if bad else 0)
