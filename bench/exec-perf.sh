#!/usr/bin/env bash
# Measures `chaos exec`: guard reaction on the real clock, interpreter overhead of a 200-step
# runbook on the sandbox, and the wall time of rehearsing 20 minutes of waits.
# Usage: bench/exec-perf.sh [guard|steps|waits|all] [TRIALS]   (build first: mvn -B compile)
set -euo pipefail
cd "$(dirname "$0")/.."
[[ -d target/classes/dev/chaos/runtime ]] || { echo "build first: mvn -B compile" >&2; exit 2; }
cp=target/bench-classpath.txt
[[ -f $cp && $cp -nt pom.xml ]] || mvn -B -q -o dependency:build-classpath \
  -Dmdep.includeScope=runtime -Dmdep.outputFile="$cp" >/dev/null
java -cp "target/classes:$(cat "$cp")" bench/ExecBench.java "${1:-all}" "${2:-100}"
