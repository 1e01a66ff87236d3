#!/usr/bin/python3
"""One-off cross-check of `holdout metrics --format json` against scikit-learn on seeded files.

Usage: /usr/bin/python3 bench/metrics/sklearn_agreement.py path/to/holdout-toolkit-cli.jar
Writes small CSVs to a temp dir (binary with ties and weights, multiclass string labels, regression
with weights and a constant slice), runs the CLI on each and prints the largest absolute difference
per metric. Needs Debian's python3-sklearn and python3-pandas.
"""
import json
import subprocess
import sys
import tempfile

import numpy as np
import pandas as pd
from sklearn import metrics as M

jar = sys.argv[1]
rng = np.random.default_rng(7)
tmp = tempfile.mkdtemp()
worst = {}


def holdout(path, *args):
    out = subprocess.run(["java", "-jar", jar, "metrics", "--input", path, "--format", "json", *args],
                         check=True, capture_output=True, text=True).stdout
    return json.loads(out)


def check(name, ours, theirs):
    d = abs(ours - theirs)
    worst[name] = max(worst.get(name, 0.0), d)
    if d > 1e-9:
        print(f"MISMATCH {name}: holdout {ours!r} sklearn {theirs!r}")


for trial in range(5):
    n = int(rng.integers(20, 400))
    y = rng.integers(0, 2, n)
    s = np.round(np.clip(0.35 * y + rng.random(n) * 0.65, 0, 1), 1)  # coarse: many ties
    p = (s >= 0.5).astype(int)
    w = rng.integers(1, 4, n).astype(float)
    path = f"{tmp}/bin{trial}.csv"
    pd.DataFrame({"y": y, "p": p, "s": s, "w": w}).to_csv(path, index=False)
    for weighted in (False, True):
        sw = w if weighted else None
        j = holdout(path, "--label", "y", "--prediction", "p", "--score", "s", *(["--weight", "w"] if weighted else []))
        sfx = "_w" if weighted else ""
        check("accuracy" + sfx, j["accuracy"], M.accuracy_score(y, p, sample_weight=sw))
        check("precision" + sfx, j["precision"], M.precision_score(y, p, sample_weight=sw, zero_division=0))
        check("recall" + sfx, j["recall"], M.recall_score(y, p, sample_weight=sw, zero_division=0))
        check("f1" + sfx, j["f1"], M.f1_score(y, p, sample_weight=sw, zero_division=0))
        check("balanced_accuracy" + sfx, j["balanced_accuracy"], M.balanced_accuracy_score(y, p, sample_weight=sw))
        check("mcc" + sfx, j["mcc"], M.matthews_corrcoef(y, p, sample_weight=sw))
        check("roc_auc" + sfx, j["roc_auc"], M.roc_auc_score(y, s, sample_weight=sw))
        check("average_precision" + sfx, j["average_precision"], M.average_precision_score(y, s, sample_weight=sw))
        check("log_loss" + sfx, j["log_loss"], M.log_loss(y, np.clip(s, 1e-15, 1 - 1e-15), sample_weight=sw))

for trial in range(5):
    n = int(rng.integers(20, 300))
    names = np.array(["ant", "bee", "cat", "dog"])
    yt = names[rng.integers(0, 4, n)]
    yp = np.where(rng.random(n) < 0.6, yt, names[rng.integers(0, 3, n)])  # "dog" rarely predicted
    path = f"{tmp}/multi{trial}.csv"
    pd.DataFrame({"y": yt, "p": yp}).to_csv(path, index=False)
    for avg in ("micro", "macro", "weighted"):
        for zd in ("0", "1"):
            j = holdout(path, "--label", "y", "--prediction", "p", "--average", avg, "--zero-division", zd)
            z = float(zd)
            check(f"precision_{avg}", j["precision"], M.precision_score(yt, yp, average=avg, zero_division=z))
            check(f"recall_{avg}", j["recall"], M.recall_score(yt, yp, average=avg, zero_division=z))
            check(f"f1_{avg}", j["f1"], M.f1_score(yt, yp, average=avg, zero_division=z))
    check("multiclass_mcc", j["mcc"], M.matthews_corrcoef(yt, yp))
    check("multiclass_balanced_accuracy", j["balanced_accuracy"], M.balanced_accuracy_score(yt, yp))
    cm = M.confusion_matrix(yt, yp, labels=sorted(set(yt) | set(yp)))
    check("confusion_matrix", float(np.abs(np.array(j["confusion_matrix"]["matrix"]) - cm).max()), 0.0)

for trial in range(5):
    n = int(rng.integers(10, 300))
    y = np.round(rng.normal(10, 5, n), 3)
    yh = np.round(y + rng.normal(0.5, 2, n), 3)
    w = rng.integers(1, 4, n).astype(float)
    g = np.where(rng.random(n) < 0.5, "a", "b")
    path = f"{tmp}/reg{trial}.csv"
    pd.DataFrame({"y": y, "yhat": yh, "w": w, "g": g}).to_csv(path, index=False)
    for weighted in (False, True):
        sw = w if weighted else None
        j = holdout(path, "--label", "y", "--prediction", "yhat", "--task", "regression", *(["--weight", "w"] if weighted else []))
        sfx = "_w" if weighted else ""
        check("mse" + sfx, j["mse"], M.mean_squared_error(y, yh, sample_weight=sw))
        check("rmse" + sfx, j["rmse"], np.sqrt(M.mean_squared_error(y, yh, sample_weight=sw)))
        check("mae" + sfx, j["mae"], M.mean_absolute_error(y, yh, sample_weight=sw))
        check("r2" + sfx, j["r2"], M.r2_score(y, yh, sample_weight=sw))
        check("mape" + sfx, j["mape"], M.mean_absolute_percentage_error(y, yh, sample_weight=sw))
        check("explained_variance" + sfx, j["explained_variance"], M.explained_variance_score(y, yh, sample_weight=sw))
        if not weighted:  # sklearn 1.2's weighted median is the lower weighted percentile; ours averages (see Regression)
            check("median_ae", j["median_ae"], M.median_absolute_error(y, yh))
    j = holdout(path, "--label", "y", "--prediction", "yhat", "--task", "regression", "--group-by", "g")
    for key in j:
        m = g == key
        check("r2_by_group", j[key]["r2"], M.r2_score(y[m], yh[m]))

const = f"{tmp}/const.csv"
pd.DataFrame({"y": [2.0, 2.0, 2.0], "p": [2.0, 2.0, 3.0]}).to_csv(const, index=False)
check("r2_constant_truth", holdout(const, "--label", "y", "--prediction", "p", "--task", "regression")["r2"],
      M.r2_score([2, 2, 2], [2, 2, 3]))

import sklearn
print(f"scikit-learn {sklearn.__version__}: largest absolute difference per metric")
for k, v in worst.items():
    print(f"  {k:32s} {v:.1e}")
