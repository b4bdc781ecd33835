# Shared by the benchmark scripts (sourced): a private network namespace with loopback multicast, the counting
# sink compiled from sink.c, and cleanup of everything on EXIT, INT and TERM. Needs root.
# shellcheck shell=bash

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
rxbreak_jar="$root/launcher/target/rxbreak.jar"
bench_jar="$root/benchmarks/target/benchmarks.jar"
ns="rxb-bench-$$"
tmp="$(mktemp -d -t rxb-bench.XXXXXX)"
group_ip="239.255.7.1"
port=20000

cleanup() {
  local pids
  if ip netns list 2>/dev/null | grep -qw "$ns"; then
    pids="$(ip netns pids "$ns" 2>/dev/null || true)"
    [ -n "$pids" ] && kill -9 $pids 2>/dev/null || true
    ip netns del "$ns" 2>/dev/null || true
  fi
  rm -rf "$tmp"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

require() {
  [ "$(id -u)" = 0 ] || { echo "$0: needs root (a private network namespace)" >&2; exit 2; }
  for tool in "$@"; do
    command -v "$tool" >/dev/null 2>&1 || { echo "$0: $tool is missing (apt-get install -y $tool)" >&2; exit 2; }
  done
  [ -f "$rxbreak_jar" ] || { echo "$0: build first: ./mvnw -B -ntp -DskipTests -pl launcher,benchmarks -am package" >&2; exit 2; }
  gcc -O2 -o "$tmp/sink" "$root/benchmarks/scripts/sink.c"
}

make_namespace() {
  ip netns add "$ns"
  ip -n "$ns" link set lo up
  ip -n "$ns" link set lo multicast on
  ip -n "$ns" addr add 198.18.0.1/32 dev lo
  ip -n "$ns" route add 224.0.0.0/4 dev lo src 198.18.0.1
}

# start_sink GAP_US: starts the sink on a fresh port; sets sink_pid, sink_out, group (ADDR:PORT)
start_sink() {
  port=$((port + 1))
  group="$group_ip:$port"
  sink_out="$tmp/sink.$port"
  ip netns exec "$ns" "$tmp/sink" "$group_ip" "$port" lo "${1:-200}" >"$sink_out" 2>&1 &
  sink_pid=$!
  for _ in $(seq 200); do grep -q READY "$sink_out" && return 0; sleep 0.02; done
  echo "sink did not start: $(cat "$sink_out")" >&2
  exit 1
}

# stop_sink: lets the last datagrams arrive, stops the sink and prints its RESULT line
stop_sink() {
  sleep 0.5
  kill -TERM "$sink_pid"
  wait "$sink_pid" || true
  grep RESULT "$sink_out"
}

field() { # field NAME LINE: the value of NAME=VALUE in LINE
  echo "$2" | tr ' ' '\n' | sed -n "s/^$1=//p"
}

json_field() { # json_field NAME FILE: the value of "NAME" in the last JSON object of FILE
  python3 -c 'import json,sys; print(json.loads([l for l in open(sys.argv[2]) if l.startswith("{")][-1])[sys.argv[1]])' "$1" "$2"
}
