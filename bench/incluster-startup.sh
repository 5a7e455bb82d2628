#!/bin/sh
# The in-cluster start-up of one run: `bin/chaos exec` in a simulated pod against the lab's
# Kubernetes API (`scripts/lab up` first; `mvn -B -o package -DskipTests` for the jar), a tiny
# runbook (a lock, one 10 ms wait) read from a folder laid out as a ConfigMap mount, the run
# folder on a "volume". Prints, per run, the time from the process' start to the journal's
# creation (its first event: JVM, check, config, run folder) and the whole run's wall time
# (plus taking and releasing the Lease, the reports and the run's record), and, as a baseline
# under the same load, the wall time of `bin/chaos exec --sandbox` of the same runbook.
# Usage: bench/incluster-startup.sh [RUNS]   (default 5)
set -eu
runs=${1:-5}
root=$(cd "$(dirname "$0")/.." && pwd)
. "$root/target/lab/lab.env"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/sa" "$work/home" "$work/runs" "$work/etc/..2026_01_01_00_00_00.000000001"
printf simulated-token > "$work/sa/token"
cp "$LAB_CA_PEM" "$work/sa/ca.crt"
printf chaos-testing > "$work/sa/namespace"
data="$work/etc/..2026_01_01_00_00_00.000000001"
printf 'environments:\n  staging:\n    class: staging\n    kubernetes: {in_cluster: true, lock_namespace: chaos-testing}\n' > "$data/chaos.yaml"
printf 'runbook "tiny" {\n  environment staging\n  lock "perf-tiny"\n  step "hold" { wait 10ms }\n}\n' > "$data/tiny.chaos"
(cd "$work/etc" && ln -s ..2026_01_01_00_00_00.000000001 ..data \
  && ln -s ..data/chaos.yaml chaos.yaml && ln -s ..data/tiny.chaos tiny.chaos)
port=${LAB_K8S_URL##*:}
i=0
while [ "$i" -lt "$runs" ]; do
  i=$((i + 1))
  rm -rf "$work/runs"/*
  start=$(date +%s.%N)
  env -u KUBECONFIG HOME="$work/home" KUBERNETES_SERVICE_HOST=127.0.0.1 \
    KUBERNETES_SERVICE_PORT="$port" CHAOS_SERVICEACCOUNT_DIR="$work/sa" \
    CHAOS_KUBERNETES_SCHEME=http JAVA_OPTS="-Duser.home=$work/home" \
    "$root/bin/chaos" exec --config "$work/etc/chaos.yaml" --runs-dir "$work/runs" -q \
    "$work/etc/tiny.chaos" > "$work/out" 2>&1 || { cat "$work/out"; exit 1; }
  end=$(date +%s.%N)
  journal=$(ls "$work/runs"/*/journal.jsonl)
  s0=$(date +%s.%N)
  (cd "$work" && "$root/bin/chaos" exec --sandbox -q --runs-dir "$work/sandbox" \
    "$work/etc/tiny.chaos" > /dev/null 2>&1)
  s1=$(date +%s.%N)
  born=$(stat -c %.9W "$journal")
  echo "run $i: first journal event $(echo "($born - $start) * 1000" | bc -l | cut -d. -f1) ms," \
    "whole run $(echo "($end - $start) * 1000" | bc -l | cut -d. -f1) ms," \
    "sandbox baseline $(echo "($s1 - $s0) * 1000" | bc -l | cut -d. -f1) ms"
done
