#!/usr/bin/env bash
# Top multicast send rate of rxbreak (GSO on and off) beside sockperf (tp --mps=max) and iperf2 (-u -b ...pps),
# over loopback multicast in a private network namespace made here and removed on exit, each against the same
# counting sink (benchmarks/scripts/sink.c, recvmmsg). Interleaved: every round runs every tool at every size, in
# a rotating order. The figures are messages RECEIVED per second at the sink (received / the tool's sending time)
# and what each tool says it sent per second; medians and ranges over the rounds, and the ratio rxbreak/sockperf.
#
#   sudo benchmarks/scripts/sender-vs-peers.sh            ROUNDS=5 SECS=5 SIZES="64 512 1400" by default
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/bench-lib.sh"
ROUNDS="${ROUNDS:-5}"
SECS="${SECS:-5}"
SIZES="${SIZES:-64 512 1400}"
TOOLS=(rxbreak-gso rxbreak-nogso sockperf iperf2)

require java gcc sockperf iperf python3
make_namespace
results="$tmp/results"
: >"$results"

run_tool() { # run_tool TOOL SIZE: prints the sent rate the tool reports
  local tool="$1" size="$2" out="$tmp/out.$port"
  case "$tool" in
    rxbreak-gso|rxbreak-nogso)
      local gso=auto; [ "$tool" = rxbreak-nogso ] && gso=off
      ip netns exec "$ns" java -jar "$rxbreak_jar" send --group "$group" --rate max --size "$size" \
        --duration "${SECS}s" --gso "$gso" --json --quiet >"$out" 2>"$out.err" || true
      json_field achievedRate "$out" ;;
    sockperf)
      ip netns exec "$ns" sockperf tp -i "$group_ip" -p "$port" -m "$size" --mps=max -t "$SECS" \
        --mc-tx-if 198.18.0.1 >"$out" 2>&1 || true
      sed -n 's/.*Message Rate is \([0-9]*\).*/\1/p' "$out" | tail -1 ;;
    iperf2)
      ip netns exec "$ns" iperf -c "$group_ip" -p "$port" -u -l "$size" -b 100000000pps -t "$SECS" -T 1 \
        >"$out" 2>&1 || true
      python3 -c 'import re,sys; m=re.findall(r"Sent (\d+) datagrams", open(sys.argv[1]).read()); print(int(m[-1])/float(sys.argv[2]) if m else "nan")' "$out" "$SECS" ;;
  esac
}

for round in $(seq "$ROUNDS"); do
  for size in $SIZES; do
    n=${#TOOLS[@]}
    for k in $(seq 0 $((n - 1))); do
      tool="${TOOLS[$(((k + round) % n))]}"
      start_sink 200
      sent_rate="$(run_tool "$tool" "$size")"
      line="$(stop_sink)"
      received="$(field received "$line")"
      drops="$(field drops "$line")"
      recv_rate="$(python3 -c "print($received / $SECS)")"
      echo "round $round size $size $tool: sent/s $sent_rate received/s $recv_rate (sink drops $drops)" >&2
      echo "$size $tool $sent_rate $recv_rate $drops" >>"$results"
    done
  done
done

python3 - "$results" <<'PY'
import statistics, sys, collections
rows = collections.defaultdict(lambda: {"sent": [], "recv": [], "drops": 0})
for line in open(sys.argv[1]):
    size, tool, sent, recv, drops = line.split()
    r = rows[(int(size), tool)]
    r["sent"].append(float(sent)); r["recv"].append(float(recv)); r["drops"] += int(drops)
def fmt(values):
    return "%9.0f [%9.0f .. %9.0f]" % (statistics.median(values), min(values), max(values))
print("%5s %-14s %-33s %-33s %s" % ("size", "tool", "received/s median [range]", "sent/s median [range]", "sink drops"))
for (size, tool), r in sorted(rows.items()):
    print("%5d %-14s %s %s %d" % (size, tool, fmt(r["recv"]), fmt(r["sent"]), r["drops"]))
print()
for size in sorted({s for s, _ in rows}):
    base = statistics.median(rows[(size, "sockperf")]["recv"])
    for tool in ("rxbreak-gso", "rxbreak-nogso", "iperf2"):
        print("size %5d  %-14s / sockperf (received/s medians): %.2fx" % (size, tool, statistics.median(rows[(size, tool)]["recv"]) / base))
PY
