#!/usr/bin/env bash
# The one entry point of rxbreak.
#   ./run.sh             the main job on an embedded default
#   ./run.sh test        the whole test suite
#   ./run.sh mutation    PIT mutation scores of the pure logic's unit tests (docs/mutation.md)
#   ./run.sh ARGS...     rxbreak ARGS... (for example: ./run.sh counters watch --count 3)
# Builds what is missing first (one line saying so; the build's output only when it fails).
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
cd "$here"
jar="$here/launcher/target/rxbreak.jar"

if ! command -v java >/dev/null 2>&1 && [ -z "${JAVA_HOME:-}" ]; then
  echo "run.sh: no Java found: install a JDK 17 or newer, or set JAVA_HOME" >&2
  exit 2
fi

# After the tests: how many were skipped, by reason, so that a skipped suite does not pass for a green one (under
# CI=true nothing that needs root or a program may skip: it fails). Nothing when none was skipped.
summarise_skipped_tests() {
  local lists=() list groups total counts hint=""
  for list in "$here"/*/target/skipped-tests.txt; do
    [ -s "$list" ] && lists+=("${list#"$here"/}")
  done
  [ "${#lists[@]}" -gt 0 ] || return 0
  # a line per skip: GROUP<tab>TESTS<tab>TEST<tab>REASON; a group per line out: TESTS<tab>GROUP, largest first
  groups="$(awk -F '\t' 'NF >= 4 { n[$1] += $2 } END { for (g in n) printf "%d\t%s\n", n[g], g }' "${lists[@]}" |
    sort -t "$(printf '\t')" -k1,1nr -k2,2)"
  total="$(awk -F '\t' '{ t += $1 } END { print t + 0 }' <<<"$groups")"
  [ "$total" -gt 0 ] || return 0
  counts="$(awk -F '\t' '{ printf "%s%s: %d", (NR > 1 ? "; " : ""), $2, $1 }' <<<"$groups")"
  if grep -q "$(printf '\t')not root\$" <<<"$groups"; then
    hint="; run as root for the whole suite"
  fi
  echo "run.sh: $total test$([ "$total" -eq 1 ] || echo s) skipped ($counts)$hint" >&2
  echo "run.sh: which and why: ${lists[*]}" >&2
}

if [ "${1:-}" = "test" ]; then
  shift
  # Programs that tests run; under CI=true those tests must run, so install what is missing when root, one line
  # each (COMMAND:DEBIAN-PACKAGE:WHAT NEEDS IT). tshark brings wireshark-common, which holds dumpcap and editcap;
  # noninteractive answers its debconf question (capture by non-root users) with the default, no.
  if [ "$(id -u)" = "0" ]; then
    updated=""
    for need in "chromium:chromium:the HTML report test (headless Chromium)" \
                "tcpdump:tcpdump:the feed tests on real captures" \
                "dumpcap:tshark:the feed tests on pcapng captures (dumpcap)" \
                "editcap:tshark:the feed tests on pcapng captures (editcap)" \
                "nft:nftables:the drop-reason test of a netfilter drop rule (nft)" \
                "ssh:openssh-client:the SSH agent test (the OpenSSH client)" \
                "/usr/sbin/sshd:openssh-server:the SSH agent test (Debian's sshd, run in a lab namespace)" \
                "ansible-playbook:ansible-core:the deploy tests of the Ansible playbook (ansible-playbook)" \
                "openssl:openssl:the deploy tests of the playbook's certificates (openssl)" \
                "systemd-analyze:systemd:the deploy tests of the systemd units (systemd-analyze)"; do
      cmd="${need%%:*}"; rest="${need#*:}"; pkg="${rest%%:*}"; why="${rest#*:}"
      command -v "$cmd" >/dev/null 2>&1 && continue
      echo "run.sh: installing $pkg for $why (apt-get)..." >&2
      { [ -n "$updated" ] || apt-get update -qq >/dev/null 2>&1; } && updated=1
      DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$pkg" >/dev/null 2>&1 \
        || echo "run.sh: could not install $pkg; $why will skip (or fail under CI=true)" >&2
      # the tests start their own sshd in a namespace; one the package started on this machine is not wanted
      if [ "$pkg" = "openssh-server" ] && command -v systemctl >/dev/null 2>&1 \
          && systemctl is-active --quiet ssh.service ssh.socket 2>/dev/null; then
        systemctl disable --now ssh.service ssh.socket >/dev/null 2>&1 \
          && echo "run.sh: stopped and disabled the system sshd that installing openssh-server started" >&2
      fi
    done
  fi
  # Each module's tests list what they skipped, and why, in target/skipped-tests.txt (test-support's
  # SkippedTestsListener); an earlier run's lists must not be counted.
  rm -f "$here"/*/target/skipped-tests.txt
  status=0
  ./mvnw -B -ntp verify "$@" || status=$?
  summarise_skipped_tests
  exit "$status"
fi

if [ "${1:-}" = "mutation" ]; then
  shift
  # PIT (the Maven profile 'mutation') on the pure logic with its unit tests only; the modules that take part name
  # their targets in their own pom. The build's output goes to a log, shown when it fails; the scores come from
  # PIT's mutations.xml, one line per package and a total last.
  command -v python3 >/dev/null 2>&1 || { echo "run.sh: mutation needs python3 (the score script)" >&2; exit 2; }
  modules="harness-core receiver sender controller"
  for m in $modules; do rm -rf "$m/target/pit-reports"; done
  mkdir -p target
  log="target/mutation.log"
  echo "run.sh: mutation testing ${modules// /, } (PIT, 2 threads; a few minutes; log $log)..." >&2
  started=$(date +%s)
  if ! ./mvnw -B -ntp -Pmutation -pl "${modules// /,}" -am test "$@" >"$log" 2>&1; then
    tail -n 80 "$log" >&2
    echo "run.sh: the mutation run failed (last lines above; all of it in $log)" >&2
    exit 1
  fi
  echo "run.sh: PIT took $(( $(date +%s) - started )) s; reports in */target/pit-reports/index.html" >&2
  reports=()
  for m in $modules; do reports+=("$m/target/pit-reports/mutations.xml"); done
  exec python3 scripts/mutation-score.py "${reports[@]}"
fi

needs_build() {
  [ -f "$jar" ] || return 0
  [ -n "$(find "$here" -path "$here/.git" -prune -o \( -name 'pom.xml' -o -path '*/src/main/*' \) \
      -newer "$jar" -type f -print -quit 2>/dev/null)" ]
}

if needs_build; then
  echo "rxbreak: building (first run or sources changed)..." >&2
  log="$(mktemp -t rxbreak-build.XXXXXX)"
  if ! ./mvnw -B -ntp -DskipTests -pl launcher -am package >"$log" 2>&1; then
    cat "$log" >&2
    echo "run.sh: the build failed (output above)" >&2
    rm -f "$log"
    exit 1
  fi
  rm -f "$log"
fi

java_cmd="java"
[ -n "${JAVA_HOME:-}" ] && java_cmd="$JAVA_HOME/bin/java"

if [ "$#" -eq 0 ]; then
  # The main job: find the break point of a receiver throttled to 20,000 msgs/s and the layer that broke.
  # Its socket buffer (832 KiB granted, ~800 datagrams of 64 B, 40 ms at that rate) rides out scheduler jitter;
  # a trial whose receiver falls behind fails even when the excess fits in that buffer; ramp x1.25 from 16k,
  # refine to 2 %, confirm 3 s.
  # Under two minutes on 2 cores. As root the whole ramp runs in a private network namespace (--sandbox).
  set -- ramp --throttle rate:20000 --rcvbuf 416KiB --start-rate 16000 --step x1.25 --precision 2% \
    --duration 3s --warm-up 500ms --confirm-duration 3s --confirm-trial-duration 3s --max-trials 16
  if [ "$(id -u)" = "0" ]; then
    set -- "$@" --rcvbuf-force --sandbox
  fi
  echo "rxbreak: the main job: rxbreak $*" >&2
  echo "rxbreak: (./run.sh ramp --help shows every knob; Ctrl-C stops it and keeps a partial report)" >&2
fi
exec "$java_cmd" -jar "$jar" "$@"
