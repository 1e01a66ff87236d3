#!/usr/bin/python3
"""Times pandas.read_csv on a benchmark CSV, the Python user's baseline for CsvLoadBench / LoadCsv.

Usage: /usr/bin/python3 bench/python/read_csv.py FILE [--once] [--dates COL,COL]
Needs Debian's python3-pandas. Without --once: the best and median of 5 runs after one warm-up.
With --once: one read (for timing the whole process from outside), printing the shape.
--dates names the columns to parse as dates (default: "date", and "time" when the file has it).
"""
import statistics
import sys
import time

import pandas as pd

args = [a for a in sys.argv[1:] if not a.startswith("--")]
path = args[0] if args else "/tmp/holdout-1m.csv"
once = "--once" in sys.argv
if "--dates" in sys.argv:
    dates = sys.argv[sys.argv.index("--dates") + 1].split(",")
else:
    with open(path, encoding="utf-8") as f:
        header = f.readline().strip().split(",")
    dates = [c for c in ("date", "time") if c in header]


def read():
    return pd.read_csv(path, parse_dates=dates)


if once:
    df = read()
    print(f"pandas {pd.__version__} read_csv {df.shape[0]} rows x {df.shape[1]} columns")
    sys.exit(0)
read()
times = []
for _ in range(5):
    t0 = time.perf_counter()
    df = read()
    times.append(time.perf_counter() - t0)
print(f"pandas {pd.__version__} read_csv {len(df)} rows: best {min(times)*1000:.0f} ms, median {statistics.median(times)*1000:.0f} ms")
