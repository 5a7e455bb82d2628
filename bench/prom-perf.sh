#!/usr/bin/env bash
# Overhead of one `prometheus.scalar` call against the lab's real Prometheus.
# Usage: bench/prom-perf.sh [CALLS]   (build first: mvn -B compile; starts and stops the lab)
set -euo pipefail
cd "$(dirname "$0")/.."
[[ -d target/classes/dev/chaos/drivers/prometheus ]] || { echo "build first: mvn -B compile" >&2; exit 2; }
cp=target/bench-classpath.txt
[[ -f $cp && $cp -nt pom.xml ]] || mvn -B -q -o dependency:build-classpath \
  -Dmdep.includeScope=runtime -Dmdep.outputFile="$cp" >/dev/null
started=0
if ! scripts/lab status 2>/dev/null | grep -q '^prometheus.* up'; then
  scripts/lab up >/dev/null
  started=1
fi
trap '[[ $started == 1 ]] && scripts/lab down >/dev/null' EXIT
# shellcheck disable=SC1091
source target/lab/lab.env
java -cp "target/classes:$(cat "$cp")" bench/PromBench.java "$LAB_PROM_URL" "${1:-1000}"
