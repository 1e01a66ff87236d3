#!/usr/bin/python3
"""The Python user's `holdout split --strategy random`: pandas.read_csv, scikit-learn's train_test_split, to_csv.

Usage: /usr/bin/python3 bench/python/split_csv.py FILE OUTDIR [--test-size 0.25] [--seed 42]
Needs Debian's python3-pandas and python3-sklearn. Writes OUTDIR/train.csv and OUTDIR/test.csv.
Dates are left as text (as `holdout split` writes every row back as it was read).
"""
import os
import sys

import pandas as pd
from sklearn.model_selection import train_test_split

path, out = sys.argv[1], sys.argv[2]
test_size = float(sys.argv[sys.argv.index("--test-size") + 1]) if "--test-size" in sys.argv else 0.25
seed = int(sys.argv[sys.argv.index("--seed") + 1]) if "--seed" in sys.argv else 42
df = pd.read_csv(path)
train, test = train_test_split(df, test_size=test_size, random_state=seed)
os.makedirs(out, exist_ok=True)
train.to_csv(os.path.join(out, "train.csv"), index=False)
test.to_csv(os.path.join(out, "test.csv"), index=False)
print(f"train {len(train)} rows, test {len(test)} rows -> {out}")
