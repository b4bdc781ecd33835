#!/usr/bin/env bash
# What one controller's control plane costs per trial against the number of agents it drives (rxbreak ramp
# --topology): RUNS runs (default 3) of controller/src/test/.../topology/TopologyScaleTest, each a fresh JVM, in
# which the real TopologyTrialRunner drives 2 to 48 in-process fake agents over real HTTP on loopback (a quarter
# senders, the rest receivers; 1 ms windows, so a trial's wall time is the control plane's; the agent counts take
# turns inside a run). Every measured trial of every run is kept; then, per agent count, the median over all trials
# of the controller's wall time and of its threads' CPU per trial, with the range of the runs' own medians
# (repeatability) and of all trials; and the best round trip of one control call. Only loopback, no root. The
# machine's other load shows in the figures: the load average is printed before and after.
#
#   benchmarks/scripts/topology-scale.sh [--reps N]
#
# Needs python3 and the project's dependencies in the local Maven repository (it builds offline, like the tests).
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
reps=3
while [ $# -gt 0 ]; do
  case "$1" in
    --reps) reps="$2"; shift 2 ;;
    *) echo "$0: unknown argument $1 (usage: topology-scale.sh [--reps N])" >&2; exit 2 ;;
  esac
done
case "$reps" in ''|*[!0-9]*|0) echo "$0: --reps takes a whole number of runs, at least 1" >&2; exit 2 ;; esac
command -v python3 >/dev/null 2>&1 || { echo "$0: python3 is missing (it sums up the runs)" >&2; exit 2; }

tmp="$(mktemp -d -t rxb-topology-scale.XXXXXX)"
trap 'rm -rf "$tmp"' EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

echo "topology-scale: $reps run(s) of TopologyScaleTest; load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
for rep in $(seq 1 "$reps"); do
  if ! (cd "$root" && ./mvnw -o -q -B -ntp -pl controller -am test -Dtest=TopologyScaleTest -Drxbreak.scale.rounds=2 \
      -Dsurefire.failIfNoSpecifiedTests=false) >"$tmp/run-$rep.log" 2>&1; then
    echo "$0: run $rep failed; its last lines:" >&2
    tail -40 "$tmp/run-$rep.log" >&2
    exit 1
  fi
  cp "$root/controller/target/topology-scale.tsv" "$tmp/run-$rep.tsv"
  sed -n 's/^best round trip.*: \([0-9]*\) us$/\1/p' "$root/controller/target/topology-scale.txt" >>"$tmp/round-trips"
  echo "run $rep: $(head -1 "$root/controller/target/topology-scale.txt")"
done
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
echo

python3 - "$tmp" "$reps" <<'PY'
import csv, os, statistics, sys
tmp, reps = sys.argv[1], int(sys.argv[2])
trips = [int(l) for l in open(os.path.join(tmp, "round-trips")) if l.strip()]
rows = []
for rep in range(1, reps + 1):
    with open(os.path.join(tmp, "run-%d.tsv" % rep)) as f:
        for r in csv.DictReader(f, delimiter="\t"):
            r = {k: int(v) for k, v in r.items()}
            r["rep"] = rep
            rows.append(r)
def ms(ns): return "%.1f" % (ns / 1e6)
def summary(sel, key):
    per_run = [statistics.median([r[key] for r in sel if r["rep"] == rep]) for rep in sorted({r["rep"] for r in sel})]
    every = [r[key] for r in sel]
    return "%s [%s-%s] (%s-%s)" % (ms(statistics.median(every)), ms(min(per_run)), ms(max(per_run)),
                                   ms(min(every)), ms(max(every)))
print("per trial, ms: median over every trial of every run [range of the runs' medians] (range of every trial)")
print("%6s %7s %9s %5s %7s  %-30s %-30s %9s %10s %8s" % ("agents", "senders", "receivers", "calls", "trials",
      "controller wall", "controller CPU", "CPU wait", "accounting", "threads"))
for agents in sorted({r["agents"] for r in rows}):
    sel = [r for r in rows if r["agents"] == agents]
    s, rc = sel[0]["senders"], sel[0]["receivers"]
    print("%6d %7d %9d %5d %7d  %-30s %-30s %9s %10s %8d" % (agents, s, rc, s + 2 * rc, len(sel),
          summary(sel, "wall_ns"), summary(sel, "controller_cpu_ns"),
          ms(statistics.median(r["controller_wait_ns"] for r in sel)),
          ms(statistics.median(r["accounting_cpu_ns"] for r in sel)),
          statistics.median(r["threads"] for r in sel)))
print()
if trips:
    print("best round trip of one /status call over loopback (of 100, per run): median %d us [%d-%d]" % (
          statistics.median(trips), min(trips), max(trips)))
print("controller CPU: the calling thread, the runner's call threads and the agents' HTTP clients (schedstat);")
print("CPU wait: their time runnable without a CPU (the machine's other load); accounting: the runner's own CPU")
print("accounting of one trial (part of controller CPU); threads: the test JVM's, the fakes' included")
PY
