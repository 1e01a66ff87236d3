"""The pandas peer of `holdout features join` (bench/README.md, issue 14): read, point-in-time join, write.

For each entity row, the feature row of the same id with the latest event time at or before the entity time
(merge_asof by=id, direction="backward", exact matches allowed; equal event times: the later row of the file, as a
stable sort keeps it), within an optional tolerance (the time to live). Every entity row kept, in input order.

    python3 bench/python/pit_join.py features.csv entities.csv out.csv [TTL_DAYS]
"""
import sys

import pandas as pd

features, entities, out = sys.argv[1:4]
ttl = pd.Timedelta(days=float(sys.argv[4])) if len(sys.argv) > 4 else None
f = pd.read_csv(features, parse_dates=["ts"])
e = pd.read_csv(entities, parse_dates=["t"])
e["_row"] = range(len(e))
f = f.sort_values("ts", kind="stable")
left = e.sort_values("t", kind="stable")
m = pd.merge_asof(left, f, left_on="t", right_on="ts", by="cid", direction="backward", allow_exact_matches=True, tolerance=ttl)
m = m.sort_values("_row").drop(columns=["_row", "ts"])
m["t"] = e["t"].dt.strftime("%Y-%m-%dT%H:%M:%SZ").values  # the entity file's own text, as the Holdout join keeps it
m.to_csv(out, index=False)
