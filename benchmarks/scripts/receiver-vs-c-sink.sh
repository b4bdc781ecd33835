#!/usr/bin/env bash
# How fast rxbreak's receiver reads, against a plain C recvmmsg sink (shared/tools/mcrecv.c, built here with cc):
# both unthrottled, 8 MiB buffer granted (SO_RCVBUF 4 MiB, doubled), the receiver pinned to the last CPU, fed by the
# same sender (rxbreak send with GSO, pinned to CPU 0) at a list of rates, 5 s each, in a private network namespace
# this script creates and removes. rxbreak's receiver runs as the ramp runs it: recvmmsg reading, its reading
# thread alone on the receiver's CPU (--reader-cpus), the agents' JVM options. Runs interleave (the receivers'
# order alternates each round) and repeat; prints each run's loss, then per size the highest rate each receiver
# took with nothing lost (median and range over the rounds) and the ratio rxbreak / C.
#
#   benchmarks/scripts/receiver-vs-c-sink.sh [--reps N] [--sizes "64 512 1400"] [--rates "200000 400000 ..."]
#
# Needs root, cc, python3 and the built launcher jar (./run.sh builds it).
set -euo pipefail
. "$(dirname "${BASH_SOURCE[0]}")/bench-lib.sh"

reps=3
sizes="64 512 1400"
rates="200000 300000 400000 500000 600000 700000 800000"
java_opts="-Xms256m -Xmx1g -XX:+UseParallelGC -XX:+UnlockDiagnosticVMOptions -XX:GuaranteedSafepointInterval=0"
while [ $# -gt 0 ]; do
  case "$1" in
    --reps) reps="$2"; shift 2 ;;
    --sizes) sizes="$2"; shift 2 ;;
    --rates) rates="$2"; shift 2 ;;
    *) echo "unknown argument $1" >&2; exit 2 ;;
  esac
done
require python3 cc taskset
cc -O2 -o "$tmp/mcrecv" "$root/../shared/tools/mcrecv.c"
make_namespace
last_cpu=$(( $(nproc) - 1 ))
results="$tmp/results"
: > "$results"

run_c() { # size rate -> drops
  port=$((port + 1))
  ip netns exec "$ns" taskset -c "$last_cpu" "$tmp/mcrecv" -g "$group_ip" -p "$port" -B 4194304 -t 30 -I 500 \
    >"$tmp/c.out" 2>"$tmp/c.err" &
  local pid=$!
  for _ in $(seq 200); do grep -qs ready "$tmp/c.err" && break; sleep 0.02; done
  ip netns exec "$ns" taskset -c 0 java -jar "$rxbreak_jar" send --group "$group_ip:$port" --rate "$2" --size "$1" \
    --warmup 1s --duration 4s --quiet --end-markers 0 >/dev/null 2>&1 || true
  wait "$pid" || true
  field sockdrops "$(cat "$tmp/c.out")"
}

run_rxbreak() { # size rate -> drops
  port=$((port + 1))
  # shellcheck disable=SC2086
  ip netns exec "$ns" java $java_opts -jar "$rxbreak_jar" receive --group "$group_ip:$port" --rcvbuf 4MiB \
    --rcvbuf-force --reader-cpus "$last_cpu" --max-message-size "$1" --until-end --drain 500ms --json \
    >"$tmp/r.out" 2>"$tmp/r.err" &
  local pid=$!
  for _ in $(seq 500); do grep -qs "socket 0:" "$tmp/r.err" && break; sleep 0.02; done
  ip netns exec "$ns" taskset -c 0 java -jar "$rxbreak_jar" send --group "$group_ip:$port" --rate "$2" --size "$1" \
    --warmup 1s --duration 4s --quiet >/dev/null 2>&1 || true
  wait "$pid" || true
  python3 -c 'import json,sys; print(json.loads([l for l in open(sys.argv[1]) if l.startswith("{")][-1])["kernelDrops"])' \
    "$tmp/r.out" 2>/dev/null || echo -1
}

for rep in $(seq "$reps"); do
  for size in $sizes; do
    for rate in $rates; do
      if [ $((rep % 2)) -eq 1 ]; then order="c rxbreak"; else order="rxbreak c"; fi
      for who in $order; do
        if [ "$who" = c ]; then drops=$(run_c "$size" "$rate"); else drops=$(run_rxbreak "$size" "$rate"); fi
        echo "$rep $size $rate $who $drops" | tee -a "$results"
      done
    done
  done
done

python3 - "$results" <<'PY'
import sys, statistics, collections
rows = [l.split() for l in open(sys.argv[1]) if l.strip()]
best = collections.defaultdict(lambda: collections.defaultdict(int))
for rep, size, rate, who, drops in rows:
    if int(drops) == 0:
        best[(int(size), who)][int(rep)] = max(best[(int(size), who)][int(rep)], int(rate))
print()
for size in sorted({int(r[1]) for r in rows}):
    reps = sorted({int(r[0]) for r in rows})
    line = []
    med = {}
    for who in ("c", "rxbreak"):
        vals = [best[(size, who)].get(rep, 0) for rep in reps]
        med[who] = statistics.median(vals)
        line.append("%s %s [%s-%s]" % (who, "{:,}".format(int(med[who])), "{:,}".format(min(vals)), "{:,}".format(max(vals))))
    ratio = med["rxbreak"] / med["c"] if med["c"] else float("nan")
    print("%5d B: highest rate with nothing lost: %s; ratio rxbreak / C %.2f" % (size, "; ".join(line), ratio))
PY
