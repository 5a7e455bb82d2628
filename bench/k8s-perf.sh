#!/usr/bin/env bash
# `k8s.kill_pods` with fraction 30% of PODS pods labelled alike: time to select and delete,
# median and p90 over ROUNDS rounds (the killed pods are re-created between rounds, untimed).
# On the lab's API when LAB_K8S_URL is set (or target/lab/lab.env has it), else on a fabric8
# mock API in CRUD mode started in the benchmark's JVM on 127.0.0.1.
# Usage: bench/k8s-perf.sh [PODS] [ROUNDS]   (build first: mvn -B compile)
set -euo pipefail
cd "$(dirname "$0")/.."
[[ -d target/classes/dev/chaos/drivers/k8s ]] || { echo "build first: mvn -B compile" >&2; exit 2; }
cp=target/bench-test-classpath.txt
# test scope: the mock API (kubernetes-server-mock) is a test dependency
[[ -f $cp && $cp -nt pom.xml ]] || mvn -B -q -o dependency:build-classpath \
  -Dmdep.includeScope=test -Dmdep.outputFile="$cp" >/dev/null
if [[ -z ${LAB_K8S_URL:-} && -f target/lab/lab.env ]]; then
  # shellcheck disable=SC1091
  source target/lab/lab.env
fi
java -cp "target/classes:$(cat "$cp")" bench/K8sBench.java "${LAB_K8S_URL:--}" \
  "${1:-5000}" "${2:-7}"
