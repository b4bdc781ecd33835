#!/usr/bin/env bash
# rxbreak's observe mode against an independent reference: a plain C receiver (shared/tools/mcrecv.c, busy work per
# message: -w 28571 ns, a nominal 35,000 msgs/s, default socket buffer, 512 B) pinned to the last CPU, its break
# point found (a) by a plain search driving the C smooth pacer (shared/tools/mcsend.c, pinned to CPU 0) and reading
# the receiver's socket drops, and (b) by rxbreak ramp --observe-pid. Same trial length (2.5 s: rxbreak's 0.5 s
# warm-up and 2 s window), same steps (x1.25 up, halving down to 1 %), in a private network namespace this script
# creates and removes. Rounds interleave (the order alternates) and repeat; prints each round's two NDRs, then their
# medians, ranges and the ratio rxbreak / reference.
#
#   benchmarks/scripts/observe-vs-reference.sh [--reps N] [--work-ns NS] [--start RATE]
#
# Needs root, cc, python3, taskset and the built launcher jar (./run.sh builds it).
set -euo pipefail
. "$(dirname "${BASH_SOURCE[0]}")/bench-lib.sh"

reps=3
work_ns=28571
start=20000
while [ $# -gt 0 ]; do
  case "$1" in
    --reps) reps="$2"; shift 2 ;;
    --work-ns) work_ns="$2"; shift 2 ;;
    --start) start="$2"; shift 2 ;;
    *) echo "unknown argument $1" >&2; exit 2 ;;
  esac
done
require python3 cc taskset
cc -O2 -o "$tmp/mcrecv" "$root/../shared/tools/mcrecv.c"
cc -O2 -o "$tmp/mcsend" "$root/../shared/tools/mcsend.c"
make_namespace
last_cpu=$(( $(nproc) - 1 ))
results="$tmp/results"
: > "$results"

drops() { # pid port -> the socket's drops
  python3 - "$1" "$2" <<'PY'
import sys
pid, port = sys.argv[1], int(sys.argv[2])
for line in open("/proc/%s/net/udp" % pid):
    f = line.split()
    if len(f) >= 13 and f[1].endswith(":%04X" % port):
        print(f[-1]); break
PY
}

reference() { # pid port -> NDR
  local low=0 high=0 rate=$start before after
  # a discarded warm-up, as the ramp's warm-up trial: a receiver's first messages meet cold caches and page faults
  ip netns exec "$ns" taskset -c 0 "$tmp/mcsend" -g "$group_ip" -p "$2" -r $((start / 2)) -s 512 -t 1 -T 0 >/dev/null
  for _ in $(seq 30); do
    if [ "$low" -gt 0 ] && [ "$high" -gt 0 ] && [ $((high - low)) -le $((high / 100)) ]; then break; fi
    before=$(drops "$1" "$2")
    ip netns exec "$ns" taskset -c 0 "$tmp/mcsend" -g "$group_ip" -p "$2" -r "$rate" -s 512 -t 2.5 -T 0 >/dev/null
    sleep 0.3
    after=$(drops "$1" "$2")
    if [ "$after" = "$before" ]; then
      low=$rate; if [ "$high" -eq 0 ]; then rate=$((rate * 5 / 4)); else rate=$(((low + high) / 2)); fi
    else
      high=$rate; if [ "$low" -eq 0 ]; then rate=$((rate / 2)); else rate=$(((low + high) / 2)); fi
    fi
  done
  echo "$low"
}

observed() { # pid port -> NDR
  local out="$tmp/ramp-$2"
  ip netns exec "$ns" java -jar "$rxbreak_jar" ramp --observe-pid "$1" --observe-group "$group_ip:$2" --size 512 \
    --start-rate "$start" --step x1.25 --precision 1% --duration 2s --warm-up 500ms --confirm-duration 4s \
    --confirm-trial-duration 2s --max-trials 30 --out "$out" >"$out.log" 2>&1 || true
  local ndr
  ndr=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["ndr"] or 0)' "$out/report.json" 2>/dev/null \
    || echo 0)
  # a ramp without an NDR says why on its first line
  [ "$ndr" != 0 ] || head -1 "$out.log" | sed 's/^/  (rxbreak: /; s/$/)/' >&2
  echo "$ndr"
}

for rep in $(seq "$reps"); do
  port=$((port + 1))
  ip netns exec "$ns" taskset -c "$last_cpu" "$tmp/mcrecv" -g "$group_ip" -p "$port" -w "$work_ns" -t 3600 \
    -I 3600000 >"$tmp/recv.out" 2>"$tmp/recv.err" &
  recv=$!
  for _ in $(seq 200); do grep -qs ready "$tmp/recv.err" && break; sleep 0.02; done
  if [ $((rep % 2)) -eq 1 ]; then
    ref=$(reference "$recv" "$port"); obs=$(observed "$recv" "$port")
  else
    obs=$(observed "$recv" "$port"); ref=$(reference "$recv" "$port")
  fi
  kill "$recv" 2>/dev/null; wait "$recv" 2>/dev/null || true
  echo "$rep reference $ref rxbreak $obs" | tee -a "$results"
done

python3 - "$results" <<'PY'
import sys, statistics
rows = [l.split() for l in open(sys.argv[1]) if l.strip()]
ref = [int(r[2]) for r in rows]; obs = [int(r[4]) for r in rows]
f = lambda v: "{:,}".format(int(v))
print()
print("reference NDR %s [%s-%s]; rxbreak observe NDR %s [%s-%s]; ratio rxbreak / reference %.3f (per round: %s)" % (
    f(statistics.median(ref)), f(min(ref)), f(max(ref)), f(statistics.median(obs)), f(min(obs)), f(max(obs)),
    statistics.median(obs) / statistics.median(ref),
    ", ".join("%.3f" % (o / r) for o, r in zip(obs, ref) if r)))
PY
