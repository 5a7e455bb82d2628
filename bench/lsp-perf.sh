#!/usr/bin/env bash
# Measures `chaos lsp`: the re-check of a 500-line runbook after an edit, once warm (target:
# under 50 ms). Usage: bench/lsp-perf.sh [TRIALS]   (build first: mvn -B compile)
set -euo pipefail
cd "$(dirname "$0")/.."
[[ -d target/classes/dev/chaos/lsp ]] || { echo "build first: mvn -B compile" >&2; exit 2; }
cp=target/bench-classpath.txt
[[ -f $cp && $cp -nt pom.xml ]] || mvn -B -q -o dependency:build-classpath \
  -Dmdep.includeScope=runtime -Dmdep.outputFile="$cp" >/dev/null
java -cp "target/classes:$(cat "$cp")" bench/LspBench.java "${1:-300}"
