#!/usr/bin/env bash
# rxbreak receive beside sockperf's server (sockperf sr), both fed by the same sender (sockperf's throughput
# client at --mps max, 64-byte messages) over loopback multicast, in a private network namespace this script
# creates and removes (trap). Each receiver asks for SO_RCVBUF 4 MiB, which the kernel doubles: an 8 MiB buffer
# (the request stays within net.core.rmem_max = 4 MiB, which a namespace cannot raise above the host's). Runs interleave (the order alternates) and repeat; prints each run, then the medians and
# ranges of the drain rate (messages taken per second of sending = (sent - kernel drops) / seconds), the loss,
# and the ratio rxbreak / sockperf.
#
#   benchmarks/scripts/receiver-vs-sockperf.sh [--reps N] [--seconds S] [--size BYTES] [--jar launcher/target/rxbreak.jar]
#
# Needs root (ip netns), sockperf (apt-get install -y sockperf), jq, and the built launcher jar (./run.sh builds it).
# Note: sockperf's messages are not rxbreak's, so rxbreak decodes each header, finds a foreign magic, counts and
# skips it: its socket path (recvmmsg, batching, throttle machinery, decode) runs in full, its per-message
# sequence and latency accounting (measured separately by ReceiveAccountingBenchmark) does not.
set -euo pipefail
# job control: background processes keep SIGINT (sockperf prints its totals only on SIGINT)
set -m

REPS=5
SECONDS_PER_RUN=5
SIZE=64
JAR=launcher/target/rxbreak.jar
while [[ $# -gt 0 ]]; do
  case "$1" in
    --reps) REPS="$2"; shift 2 ;;
    --seconds) SECONDS_PER_RUN="$2"; shift 2 ;;
    --size) SIZE="$2"; shift 2 ;;
    --jar) JAR="$2"; shift 2 ;;
    *) echo "unknown argument $1" >&2; exit 2 ;;
  esac
done
command -v sockperf >/dev/null || { echo "sockperf is missing: apt-get install -y sockperf" >&2; exit 2; }
command -v jq >/dev/null || { echo "jq is missing: apt-get install -y jq" >&2; exit 2; }
[[ -f "$JAR" ]] || { echo "$JAR is missing: build it with ./run.sh --help" >&2; exit 2; }
[[ $(id -u) -eq 0 ]] || { echo "needs root (creates a network namespace)" >&2; exit 2; }

NS="rxbreak-bench-$$"
GROUP=239.77.0.1
PORT=17001
ADDR=198.18.0.1
BUFFER=4194304
WORK=$(mktemp -d)
PIDS=()

cleanup() {
  for pid in "${PIDS[@]:-}"; do
    [[ -n "$pid" ]] && kill -KILL "$pid" 2>/dev/null || true
  done
  if ip netns list | grep -q "^$NS"; then
    for pid in $(ip netns pids "$NS" 2>/dev/null); do kill -KILL "$pid" 2>/dev/null || true; done
    ip netns del "$NS" || true
  fi
  rm -rf "$WORK"
}
trap cleanup EXIT INT TERM

ip netns add "$NS"
ip -n "$NS" link set lo up
ip -n "$NS" addr add "$ADDR/32" dev lo
ip -n "$NS" route add 224.0.0.0/4 dev lo src "$ADDR"

wait_for() { # file pattern timeout-seconds
  local deadline=$((SECONDS + $3))
  until grep -q -- "$2" "$1" 2>/dev/null; do
    (( SECONDS < deadline )) || { echo "timed out waiting for '$2' in $1:" >&2; cat "$1" >&2; return 1; }
    sleep 0.1
  done
}

send() { # prints the number of messages sent
  ip netns exec "$NS" sockperf tp -i "$GROUP" -p "$PORT" --mc-tx-if "$ADDR" -m "$SIZE" -t "$SECONDS_PER_RUN" \
    --mps max 2>&1 | sed -n 's/.*Total of \([0-9]*\) messages sent.*/\1/p'
}

skmem() { # field (rb: buffer granted, d: drops) of the socket on the group's port, from ss inside the namespace
  ip netns exec "$NS" ss -uamn "sport = :$PORT" | tr ',()' '\n\n\n' | sed -n "s/^$1\([0-9]*\)$/\1/p" | head -1
}

run_rxbreak() {
  local out="$WORK/rx.out" err="$WORK/rx.err"
  ip netns exec "$NS" java -jar "$JAR" receive --group "$GROUP:$PORT" --rcvbuf $BUFFER --json --interval 1h \
    >"$out" 2>"$err" &
  local pid=$!
  PIDS+=("$pid")
  wait_for "$err" "socket 0:" 60
  local sent
  sent=$(send)
  sleep 0.5
  kill -TERM "$pid"
  wait "$pid" || true
  local datagrams drops granted
  datagrams=$(jq '.datagrams' "$out")
  drops=$(jq '.kernelDrops' "$out")
  granted=$(jq '.rcvbufGranted' "$out")
  echo "rxbreak $sent $datagrams $drops $granted"
}

run_sockperf() {
  local out="$WORK/sp.out"
  ip netns exec "$NS" sockperf sr -i "$GROUP" -p "$PORT" --mc-rx-if "$ADDR" --buffer-size $BUFFER >"$out" 2>&1 &
  local pid=$!
  PIDS+=("$pid")
  wait_for "$out" "using" 30
  local sent
  sent=$(send)
  sleep 0.5
  local drops granted
  drops=$(skmem d)
  granted=$(skmem rb)
  kill -INT "$pid"
  wait "$pid" || true
  local received
  received=$(sed -n 's/.*Total \([0-9]*\) messages received.*/\1/p' "$out")
  echo "sockperf $sent $received $drops $granted"
}

RESULTS="$WORK/results"
: >"$RESULTS"
echo "tool      sent       received   kernel-drops  rcvbuf-granted  rate(msg/s)  loss%"
for ((rep = 1; rep <= REPS; rep++)); do
  if (( rep % 2 )); then order="rxbreak sockperf"; else order="sockperf rxbreak"; fi
  for tool in $order; do
    line=$(run_$tool)
    read -r name sent received drops granted <<<"$line"
    rate=$(( (sent - drops) / SECONDS_PER_RUN ))
    loss=$(awk -v d="$drops" -v s="$sent" 'BEGIN { printf "%.3f", (s > 0) ? 100 * d / s : 0 }')
    printf '%-9s %-10s %-10s %-13s %-15s %-12s %s\n' "$name" "$sent" "$received" "$drops" "$granted" "$rate" "$loss"
    echo "$name $rate $loss $sent" >>"$RESULTS"
  done
done

summary() { # tool column -> "median (min-max)"
  awk -v t="$1" -v c="$2" '$1 == t { print $c }' "$RESULTS" | sort -g | awk '
    { v[NR] = $1 } END { m = (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2;
      printf "%s (%s-%s)", m, v[1], v[NR] }'
}
median() { summary "$1" "$2" | cut -d' ' -f1; }
echo
echo "size ${SIZE} B, ${SECONDS_PER_RUN} s per run, ${REPS} runs each, interleaved; medians (ranges):"
for tool in rxbreak sockperf; do
  echo "  $tool: rate $(summary $tool 2) msg/s, loss $(summary $tool 3) %, sender offered $(summary $tool 4) msgs"
done
awk -v a="$(median rxbreak 2)" -v b="$(median sockperf 2)" 'BEGIN { printf "  ratio rxbreak/sockperf (median rates): %.3f\n", (b > 0) ? a / b : 0 }'
