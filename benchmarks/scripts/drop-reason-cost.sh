#!/usr/bin/env bash
# What counting the kernel's drop reasons costs: a C sendmmsg flood of multicast nobody joined, in a private
# namespace over loopback (TTL 0), freed by the kernel one by one, while DropReasonCounter counts them. Prints
# what was sent, what was counted and lost, and the reader thread's CPU. Needs root and a compiled harness-core
# (./mvnw -B -ntp -o -pl harness-core -am compile). Usage: drop-reason-cost.sh [SECONDS]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
seconds="${1:-3}"
ns="rxb-dropcost-$$"
tmp="$(mktemp -d -t rxb-dropcost.XXXXXX)"
cleanup() {
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
[ "$(id -u)" = 0 ] || { echo "$0: needs root (a namespace and a tracefs instance)" >&2; exit 2; }
classes="$root/harness-core/target/classes"
[ -d "$classes" ] || { echo "$0: compile first: ./mvnw -B -ntp -o -pl harness-core -am compile" >&2; exit 2; }
jna="$(ls "$HOME"/.m2/repository/net/java/dev/jna/jna/*/jna-*.jar | grep -v sources | sort -V | tail -1)"
gcc -O2 -o "$tmp/flood" "$root/benchmarks/scripts/flood.c"
ip netns add "$ns"
ip -n "$ns" link set lo up
ip -n "$ns" link set lo multicast on
ip -n "$ns" addr add 198.18.0.1/32 dev lo
ip -n "$ns" route add 224.0.0.0/4 dev lo src 198.18.0.1
# interleaved, three rounds each: the flood alone, then counted (the machine is shared and noisy)
for round in 1 2 3; do
  sent="$(ip netns exec "$ns" "$tmp/flood" 239.255.7.7 20000 "$seconds")"
  echo "round $round, not counted: sent $sent in $seconds s ($((sent / seconds))/s)"
  echo -n "round $round, counted: "
  java -cp "$classes:$jna" "$root/benchmarks/scripts/DropReasonCost.java" \
    ip netns exec "$ns" "$tmp/flood" 239.255.7.7 20000 "$seconds"
done
