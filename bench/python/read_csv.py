#!/usr/bin/python3
"""Times pandas.read_csv on the benchmark CSV, the Python user's baseline for CsvLoadBench.

Usage: /usr/bin/python3 bench/python/read_csv.py /tmp/holdout-1m.csv
Needs Debian's python3-pandas. Prints the best and median of 5 runs after one warm-up.
"""
import statistics
import sys
import time

import pandas as pd

path = sys.argv[1] if len(sys.argv) > 1 else "/tmp/holdout-1m.csv"
pd.read_csv(path, parse_dates=["date"])
times = []
for _ in range(5):
    t0 = time.perf_counter()
    df = pd.read_csv(path, parse_dates=["date"])
    times.append(time.perf_counter() - t0)
print(f"pandas {pd.__version__} read_csv {len(df)} rows: best {min(times)*1000:.0f} ms, median {statistics.median(times)*1000:.0f} ms")
