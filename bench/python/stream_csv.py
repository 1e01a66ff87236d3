#!/usr/bin/python3
"""The Python peer of StreamCsv: one pass of pandas.read_csv(chunksize=...) computing the same statistics
(rows, the mean and missing count of the fourth column, distinct text values per chunk, summed).

Usage: /usr/bin/python3 bench/python/stream_csv.py FILE [ROWS_PER_CHUNK]
"""
import sys

import pandas as pd

path = sys.argv[1]
rows = int(sys.argv[2]) if len(sys.argv) > 2 else 65536
total = batches = missing = distinct = 0
total_sum = 0.0
column = None
for chunk in pd.read_csv(path, chunksize=rows):
    if column is None:
        column = chunk.columns[3]
    x = chunk[column]
    missing += int(x.isna().sum())
    total_sum += float(x.sum())
    for c in chunk.columns:
        if chunk[c].dtype == object:
            distinct += chunk[c].nunique()
    total += len(chunk)
    batches += 1
print(f"{total} rows in {batches} batches; mean of {column} {total_sum / (total - missing):.4f}; {missing} missing; "
      f"{distinct} distinct text values per batch, summed")
