#!/usr/bin/python3
"""The Python side of the end-to-end comparison: what a scikit-learn user runs on a predictions file.

Usage: /usr/bin/python3 bench/metrics/sklearn_metrics.py /tmp/predictions-5m.csv
Prints the metrics and the wall time of read_csv + metrics (interpreter start-up excluded; the
shell's `time` around the whole command includes it, as it does for `holdout metrics`).
"""
import json
import sys
import time

t0 = time.perf_counter()
import pandas as pd
from sklearn.metrics import (accuracy_score, f1_score, log_loss, precision_score, recall_score,
                             roc_auc_score)

t_import = time.perf_counter()
df = pd.read_csv(sys.argv[1])
t_read = time.perf_counter()
y, p, s = df["label"].to_numpy(), df["prediction"].to_numpy(), df["score"].to_numpy()
out = {
    "accuracy": accuracy_score(y, p),
    "precision": precision_score(y, p),
    "recall": recall_score(y, p),
    "f1": f1_score(y, p),
    "roc_auc": roc_auc_score(y, s),
    "log_loss": log_loss(y, s),
}
t_done = time.perf_counter()
out["seconds"] = {"import": round(t_import - t0, 3), "read_csv": round(t_read - t_import, 3),
                  "metrics": round(t_done - t_read, 3), "read_plus_metrics": round(t_done - t_import, 3)}
print(json.dumps(out, indent=1))
