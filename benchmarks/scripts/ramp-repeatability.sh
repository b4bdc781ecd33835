#!/usr/bin/env bash
# How long a ramp takes to find the NDR of a receiver throttled to a known capacity at 1 % precision, and how
# repeatable that NDR is: RUNS ramps one after the other (default 5), each in its own private network namespace
# (rxbreak ramp --sandbox, removed afterwards), then the median and range of the NDR and of the wall time.
#
#   benchmarks/scripts/ramp-repeatability.sh [RUNS] [extra ramp options...]
#
# Needs root (--sandbox) and the jar (./mvnw -B -ntp -DskipTests -pl launcher -am package).
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
jar="$root/launcher/target/rxbreak.jar"
runs="${1:-5}"
shift || true
capacity=20000
[ "$(id -u)" = 0 ] || { echo "$0: needs root (rxbreak ramp --sandbox)" >&2; exit 2; }
[ -f "$jar" ] || { echo "$0: build first: ./mvnw -B -ntp -DskipTests -pl launcher -am package" >&2; exit 2; }
command -v python3 >/dev/null 2>&1 || { echo "$0: python3 is missing (it reads report.json)" >&2; exit 2; }

tmp="$(mktemp -d -t rxb-ramp-rep.XXXXXX)"
trap 'rm -rf "$tmp"' EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

options=(--throttle "rate:$capacity" --rcvbuf 416KiB --rcvbuf-force --start-rate 16000 --step x1.25
  --precision 1% --duration 3s --warm-up 500ms --confirm-duration 3s --confirm-trial-duration 3s --max-trials 40 "$@")
echo "ramp-repeatability: $runs ramps of a receiver throttled to $capacity msgs/s:"
echo "  rxbreak ramp --sandbox ${options[*]}"
printf '%-4s %10s %8s %7s %s\n' run ndr vs_cap trials wall_s
for i in $(seq 1 "$runs"); do
  start_ns=$(date +%s%N)
  code=0
  java -jar "$jar" ramp --sandbox "${options[@]}" --out "$tmp/run$i" >"$tmp/run$i.log" 2>&1 || code=$?
  end_ns=$(date +%s%N)
  wall=$(( (end_ns - start_ns) / 1000000 ))
  python3 - "$tmp/run$i/report.json" "$i" "$wall" "$capacity" "$code" >>"$tmp/rows" <<'PY'
import json, sys
path, run, wall_ms, capacity, code = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4]), sys.argv[5]
try:
    report = json.load(open(path))
except OSError:
    report = {"ndr": None, "trials": []}
ndr = report.get("ndr")
print(run, ndr if ndr is not None else "none", len(report.get("trials", [])), wall_ms, code)
PY
  read -r _ ndr trials _ _ < <(tail -1 "$tmp/rows")
  if [ "$ndr" = none ]; then vs="-"; else vs=$(python3 -c "print('%+.2f%%' % (100.0 * ($ndr - $capacity) / $capacity))"); fi
  printf '%-4s %10s %8s %7s %s\n' "$i" "$ndr" "$vs" "$trials" "$(python3 -c "print('%.1f' % ($wall / 1000.0))")"
  [ "$code" = 0 ] || echo "  (run $i exited $code; its output: $tmp/run$i.log)"
done
python3 - "$tmp/rows" "$capacity" <<'PY'
import statistics, sys
rows = [line.split() for line in open(sys.argv[1])]
capacity = int(sys.argv[2])
ndrs = [int(r[1]) for r in rows if r[1] != "none"]
walls = [int(r[3]) / 1000.0 for r in rows]
if ndrs:
    med = statistics.median(ndrs)
    print("NDR: median %d msgs/s (%+.2f%% vs capacity %d), range %d-%d, spread %.2f%% of the median (%d of %d runs found one)"
          % (med, 100.0 * (med - capacity) / capacity, capacity, min(ndrs), max(ndrs),
             100.0 * (max(ndrs) - min(ndrs)) / med, len(ndrs), len(rows)))
else:
    print("NDR: no run found one")
print("time to the NDR: median %.1f s, range %.1f-%.1f s" % (statistics.median(walls), min(walls), max(walls)))
PY
