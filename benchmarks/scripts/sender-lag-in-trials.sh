#!/usr/bin/env bash
# The sender's punctuality inside agent-driven ramp trials: rxbreak ramp held at one rate (64 B datagrams) against an
# unthrottled receiver with an 8 MiB buffer (it keeps up, so every trial's figures are the sender's), in a private
# network namespace this script creates and removes. For each trial it prints the sender's lag at the 99th and
# 99.9th percentile of its batches and at worst, and its largest late burst (messages sent back to back because
# they were overdue); then the medians and ranges per rate. With --before JAR the same runs go through an older
# build too, interleaved (the order alternates each round); builds without per-batch percentiles show only their
# worst lag.
#
#   benchmarks/scripts/sender-lag-in-trials.sh [--reps N] [--rates "25000 100000 300000"] [--before JAR]
#
# Needs root and the built launcher jar (./run.sh builds it).
set -euo pipefail
. "$(dirname "${BASH_SOURCE[0]}")/bench-lib.sh"

reps=3
rates="25000 100000 300000"
before=""
while [ $# -gt 0 ]; do
  case "$1" in
    --reps) reps="$2"; shift 2 ;;
    --rates) rates="$2"; shift 2 ;;
    --before) before="$2"; shift 2 ;;
    *) echo "unknown argument $1" >&2; exit 2 ;;
  esac
done
require python3
[ -z "$before" ] || [ -f "$before" ] || { echo "$0: $before is missing" >&2; exit 2; }
make_namespace

results="$tmp/results"
: > "$results"
jars=("after=$rxbreak_jar")
[ -n "$before" ] && jars+=("before=$before")
for rep in $(seq "$reps"); do
  for rate in $rates; do
    order=("${jars[@]}")
    if [ $((rep % 2)) -eq 0 ] && [ ${#jars[@]} -gt 1 ]; then order=("${jars[1]}" "${jars[0]}"); fi
    for entry in "${order[@]}"; do
      name="${entry%%=*}"; jar="${entry#*=}"
      port=$((port + 1))
      out="$tmp/run-$name-$rate-$rep"
      ip netns exec "$ns" java -jar "$jar" ramp --group "$group_ip:$port" --start-rate "$rate" --max-rate "$rate" \
        --rcvbuf 4MiB --rcvbuf-force --duration 3s --warm-up 500ms --confirm-duration 6s \
        --confirm-trial-duration 3s --max-trials 4 --out "$out" >"$out.log" 2>&1 || true
      python3 - "$name" "$rate" "$rep" "$out/trials.jsonl" >>"$results" <<'PY'
import json, sys
name, rate, rep, path = sys.argv[1:]
try:
    lines = open(path).read().split("\n")
except OSError:
    lines = []
for line in lines:
    if not line.startswith("{"):
        continue
    t = json.loads(line)
    p = t.get("senderPacing") or {}
    print(json.dumps({"build": name, "rate": int(rate), "rep": int(rep), "trial": t["trial"],
                      "verdict": t["verdict"], "lost": t["lost"],
                      "p99": p.get("lagP99Ns"), "p999": p.get("lagP999Ns"),
                      "max": p.get("lagMaxNs", t["senderLagNs"]), "burst": p.get("largestBurst")}))
PY
    done
  done
done

python3 - "$results" <<'PY'
import json, sys, statistics
rows = [json.loads(l) for l in open(sys.argv[1]) if l.strip()]
def ms(v): return "-" if v is None else "%.3f" % (v / 1e6)
print("%-7s %8s %4s %6s %-8s %7s %9s %9s %9s %7s" % ("build", "rate", "rep", "trial", "verdict", "lost", "p99 ms", "p99.9 ms", "max ms", "burst"))
for r in rows:
    print("%-7s %8d %4d %6d %-8s %7d %9s %9s %9s %7s" % (r["build"], r["rate"], r["rep"], r["trial"], r["verdict"], r["lost"],
          ms(r["p99"]), ms(r["p999"]), ms(r["max"]), "-" if r["burst"] is None else r["burst"]))
print()
print("medians [min-max] over trials")
for build in sorted({r["build"] for r in rows}):
    for rate in sorted({r["rate"] for r in rows}):
        sel = [r for r in rows if r["build"] == build and r["rate"] == rate]
        if not sel: continue
        def summary(key):
            vals = [r[key] for r in sel if r[key] is not None]
            if not vals: return "-"
            return "%s [%s-%s]" % (ms(statistics.median(vals)), ms(min(vals)), ms(max(vals)))
        bursts = [r["burst"] for r in sel if r["burst"] is not None]
        print("%-7s %8d msgs/s: %d trials  lag p99 %s  p99.9 %s  max %s ms  largest burst %s  trials that lost %d" % (
            build, rate, len(sel), summary("p99"), summary("p999"), summary("max"),
            "%d [%d-%d]" % (statistics.median(bursts), min(bursts), max(bursts)) if bursts else "-",
            sum(1 for r in sel if r["lost"] > 0)))
PY
