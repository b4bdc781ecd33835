#!/usr/bin/env bash
# Pacing accuracy of rxbreak send: constant 10k, 100k and 250k msgs/s for SECS seconds, and microbursts, over
# loopback multicast in a private network namespace made here (removed on exit), into the counting sink
# (benchmarks/scripts/sink.c). For each run: the sender's achieved rate against its target (it must be within
# 0.5 %), its max lag and whether it called itself sender-limited; what the sink received per second; and for
# bursts, how many clusters (runs of datagrams with gaps under 200 us) the sink saw and their mean size.
# ROUNDS repeats, interleaved; medians and ranges.
#
#   sudo benchmarks/scripts/sender-pacing.sh            ROUNDS=3 SECS=10 by default
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/bench-lib.sh"
ROUNDS="${ROUNDS:-3}"
SECS="${SECS:-10}"
RUNS=("constant:10000" "constant:100000" "constant:250000" "burst:100/1ms" "burst:1000/10ms")

require java gcc python3
make_namespace
results="$tmp/results"
: >"$results"

for round in $(seq "$ROUNDS"); do
  for run in "${RUNS[@]}"; do
    start_sink 200
    out="$tmp/out.$port"
    case "$run" in
      constant:*) args=(--rate "${run#constant:}") ;;
      *) args=(--pattern "$run") ;;
    esac
    ip netns exec "$ns" java -jar "$rxbreak_jar" send --group "$group" "${args[@]}" --size 64 \
      --duration "${SECS}s" --json --quiet >"$out" 2>"$out.err" || true
    line="$(stop_sink)"
    python3 - "$out" "$run" "$SECS" "$line" >>"$results" <<'PY'
import json, sys
result = [json.loads(l) for l in open(sys.argv[1]) if l.startswith("{")][-1]
sink = dict(kv.split("=") for kv in sys.argv[4].split()[1:])
secs = float(sys.argv[3])
# received includes the 5 end-of-trial markers
received = int(sink["received"]) - result["endMarkersSent"]
print(sys.argv[2], result["targetRate"], result["achievedRate"], result["maxLagNs"], int(result["senderLimited"]),
      received / secs, sink["clusters"], sink["clusterMean"], sink["drops"])
PY
    tail -1 "$results" >&2
  done
done

python3 - "$results" <<'PY'
import statistics, sys, collections
rows = collections.defaultdict(list)
for line in open(sys.argv[1]):
    f = line.split()
    rows[f[0]].append([float(x) for x in f[1:]])
def med(values, fmt="%.0f"):
    return (fmt + " [" + fmt + " .. " + fmt + "]") % (statistics.median(values), min(values), max(values))
print("%-16s %9s %-30s %-12s %-26s %-5s %-27s %s" % ("run", "target/s", "sent/s median [range]", "error %",
      "max lag ms", "limit", "received/s", "clusters (mean size)"))
for run, values in rows.items():
    cols = list(zip(*values))
    target = cols[0][0]
    errors = [abs(a / target - 1) * 100 for a in cols[1]]
    print("%-16s %9.0f %-30s %-12s %-26s %-5d %-27s %s (%s)" % (run, target, med(cols[1]), "%.3f" % max(errors),
          med([v / 1e6 for v in cols[2]], "%.2f"), int(sum(cols[3])), med(cols[4]),
          med(cols[5]), med(cols[6], "%.1f")))
PY
