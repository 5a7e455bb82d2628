#!/usr/bin/env bash
# Writes N varied, valid runbooks into DIR (a stdlib import, drivers of every kind, all sections),
# so the corpus benchmark measures checking, not the cache of one repeated file.
# Usage: bench/gen-corpus.sh DIR N
set -euo pipefail
dir=$1
n=$2
rm -rf "$dir"
mkdir -p "$dir"
for ((i = 0; i < n; i++)); do
  pct=$((5 + i % 25))
  cat >"$dir/runbook-$i.chaos" <<CHAOS
// generated runbook $i for the corpus benchmark
import "slo"

runbook "generated-$i" {
  title "Generated scenario $i"
  objective "Measure checking speed on varied input ($i)"
  environment staging
  blast_radius ${pct}%
  max_duration $((5 + i % 10))m
  owner "bench"
  tags ["bench", "n$i"]
  lock "bench-$((i % 7))"

  let backend = k8s.selector("ns-$((i % 13))", "tier=backend")
  let limit = ${pct}%

  precondition "backend ready" {
    expect k8s.pods(backend).ready == k8s.pods(backend).total
  }
  precondition "error rate low" {
    expect slo.error_rate() < 0.1%
  }

  observe error_rate = slo.error_rate() every 5s
  observe p95 = slo.p95() every $((1 + i % 9))s

  guard "error rate under limit" every 5s {
    expect slo.error_rate() < limit
  }

  step "kill pods $i" {
    let killed = k8s.kill_pods(backend, fraction: ${pct}%)
    record pods_killed = len(killed)
    log "killed \${len(killed)} pods in run $i"
  }

  step "wait for recovery" {
    wait until k8s.pods(backend).ready == k8s.pods(backend).total every 2s within 1m30s
  }

  verify "latency held" throughout {
    expect slo.p95() < $((200 + i % 300))ms
  }

  rollback {
    k8s.delete("podchaos", "pod-kill-$i", namespace: "chaos-testing")
  }

  recovery within 2m every 5s {
    expect slo.error_rate() < 0.1%
  }
}
CHAOS
done
echo "$n runbooks in $dir"
