#!/usr/bin/python3
"""The pandas peer of `holdout monitor baseline` (issue 13): read_csv + describe() + per-column quantiles.

Usage: /usr/bin/python3 bench/python/describe_csv.py FILE
Needs Debian's python3-pandas. What it computes is what a baseline holds: per numeric column count, mean, std,
min, max and the deciles (describe(percentiles=...)); per text column the count, distinct count and value
counts. It prints the number of columns described, so a run that read nothing cannot pass for a fast one.
"""
import sys

import pandas as pd

path = sys.argv[1]
df = pd.read_csv(path)
deciles = [i / 10 for i in range(1, 10)]
numeric = df.select_dtypes(include="number")
stats = numeric.describe(percentiles=deciles)
text = df.select_dtypes(exclude="number")
counts = {c: text[c].value_counts() for c in text.columns}
distinct = {c: text[c].nunique() for c in text.columns}
print(f"{len(df)} rows, {stats.shape[1]} numeric and {len(counts)} text columns described")
