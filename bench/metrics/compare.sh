#!/usr/bin/env bash
# End-to-end comparison for issue 3: `holdout metrics --score` vs pandas.read_csv + scikit-learn on the
# same 5,000,000-row predictions CSV. Wall time of each whole command (JVM / interpreter start-up
# included), best and median of RUNS runs, alternating the two so machine load hits both alike.
#
# Usage: bench/metrics/compare.sh [FILE] [RUNS]
# Needs: apt-get install -y python3-sklearn python3-pandas; the CLI jar (mvn -B -o -q -pl toolkit -am package -DskipTests).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
file="${1:-/tmp/holdout-metrics-bench/predictions-5m.csv}"
runs="${2:-5}"
jar="$root/toolkit/target/holdout-toolkit-0.1.0-SNAPSHOT-cli.jar"
if [ ! -f "$file" ]; then
  mkdir -p "$(dirname "$file")"
  /usr/bin/python3 "$here/gen_predictions.py" --rows 5000000 --seed 42 --out "$file"
fi
now() { date +%s.%N; }
java_times=(); py_times=()
for i in $(seq "$runs"); do
  t0=$(now); java -jar "$jar" metrics --input "$file" --label label --prediction prediction --score score --format json > /tmp/holdout-metrics-java.json; t1=$(now)
  java_times+=("$(echo "$t1 - $t0" | bc)")
  t0=$(now); /usr/bin/python3 "$here/sklearn_metrics.py" "$file" > /tmp/holdout-metrics-python.json; t1=$(now)
  py_times+=("$(echo "$t1 - $t0" | bc)")
done
stats() { printf '%s\n' "$@" | sort -n | awk '{a[NR]=$1} END {printf "best %.2f s, median %.2f s", a[1], a[int((NR+1)/2)]}'; }
echo "holdout metrics:        $(stats "${java_times[@]}")  (runs: ${java_times[*]})"
echo "pandas + scikit-learn:  $(stats "${py_times[@]}")  (runs: ${py_times[*]})"
jm=$(printf '%s\n' "${java_times[@]}" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}')
pm=$(printf '%s\n' "${py_times[@]}" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}')
echo "ratio (median python / median holdout): $(echo "scale=2; $pm / $jm" | bc)"
/usr/bin/python3 - <<'PY'
import json
j = json.load(open("/tmp/holdout-metrics-java.json")); p = json.load(open("/tmp/holdout-metrics-python.json"))
for k in ["accuracy", "precision", "recall", "f1", "roc_auc", "log_loss"]:
    print(f"  {k:10s} holdout {j[k]:.15f}  sklearn {p[k]:.15f}  diff {abs(j[k]-p[k]):.1e}")
PY
