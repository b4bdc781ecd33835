#!/usr/bin/env bash
# How true a replay is to its recorded timeline, judged by the kernel's clock: a bursty feed of 4 groups (a steady
# 2,000 msgs/s plus, every 500 ms, 200 messages within 2 ms to one group) is replayed by `rxbreak send --pattern
# replay:FEED --speed F` over loopback in a private namespace while tcpdump (nanosecond timestamps, its own reading
# of what went out, independent of rxbreak) captures it. For each speed it prints the error of the capture's peak
# 1 ms rate against the feed's peak times F, and of the inter-arrival percentiles against the feed's divided by F,
# at 1x and at the top speed this sender keeps (the highest of 2, 4, 8, ... that is not sender-limited, found
# first). ROUNDS rounds interleave the speeds (default 3); medians and ranges. Then the time a ramp takes to the
# headroom at 2 % precision (RAMPS ramps, default 3) against a receiver throttled to 20,000 msgs/s.
#
#   benchmarks/scripts/replay-fidelity.sh [ROUNDS] [RAMPS]
#
# Needs root, tcpdump and python3, and the jar (./mvnw -B -ntp -DskipTests -pl launcher -am package).
set -euo pipefail
# shellcheck source=bench-lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/bench-lib.sh"
rounds="${1:-3}"
ramps="${2:-3}"
require tcpdump python3
make_namespace

feed="$tmp/feed.csv"
python3 - "$feed" <<'PY'
import sys
rows = []
for i in range(10000):                       # 5 s of a steady 2,000 msgs/s over 4 groups, 64 to 400 B
    rows.append((i * 500_000, f"239.255.8.{i % 4 + 1}:4100{i % 4}", 64 + (i * 37) % 337))
for b in range(10):                          # every 500 ms a burst of 200 within 2 ms to the first group
    for k in range(200):
        rows.append((b * 500_000_000 + 250_000_000 + k * 10_000, "239.255.8.1:41000", 128))
rows.sort(key=lambda r: r[0])
with open(sys.argv[1], "w") as out:
    out.write("offset_ns,group:port,size\n")
    for offset, group, size in rows:
        out.write(f"{offset},{group},{size}\n")
PY

# capture SPEED: replays the feed at SPEED with tcpdump on; prints "limited=BOOL achieved=R lagmax=NS" and leaves
# the capture in $tmp/cap.SPEED.txt (one nanosecond timestamp a line)
capture() {
  local speed="$1" pcap="$tmp/cap.pcap" out="$tmp/send.json"
  rm -f "$pcap"
  # a 256 MiB buffer and no immediate mode: tcpdump reads the kernel's ring in blocks, and keeps up with more
  ip netns exec "$ns" tcpdump -i lo -B 262144 -Z root --time-stamp-precision nano \
    -w "$pcap" 'udp and ip multicast' 2>"$tmp/tcpdump.err" &
  local tcpdump_pid=$!
  for _ in $(seq 200); do grep -qs 'listening on' "$tmp/tcpdump.err" && break; sleep 0.02; done
  ip netns exec "$ns" java -jar "$rxbreak_jar" send --pattern "replay:$feed" --speed "$speed" --end-markers 0 \
    --json --quiet >"$out" 2>/dev/null || true
  sleep 1
  kill -INT "$tcpdump_pid"; wait "$tcpdump_pid" || true
  local dropped=false
  grep -q '[1-9][0-9]* packets dropped by kernel' "$tmp/tcpdump.err" && dropped=true
  tcpdump -r "$pcap" -tt --nano -n 2>/dev/null | awk '{print $1}' >"$tmp/cap.$speed.txt"
  python3 -c 'import json,sys; r=json.loads([l for l in open(sys.argv[1]) if l.startswith("{")][-1]);
print("limited=%s achieved=%.0f lagmax=%d capture_dropped=%s" % (str(r["senderLimited"]).lower(), r["achievedRate"], r["pacing"]["lagMaxNs"], sys.argv[2]))' "$out" "$dropped"
}

# compare SPEED: the capture against the feed at SPEED
compare() {
  python3 - "$feed" "$tmp/cap.$1.txt" "$1" <<'PY'
import sys
feed, cap, speed = sys.argv[1], sys.argv[2], float(sys.argv[3])
want = [int(l.split(",")[0]) / speed for l in open(feed) if l[0].isdigit()]
got = []
for line in open(cap):
    s, ns = line.strip().split(".")
    got.append(int(s) * 1_000_000_000 + int(ns))
got = [t - got[0] for t in got]
def peak(times, window):
    best, j = 0, 0
    for i in range(len(times)):
        while times[i] - times[j] >= window:
            j += 1
        best = max(best, i - j + 1)
    return best
def gaps(times):
    return sorted(b - a for a, b in zip(times, times[1:]))
def q(values, p):
    return values[min(len(values) - 1, int(p * len(values)))]
pw, pg = peak(want, 1_000_000), peak(got, 1_000_000)
gw, gg = gaps(want), gaps(got)
out = [f"messages {len(got)}/{len(want)}", f"peak1ms_err {100.0 * (pg - pw) / pw:+.1f}%"]
for p in (0.10, 0.50, 0.90, 0.99):
    w, g = q(gw, p), q(gg, p)
    out.append(f"p{int(p * 100)}_gap {g / 1000:.1f}us/{w / 1000:.1f}us")
print(" ".join(out))
PY
}

echo "replay-fidelity: the feed ($(wc -l <"$feed") lines), replayed over loopback in namespace $ns:"
java -jar "$rxbreak_jar" feed inspect "$feed" | sed -n '1,3p' | sed 's/^/  /'

top=1
for speed in 2 4 8 16 32 64; do
  result="$(capture "$speed")"
  echo "  probe ${speed}x: $result"
  case "$result" in limited=true*|*capture_dropped=true*) break ;; esac
  top="$speed"
done
echo "replay-fidelity: the top speed this sender keeps (and tcpdump captures whole): ${top}x"

printf '%-6s %-5s %s\n' round speed "sender / capture against the feed (gap: captured/recorded over the speed)"
for round in $(seq 1 "$rounds"); do
  for speed in 1 "$top"; do
    result="$(capture "$speed")"
    printf '%-6s %-5s %s %s\n' "$round" "${speed}x" "$result" "$(compare "$speed")" | tee -a "$tmp/rows"
  done
done
python3 - "$tmp/rows" <<'PY'
import re, statistics, sys
rows = {}
for line in open(sys.argv[1]):
    parts = line.split()
    speed = parts[1]
    m = re.search(r"peak1ms_err ([+-][0-9.]+)%", line)
    p50 = re.search(r"p50_gap ([0-9.]+)us/([0-9.]+)us", line)
    p99 = re.search(r"p99_gap ([0-9.]+)us/([0-9.]+)us", line)
    rows.setdefault(speed, []).append((float(m.group(1)), float(p50.group(1)) - float(p50.group(2)),
                                       float(p99.group(1)) - float(p99.group(2))))
for speed, values in rows.items():
    for name, index in (("1 ms peak error %", 0), ("p50 gap error us", 1), ("p99 gap error us", 2)):
        col = [v[index] for v in values]
        print(f"replay-fidelity: {speed}: {name}: median {statistics.median(col):+.2f} range [{min(col):+.2f}, {max(col):+.2f}]")
PY

echo "replay-fidelity: time to the headroom at 2 % precision, $ramps ramps (receiver throttled to 20,000 msgs/s):"
for run in $(seq 1 "$ramps"); do
  start_ns=$(date +%s%N)
  ip netns exec "$ns" java -jar "$rxbreak_jar" ramp --replay "$feed" --throttle rate:20000 --rcvbuf 416KiB \
    --rcvbuf-force --precision 2% --step x1.5 --duration 3s --warm-up 500ms --confirm-duration 6s \
    --confirm-trial-duration 3s --max-trials 40 --out "$tmp/ramp$run" >"$tmp/ramp$run.log" 2>&1 || true
  end_ns=$(date +%s%N)
  python3 -c 'import json,sys; r=json.load(open(sys.argv[1])); print("  run %s: headroom %s, NDR %s msgs/s, %d trials, %.0f s" % (sys.argv[2], ("%.3f" % r["headroom"]) if r.get("headroom") else "none", r.get("ndr"), len(r["trials"]), int(sys.argv[3]) / 1e9))' \
    "$tmp/ramp$run/report.json" "$run" "$((end_ns - start_ns))" | tee -a "$tmp/ramps"
done
[ -s "$tmp/ramps" ] || exit 0
python3 - "$tmp/ramps" <<'PY'
import re, statistics, sys
h, t = [], []
for line in open(sys.argv[1]):
    m = re.search(r"headroom ([0-9.]+).* ([0-9]+) s$", line)
    if m:
        h.append(float(m.group(1))); t.append(float(m.group(2)))
if h:
    print(f"replay-fidelity: headroom median {statistics.median(h):.3f} range [{min(h):.3f}, {max(h):.3f}]; "
          f"time median {statistics.median(t):.0f} s range [{min(t):.0f}, {max(t):.0f}]")
PY
