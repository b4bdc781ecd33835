#!/usr/bin/env bash
# What counting the kernel's drop reasons costs: a C sendmmsg flood of multicast nobody joined, in a private
# namespace over loopback (TTL 0), freed by the kernel one by one, while DropReasonCounter counts them. Prints
# what was sent, what was counted and lost, and the reader thread's CPU. Needs root and a compiled harness-core
# (./mvnw -B -ntp -o -pl harness-core -am compile). Usage: drop-reason-cost.sh [SECONDS]
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/bench-lib.sh"
seconds="${1:-3}"
[ "$(id -u)" = 0 ] || { echo "$0: needs root (a namespace and a tracefs instance)" >&2; exit 2; }
classes="$root/harness-core/target/classes"
[ -d "$classes" ] || { echo "$0: compile first: ./mvnw -B -ntp -o -pl harness-core -am compile" >&2; exit 2; }
jna="$(ls "$HOME"/.m2/repository/net/java/dev/jna/jna/*/jna-*.jar | grep -v sources | sort -V | tail -1)"
gcc -O2 -o "$tmp/flood" "$root/benchmarks/scripts/flood.c"
make_namespace
# interleaved, three rounds each: the flood alone, then counted (the machine is shared and noisy)
for round in 1 2 3; do
  sent="$(ip netns exec "$ns" "$tmp/flood" 239.255.7.7 20000 "$seconds")"
  echo "round $round, not counted: sent $sent in $seconds s ($((sent / seconds))/s)"
  echo -n "round $round, counted: "
  java -cp "$classes:$jna" "$root/benchmarks/scripts/DropReasonCost.java" \
    ip netns exec "$ns" "$tmp/flood" 239.255.7.7 20000 "$seconds"
done
