#!/usr/bin/env bash
# Measures `chaos check` as a user meets it: one file from a cold JVM through bin/chaos
# (median of RUNS, with its peak RSS), and one call over generated corpora of 1,000 and 10,000
# runbooks (checked on one thread per processor), with peak RSS. For the paired run against the
# Python peer, see bench/check-vs-peer.sh.
# Usage: bench/check-perf.sh [RUNS]   (build first: mvn -B -DskipTests package)
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-21}
jar=target/chaos.jar
[[ -f $jar ]] || { echo "build first: mvn -B -DskipTests package" >&2; exit 2; }
file=${CHAOS_BENCH_FILE:-runbooks/pod-failure.chaos}

median_ms() { sort -n | awk '{a[NR]=$1} END {m=(NR%2)?a[(NR+1)/2]:(a[NR/2]+a[NR/2+1])/2; printf "%.0f", m}'; }

# Warm the AppCDS archive once (bin/chaos creates it on the first run after a build).
bin/chaos check "$file" >/dev/null 2>&1 || true
bin/chaos check "$file" >/dev/null 2>&1 || true

# Wall time is what a user waits; CPU time (user + sys) is steadier on a busy machine.
times=()
cpus=()
for ((i = 0; i < runs; i++)); do
  start=$(date +%s%N)
  /usr/bin/time -f '%U %S' -o target/bench-cpu.txt bin/chaos check "$file" >/dev/null
  end=$(date +%s%N)
  times+=($(((end - start) / 1000000)))
  cpus+=($(awk '{printf "%.0f", ($1 + $2) * 1000}' target/bench-cpu.txt))
done
single=$(printf '%s\n' "${times[@]}" | median_ms)
min=$(printf '%s\n' "${times[@]}" | sort -n | head -1)
max=$(printf '%s\n' "${times[@]}" | sort -n | tail -1)
cpu=$(printf '%s\n' "${cpus[@]}" | median_ms)
echo "single file ($file), $runs cold runs through bin/chaos: median ${single} ms wall (min ${min}, max ${max}), median ${cpu} ms CPU; load average $(cut -d' ' -f1 /proc/loadavg)"

one_rss=$( { /usr/bin/time -f '%M' bin/chaos check "$file" >/dev/null; } 2>&1 | tail -1)
echo "single file peak RSS: $((one_rss / 1024)) MB"

for n in 1000 10000; do
  corpus=target/bench-corpus-$n
  bench/gen-corpus.sh "$corpus" "$n" >/dev/null
  bin/chaos check -q "$corpus" >/dev/null 2>&1 || true
  ctimes=()
  rss=0
  for ((i = 0; i < 5; i++)); do
    start=$(date +%s%N)
    /usr/bin/time -f '%M' -o target/bench-rss.txt bin/chaos check -q "$corpus" >/dev/null
    end=$(date +%s%N)
    ctimes+=($(((end - start) / 1000000)))
    r=$(cat target/bench-rss.txt)
    ((r > rss)) && rss=$r
  done
  corpus_ms=$(printf '%s\n' "${ctimes[@]}" | median_ms)
  echo "corpus of $n runbooks, one call, 5 runs: median ${corpus_ms} ms (all: ${ctimes[*]}), peak RSS $((rss / 1024)) MB; $(nproc) processors; load average $(cut -d' ' -f1 /proc/loadavg)"
done
