#!/usr/bin/env python3
"""Mutation scores per package from PIT's XML reports (mutations.xml), for ./run.sh mutation.

A mutant counts as killed when PIT says detected='true' or its status is KILLED, TIMED_OUT, MEMORY_ERROR or
RUN_ERROR; SURVIVED and NO_COVERAGE count as not killed. Prints a table, then one line per package
'mutation score PACKAGE NN %' and last 'mutation score total NN %' (whole percent, rounded down).
With --survivors, lists the mutants not killed first (class, method, line, mutator, description).
"""
import sys
import xml.etree.ElementTree as ET
from collections import OrderedDict

KILLED = {"KILLED", "TIMED_OUT", "MEMORY_ERROR", "RUN_ERROR"}


def package_of(mutated_class):
    return mutated_class.rsplit(".", 1)[0]


def percent(killed, total):
    return 100 * killed // total if total else 0


def main(argv):
    survivors = "--survivors" in argv
    files = [a for a in argv if not a.startswith("--")]
    if not files:
        print("usage: mutation-score.py [--survivors] mutations.xml...", file=sys.stderr)
        return 2
    counts = OrderedDict()  # package -> [killed, survived, no coverage]
    left = []
    for name in files:
        for m in ET.parse(name).getroot().iter("mutation"):
            status = m.get("status")
            killed = m.get("detected") == "true" or status in KILLED
            cls = m.findtext("mutatedClass")
            row = counts.setdefault(package_of(cls), [0, 0, 0])
            if killed:
                row[0] += 1
            else:
                row[1 if status == "SURVIVED" else 2] += 1
                left.append((cls, m.findtext("mutatedMethod"), int(m.findtext("lineNumber")),
                             m.findtext("mutator").rsplit(".", 1)[-1], status, m.findtext("description")))
    if not counts:
        print("mutation-score.py: no mutations in " + " ".join(files), file=sys.stderr)
        return 1
    if survivors:
        for cls, method, line, mutator, status, description in sorted(left):
            print(f"{status:11} {cls}.{method}:{line} {mutator}: {description}")
        print()
    width = max(len(p) for p in counts)
    print(f"{'package':{width}}  mutants  killed  survived  no-coverage")
    for pkg, (k, s, n) in counts.items():
        print(f"{pkg:{width}}  {k + s + n:7}  {k:6}  {s:8}  {n:11}")
    total_killed = total = 0
    for pkg, (k, s, n) in counts.items():
        print(f"mutation score {pkg} {percent(k, k + s + n)} %")
        total_killed += k
        total += k + s + n
    print(f"mutation score total {percent(total_killed, total)} %")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
