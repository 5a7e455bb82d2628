#!/usr/bin/env bash
# `chaos deploy` of COUNT runbooks (copies of runbooks/pod-failure.chaos under other names, in
# a temporary directory): the time to check them, derive the RBAC and render the YAML, and the
# time to write the objects to the lab's Kubernetes API with `--apply` (created, then replaced
# on a second apply). Each a whole `bin/chaos` process, start-up included; ROUNDS renders, the
# median and the spread printed. Needs the jar (mvn -B -o -q package -DskipTests) and the lab
# (scripts/lab up; target/lab/lab.env).
# Usage: bench/deploy-perf.sh [COUNT] [ROUNDS]
set -euo pipefail
cd "$(dirname "$0")/.."
count=${1:-1000}
rounds=${2:-3}
[[ -f target/chaos.jar ]] || { echo "build first: mvn -B -o -q package -DskipTests" >&2; exit 2; }
[[ -f target/lab/lab.env ]] || { echo "start the lab first: scripts/lab up" >&2; exit 2; }
# shellcheck disable=SC1091
source target/lab/lab.env
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
for i in $(seq 1 "$count"); do
  sed "s/^runbook \"pod-failure\"/runbook \"pod-failure-$i\"/" runbooks/pod-failure.chaos \
    >"$dir/pod-failure-$i.chaos"
done
ns="bench-$(date +%s)"

ms() { echo $(( $(date +%s%N) / 1000000 )); }
timed() { local t0; t0=$(ms); "$@" >/dev/null; echo $(( $(ms) - t0 )); }

renders=()
for _ in $(seq 1 "$rounds"); do
  renders+=("$(timed bin/chaos deploy --config "$LAB_CHAOS_CONFIG" -n "$ns" "$dir")")
done
bin/chaos deploy --config "$LAB_CHAOS_CONFIG" -n "$ns" "$dir" >"$dir/out.yaml"
objects=$(grep -c '^kind:' "$dir/out.yaml")
maps=$(grep -c '^kind: ConfigMap' "$dir/out.yaml")
bytes=$(wc -c <"$dir/out.yaml")
create=$(timed bin/chaos deploy --config "$LAB_CHAOS_CONFIG" -n "$ns" --apply "$dir")
replace=$(timed bin/chaos deploy --config "$LAB_CHAOS_CONFIG" -n "$ns" --apply "$dir")
sorted=$(printf '%s\n' "${renders[@]}" | sort -n | tr '\n' ' ')
median=$(printf '%s\n' "${renders[@]}" | sort -n | sed -n "$(( (rounds + 1) / 2 ))p")
echo "runbooks: $count; objects: $objects ($maps ConfigMaps), YAML $bytes bytes"
echo "render (check, RBAC, YAML): median $median ms over $rounds runs ($sorted ms)"
echo "apply to the lab API: create $create ms, replace $replace ms"
