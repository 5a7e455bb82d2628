#!/usr/bin/env bash
# The fuzzing campaign against `chaos check`, the config reader and the world reader
# (docs/performance.md, "Fuzzing"): N inputs (100000) from SEED (random), in a JVM bounded
# to 512 MB so that memory growth shows as a failure.
# Usage: bench/fuzz.sh [N] [SEED] [THREADS] [FROM TO]   (build first: mvn -B -o test-compile)
# FROM TO run a share of the campaign of N, so that it can be split over processes.
#        bench/fuzz.sh replay FILE...   reads saved inputs (target/fuzz/findings/*.txt) alone.
#        bench/fuzz.sh scaling [NAME]   the scaling probe (bench/FuzzScaling.java).
set -euo pipefail
cd "$(dirname "$0")/.."
[[ -d target/test-classes/dev/chaos/fuzz ]] || { echo "build first: mvn -B test-compile" >&2; exit 2; }
cp=target/bench-test-classpath.txt
[[ -f $cp && $cp -nt pom.xml ]] || mvn -B -q -o dependency:build-classpath \
  -Dmdep.includeScope=test -Dmdep.outputFile="$cp" >/dev/null
if [[ ${1:-} == scaling ]]; then
  shift
  exec java -Xmx512m -Xss4m -cp "target/test-classes:target/classes:$(cat "$cp")" bench/FuzzScaling.java "$@"
fi
if [[ ${1:-} == replay ]]; then
  exec java -Xmx512m -Xss4m -cp "target/test-classes:target/classes:$(cat "$cp")" bench/Fuzz.java "$@"
fi
seed=${2:-$(od -An -N8 -tu8 /dev/urandom | tr -d ' ')}
seed=$((seed & 0x7fffffffffffffff))
exec /usr/bin/time -f 'peak RSS %M KB, %e s wall' java -Xmx512m -Xss4m \
  -cp "target/test-classes:target/classes:$(cat "$cp")" bench/Fuzz.java "${1:-100000}" "$seed" "${3:-2}" ${4:+"$4"} ${5:+"$5"}
