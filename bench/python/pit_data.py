"""Seeded data for the point-in-time join benchmark (bench/README.md, issue 14).

features.csv: FEATURE_ROWS rows of (cid, ts, x, n, s) - IDS customers, event times spread over 2024 (whole seconds, UTC, with Z);
entities.csv: ENTITY_ROWS rows of (cid, t, label) - random customers at random times in the same year.

    python3 bench/python/pit_data.py OUT_DIR [FEATURE_ROWS] [ENTITY_ROWS]
"""
import sys

import numpy as np
import pandas as pd

out = sys.argv[1]
rows = int(sys.argv[2]) if len(sys.argv) > 2 else 10_000_000
ents = int(sys.argv[3]) if len(sys.argv) > 3 else 1_000_000
ids = max(1, rows // 10)
rng = np.random.default_rng(14)
start = np.datetime64("2024-01-01T00:00:00", "s")
year = 366 * 86400


def iso(seconds):
    return np.datetime_as_string(start + seconds.astype("timedelta64[s]"), unit="s").astype(object) + "Z"


f = pd.DataFrame({
    "cid": rng.integers(0, ids, rows),
    "ts": iso(rng.integers(0, year, rows)),
    "x": np.round(rng.normal(100, 30, rows), 3),
    "n": rng.integers(0, 50, rows),
    "s": np.array(["basic", "pro", "team", "free"], dtype=object)[rng.integers(0, 4, rows)],
})
f.to_csv(f"{out}/features.csv", index=False)
e = pd.DataFrame({
    "cid": rng.integers(0, ids, ents),
    "t": iso(rng.integers(0, year, ents)),
    "label": rng.integers(0, 2, ents),
})
e.to_csv(f"{out}/entities.csv", index=False)
