#!/usr/bin/python3
"""Writes a seeded binary-classification predictions CSV (label,prediction,score) for the metrics benchmark.

Usage: /usr/bin/python3 bench/metrics/gen_predictions.py --rows 5000000 --seed 42 --out /tmp/predictions-5m.csv
The file is not committed; the same rows and seed always give the same bytes.
"""
import argparse

import numpy as np


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--rows", type=int, default=5_000_000)
    ap.add_argument("--seed", type=int, default=42)
    ap.add_argument("--out", required=True)
    a = ap.parse_args()
    rng = np.random.default_rng(a.seed)
    label = (rng.random(a.rows) < 0.3).astype(np.int64)          # 30 % positives
    logit = np.where(label == 1, 0.9, -0.9) + rng.normal(0.0, 1.2, a.rows)
    score = 1.0 / (1.0 + np.exp(-logit))
    prediction = (score >= 0.5).astype(np.int64)
    with open(a.out, "w", encoding="utf-8", newline="\n") as f:
        f.write("label,prediction,score\n")
        chunk = 1_000_000
        for s in range(0, a.rows, chunk):
            e = min(a.rows, s + chunk)
            lines = [f"{l},{p},{x:.6f}\n" for l, p, x in zip(label[s:e], prediction[s:e], score[s:e])]
            f.write("".join(lines))


if __name__ == "__main__":
    main()
