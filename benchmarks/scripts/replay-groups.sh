#!/usr/bin/env bash
# How fast rxbreak replays a feed whose messages each go to their own group, against the C reference mcsend
# (shared/tools/mcsend.c: sendmmsg, batch 1024, one connected group), over loopback multicast in a private network
# namespace this script creates and removes (TTL 0, 198.18.0.1 on lo). One receiver, `rxbreak receive --transport
# epoll` joined to every group and pinned to CPU 1, takes everything for the whole run; every sender is pinned to
# CPU 0. The feeds are CSV timelines made here: MESSAGES lines at RATE msgs/s of SIZE B, round robin over GROUPS groups
# 239.255.(100+g/250).(g%250+1):42000, and the same to one group.
#
# Part 1, top rate: each round runs, in a rotating order, rxbreak replaying to GROUPS groups and to 1 group at
# --speed MAX_SPEED (more than it can do: it sends flat out, and says so with senderLimited), mcsend -r 0 to one
# group for as long, and routed-send (benchmarks/scripts/routed-send.c: the same sendmmsg loop, unconnected, each
# datagram to its own group as a replay sends it, so the kernel routes every datagram) to GROUPS groups and to 1; it
# prints per run the achieved msgs/s (rxbreak's own figure: sent / its sending window; the C programs' sent / their
# time), then medians and ranges over the rounds and the ratios rxbreak / mcsend and rxbreak / routed-send (of the
# medians, and the range of the per-round ratios). Part 2, timeline: the replay to GROUPS groups at each of SPEEDS, TRIES times each (interleaved), and the
# highest speed at which every try kept the feed's timeline (senderLimited false: at most 0.5 % short and at most
# 10 ms behind at the end). With --before JAR an older build runs beside, interleaved, in both parts.
# Beside the rates, part 1 gives each sender's CPU time per message (rxbreak: its sending thread's, from
# /proc/PID/task/TID/schedstat, sampled every 20 ms; the C programs: their rusage), user and system together, and the
# user-space part: a figure the other jobs on a shared machine disturb less than the rate, since it counts only the
# time the sender ran.
#
#   sudo benchmarks/scripts/replay-groups.sh [--rounds 5] [--groups 500] [--messages 400000] [--rate 200000]
#        [--size 64] [--max-speed 8] [--loops 1] [--speeds "0.6 0.8 1 1.2 1.4"] [--tries 3] [--before JAR]
#        [--send-path auto|netty] [--skip-timeline]
#
# --loops N plays the feed N times in part 1 (the C programs run N times as long), so that the JVM's start and the
# first batches weigh less in the rate; --send-path applies to the build under test only.
#
# Needs root, cc, taskset, python3 and the built launcher jar (./mvnw -B -ntp -DskipTests -pl launcher -am package).
# The machine is shared and noisy: read ranges, not single runs.
set -euo pipefail
. "$(dirname "${BASH_SOURCE[0]}")/bench-lib.sh"

rounds=5
groups=500
messages=400000
rate=200000
size=64
max_speed=8
speeds="0.6 0.8 1 1.2 1.4"
tries=3
before=""
send_path=auto
loops=1
skip_timeline=0
while [ $# -gt 0 ]; do
  case "$1" in
    --rounds) rounds="$2"; shift 2 ;;
    --groups) groups="$2"; shift 2 ;;
    --messages) messages="$2"; shift 2 ;;
    --rate) rate="$2"; shift 2 ;;
    --size) size="$2"; shift 2 ;;
    --max-speed) max_speed="$2"; shift 2 ;;
    --speeds) speeds="$2"; shift 2 ;;
    --tries) tries="$2"; shift 2 ;;
    --before) before="$2"; shift 2 ;;
    --send-path) send_path="$2"; shift 2 ;;
    --loops) loops="$2"; shift 2 ;;
    --skip-timeline) skip_timeline=1; shift ;;
    *) echo "unknown argument $1" >&2; exit 2 ;;
  esac
done
require python3 cc taskset
[ -z "$before" ] || [ -f "$before" ] || { echo "$0: $before is missing" >&2; exit 2; }
[ "$(nproc)" -ge 2 ] || { echo "$0: needs 2 CPUs (sender on 0, receiver on 1)" >&2; exit 2; }
cc -O2 -o "$tmp/mcsend" "$root/../shared/tools/mcsend.c"
cc -O2 -o "$tmp/routed-send" "$root/benchmarks/scripts/routed-send.c"
# cpu.py [--thread PREFIX] OUT -- COMMAND...: runs COMMAND (stdout to OUT, stderr to OUT.err) and prints the CPU time
# it used, ns, and the user part of it (0..1): of the newest thread named PREFIX*, or of the whole process
cat >"$tmp/cpu.py" <<'PY'
import os, sys, time
args = sys.argv[1:]
prefix = None
if args[0] == "--thread":
    prefix, args = args[1], args[2:]
out, command = args[0], args[2:]
tick = os.sysconf("SC_CLK_TCK")
with open(out, "w") as stdout, open(out + ".err", "w") as stderr:
    pid = os.fork()
    if pid == 0:
        os.dup2(stdout.fileno(), 1)
        os.dup2(stderr.fileno(), 2)
        os.execvp(command[0], command)
threads = {}
while True:
    done, status, usage = os.wait4(pid, os.WNOHANG)
    if done:
        break
    if prefix:
        try:
            for tid in os.listdir("/proc/%d/task" % pid):
                base = "/proc/%d/task/%s/" % (pid, tid)
                try:
                    if open(base + "comm").read().startswith(prefix):
                        stat = open(base + "stat").read().rsplit(")", 1)[1].split()
                        threads[int(tid)] = (int(open(base + "schedstat").read().split()[0]),
                                             int(stat[11]), int(stat[12]))
                except OSError:
                    pass
        except OSError:
            pass
    time.sleep(0.02)
if prefix:
    cpu_ns, user, system = threads[max(threads)] if threads else (0, 0, 0)
    if cpu_ns > 0:
        print(cpu_ns, "%.3f" % (user / max(1, user + system)))
    else:
        print("nan nan")
else:
    user, system = usage.ru_utime, usage.ru_stime
    print(int((user + system) * 1e9), "%.3f" % (user / max(1e-9, user + system)))
PY
make_namespace

# the feeds, and the receiver's --group options
python3 - "$tmp" "$groups" "$messages" "$rate" "$size" <<'PY'
import sys
tmp, groups, messages, rate, size = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4]), int(sys.argv[5])
def group(g):
    return "239.255.%d.%d:42000" % (100 + g // 250, g % 250 + 1)
for name, count in (("many", groups), ("one", 1)):
    with open("%s/feed-%s.csv" % (tmp, name), "w") as f:
        f.write("# offset_ns,group:port,size\n")
        for i in range(messages):
            f.write("%d,%s,%d\n" % (i * 1_000_000_000 // rate, group(i % count), size))
with open("%s/groups" % tmp, "w") as f:
    for g in range(groups):
        f.write("--group %s\n" % group(g))
PY
feed_secs=$(python3 -c "print(max(1.0, $messages * $loops / $rate))")

receiver_out="$tmp/receiver.out"
# shellcheck disable=SC2046
ip netns exec "$ns" taskset -c 1 java -jar "$rxbreak_jar" receive $(cat "$tmp/groups") --transport epoll \
  --interval 10s --json >"$receiver_out" 2>"$receiver_out.err" &
receiver_pid=$!
for _ in $(seq 600); do
  [ "$(grep -c "^  socket [0-9]*:" "$receiver_out.err" 2>/dev/null || true)" -ge "$groups" ] && break
  kill -0 "$receiver_pid" 2>/dev/null || { echo "the receiver stopped: $(cat "$receiver_out.err")" >&2; exit 1; }
  sleep 0.1
done
sleep 1

builds=("after=$rxbreak_jar")
[ -n "$before" ] && builds+=("before=$before")
results="$tmp/results"
: >"$results"
trial=0

run_rxbreak() { # run_rxbreak BUILD JAR FEED SPEED PART: appends one row
  local build="$1" jar="$2" feed="$3" speed="$4" part="$5" out
  trial=$((trial + 1))
  out="$tmp/send.$trial"
  local extra=()
  [ "$build" = after ] && extra=(--send-path "$send_path")
  [ "$part" = top ] && [ "$loops" -gt 1 ] && extra+=(--loop "$loops")
  local cpu
  cpu="$(python3 "$tmp/cpu.py" --thread rxbreak-sender "$out" -- ip netns exec "$ns" taskset -c 0 java -jar "$jar" \
    send --pattern "replay:$tmp/feed-$feed.csv" --speed "$speed" --trial-id "$trial" --json --quiet "${extra[@]}")"
  python3 - "$out" "$part" "rxbreak-$build-$feed" "$speed" $cpu >>"$results" <<'PY'
import json, sys
path, part, tool, speed, cpu_ns, user = sys.argv[1:]
lines = [l for l in open(path) if l.startswith("{")]
r = json.loads(lines[-1]) if lines else {}
if r.get("type") != "result":
    print(part, tool, speed, "nan", "nan", -1, -1, "nan", "nan", "nan")
else:
    # the sending thread also sends the end markers: count them as messages
    messages = r["sent"] + r["endMarkersSent"]
    print(part, tool, speed, r["achievedRate"], int(r["senderLimited"]), r["senderThreadAllocatedBytes"], r["sent"],
          r["maxLagNs"] / 1e6, float(cpu_ns) / messages, user)
PY
  tail -1 "$results" >&2
}

run_c() { # run_c mcsend|routed-many|routed-one: appends one row
  local out="$tmp/c.out" tool cpu
  case "$1" in
    mcsend) tool=mcsend-one
      cpu="$(python3 "$tmp/cpu.py" "$out" -- ip netns exec "$ns" taskset -c 0 "$tmp/mcsend" -g 239.255.100.1 \
        -p 42000 -s "$size" -r 0 -t "$feed_secs" -b 1024 -i 198.18.0.1 -T 0)" ;;
    routed-many|routed-one) tool="c-$1"
      local n="$groups"; [ "$1" = routed-one ] && n=1
      cpu="$(python3 "$tmp/cpu.py" "$out" -- ip netns exec "$ns" taskset -c 0 "$tmp/routed-send" -n "$n" -p 42000 \
        -s "$size" -t "$feed_secs" -b 1024 -i 198.18.0.1 -T 0)" ;;
  esac
  python3 - "$out" "$tool" $cpu >>"$results" <<'PY'
import sys
fields = dict(kv.split("=", 1) for kv in open(sys.argv[1]).read().split() if "=" in kv)
sent = float(fields.get("sent", "nan"))
print("top", sys.argv[2], "-", fields.get("rate", "nan"), 0, 0, fields.get("sent", -1), "nan",
      float(sys.argv[3]) / sent if sent > 0 else "nan", sys.argv[4])
PY
  tail -1 "$results" >&2
}

echo "part 1: top rate, $rounds rounds (rxbreak --speed $max_speed, $loops loop(s); C: $feed_secs s)" >&2
for round in $(seq "$rounds"); do
  runs=()
  for entry in "${builds[@]}"; do runs+=("$entry=many" "$entry=one"); done
  runs+=(mcsend routed-many routed-one)
  n=${#runs[@]}
  for k in $(seq 0 $((n - 1))); do
    run="${runs[$(((k + round) % n))]}"
    if [ "$run" = mcsend ] || [ "$run" = routed-many ] || [ "$run" = routed-one ]; then
      run_c "$run"
    else
      IFS='=' read -r build jar feed <<<"$run"
      run_rxbreak "$build" "$jar" "$feed" "$max_speed" top
    fi
  done
done

echo "part 2: the replay to $groups groups at speeds $speeds, $tries tries each" >&2
step=0
[ "$skip_timeline" = 1 ] && tries=0
for try in $(seq "$tries"); do
  for speed in $speeds; do
    step=$((step + 1))
    order=("${builds[@]}")
    if [ $((step % 2)) -eq 0 ] && [ ${#builds[@]} -gt 1 ]; then order=("${builds[1]}" "${builds[0]}"); fi
    for entry in "${order[@]}"; do
      run_rxbreak "${entry%%=*}" "${entry#*=}" many "$speed" timeline
    done
  done
done

kill -TERM "$receiver_pid" 2>/dev/null || true
wait "$receiver_pid" 2>/dev/null || true

python3 - "$results" "$receiver_out" "$groups" "$rate" <<'PY'
import json, statistics, sys, collections
rows = [l.split() for l in open(sys.argv[1]) if l.strip()]
groups, rate = sys.argv[3], float(sys.argv[4])
def rng(values, fmt="%.0f"):
    values = [v for v in values if v == v]
    if not values:
        return "-"
    return (fmt + " [" + fmt + " .. " + fmt + "]") % (statistics.median(values), min(values), max(values))
top = collections.defaultdict(list)
alloc = collections.defaultdict(list)
cpu = collections.defaultdict(list)
user = collections.defaultdict(list)
for part, tool, speed, achieved, limited, allocated, sent, lag, cpu_ns, user_part in rows:
    if part == "top":
        top[tool].append(float(achieved))
        cpu[tool].append(float(cpu_ns))
        user[tool].append(float(user_part) * 100)
        if tool.startswith("rxbreak"):
            alloc[tool].append(int(allocated) / max(1, int(sent)))
print()
print("top rate (achieved msgs/s, median [min .. max] over the rounds; 'many' = %s groups)" % groups)
for tool in sorted(top):
    extra = ("   sender thread allocated %s B a message" % rng(alloc[tool], "%.2f")) if tool in alloc else ""
    print("  %-22s %s%s" % (tool, rng(top[tool]), extra))
def ratio(tool, reference):
    pairs = [(a, b) for a, b in zip(top[tool], top[reference]) if a == a and b == b and b > 0]
    if not pairs:
        return "-"
    ratios = [a / b for a, b in pairs]
    return "%.2f [%.2f .. %.2f]" % (statistics.median([a for a, _ in pairs]) / statistics.median([b for _, b in pairs]),
                                    min(ratios), max(ratios))
print()
print("CPU time per message of the sender (its sending thread), ns, median [min .. max], and the user-space part, %")
for tool in sorted(cpu):
    print("  %-22s %s   user %s" % (tool, rng(cpu[tool]), rng(user[tool])))
print()
print("ratios of the top rates (of the medians; [range of the per-round ratios])")
for tool in sorted(t for t in top if t.startswith("rxbreak")):
    same = "c-routed-" + tool.rsplit("-", 1)[1]
    print("  %-22s / mcsend-one %s   / %s %s" % (tool, ratio(tool, "mcsend-one") if "mcsend-one" in top else "-",
          same, ratio(tool, same) if same in top else "-"))
timeline = collections.defaultdict(lambda: collections.defaultdict(list))
for part, tool, speed, achieved, limited, allocated, sent, lag, cpu_ns, user_part in rows:
    if part == "timeline":
        timeline[tool][float(speed)].append((int(limited), float(achieved), float(lag)))
if timeline:
    print()
    print("timeline of the replay to %s groups (feed at %.0f msgs/s x speed): tries that kept it, achieved msgs/s, max lag ms" % (groups, rate))
    for tool in sorted(timeline):
        best = None
        for speed in sorted(timeline[tool]):
            runs = timeline[tool][speed]
            kept = sum(1 for limited, _, _ in runs if limited == 0)
            print("  %-22s x%-5g (%7.0f/s)  kept %d of %d  achieved %s  max lag %s" % (tool, speed, rate * speed,
                  kept, len(runs), rng([a for _, a, _ in runs]), rng([l for _, _, l in runs], "%.1f")))
            if kept == len(runs):
                best = speed
        print("  %-22s highest speed kept in every try: %s" % (tool, "none" if best is None else
              "x%g (%.0f msgs/s)" % (best, rate * best)))
try:
    r = json.loads([l for l in open(sys.argv[2]) if l.startswith("{")][-1])
    print()
    print("receiver (its last trial): received %d, kernel drops %d" % (r["received"], r["kernelDrops"]))
except (OSError, IndexError, KeyError, ValueError):
    print("receiver: no result")
PY
