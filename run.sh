#!/usr/bin/env bash
# The one entry point of rxbreak.
#   ./run.sh             the main job on an embedded default
#   ./run.sh test        the whole test suite
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

if [ "${1:-}" = "test" ]; then
  shift
  # The HTML report test renders in headless Chromium; under CI=true it must run, so install it when root.
  if ! command -v chromium >/dev/null 2>&1 && [ "$(id -u)" = "0" ]; then
    echo "run.sh: installing chromium for the HTML report test (apt-get)..." >&2
    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium) >/dev/null 2>&1 \
      || echo "run.sh: could not install chromium; the HTML browser test will skip (or fail under CI=true)" >&2
  fi
  exec ./mvnw -B -ntp verify "$@"
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
  # The main job. Until the ramp exists: a short watch of the receive-path counters.
  set -- counters watch --interval 1s --count 5
fi
exec "$java_cmd" -jar "$jar" "$@"
