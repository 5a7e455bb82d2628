#!/usr/bin/env bash
# `chaos check` of one runbook against the Python peer, Chaos Toolkit's `chaos validate` of the
# equivalent experiment (bench/peer/pod-failure-experiment.json), in ONE hyperfine run. hyperfine
# runs the commands one after the other, so a change of the machine's load during the run
# favours one of them: the load is printed before and after, and the mean CPU time (user +
# system) of each command, steadier than wall time on a busy machine, is printed beside it.
# The peer runs from source checkouts with the system python3 and its Debian packages
# (python3-click python3-click-plugins python3-requests python3-yaml python3-logzero
# python3-pythonjsonlogger python3-charset-normalizer python3-importlib-metadata):
#   git clone https://github.com/chaostoolkit/chaostoolkit PEER_DIR/chaostoolkit
#   git clone https://github.com/chaostoolkit/chaostoolkit-lib PEER_DIR/chaostoolkit-lib
# Usage: bench/check-vs-peer.sh PEER_DIR [RUNS]   (build first: mvn -B -DskipTests package)
# Environment: CHAOS_JAVA25 (a JDK 24+ java: also times bin/chaos on it, with its AOT cache),
# CHAOS_BEFORE (the bin/chaos of another build, timed too),
# PEER_PYTHON (default /usr/bin/python3), CHAOS_BENCH_FILE (default runbooks/pod-failure.chaos).
set -euo pipefail
peer=$(cd "${1:?usage: bench/check-vs-peer.sh PEER_DIR [RUNS]}" && pwd -P)
runs=${2:-30}
cd "$(dirname "$0")/.."
root=$(pwd -P)
[[ -f target/chaos.jar ]] || { echo "build first: mvn -B -DskipTests package" >&2; exit 2; }
for d in chaostoolkit chaostoolkit-lib; do
  [[ -d $peer/$d ]] || { echo "$peer/$d not found (see the header of $0)" >&2; exit 2; }
done
python=${PEER_PYTHON:-/usr/bin/python3}
file=${CHAOS_BENCH_FILE:-runbooks/pod-failure.chaos}
experiment=$root/bench/peer/pod-failure-experiment.json
out=$root/target/bench
mkdir -p "$out"

# The experiment's one secret is read from the environment, as Chaos Toolkit wants it.
export KUBE_TOKEN=bench
export PYTHONPATH=$peer/chaostoolkit:$peer/chaostoolkit-lib
# The peer is run from an empty directory: `python -m` puts the current one on sys.path.
workdir=$out/peer-cwd
mkdir -p "$workdir"
peer_cmd="$python -m chaostoolkit --no-version-check --log-file $out/peer-chaostoolkit.log validate $experiment"
(cd "$workdir" && $peer_cmd >/dev/null 2>&1) || { echo "the peer fails to validate $experiment:" >&2; (cd "$workdir" && $peer_cmd) >&2; exit 1; }

# Each launcher run writes its archive or AOT cache on its first run: let that happen first.
ours=("$root/bin/chaos check $root/$file")
names=("chaos check (JDK $(java -version 2>&1 | sed -n 's/.*version "\([0-9]*\).*/\1/p;q'))")
if [[ -n ${CHAOS_BEFORE:-} ]]; then
  # another build's launcher (e.g. of the previous release), to show what a change gained
  ours+=("$CHAOS_BEFORE check $root/$file")
  names+=("chaos check, before (JDK 17)")
fi
if [[ -n ${CHAOS_JAVA25:-} ]]; then
  ours+=("env CHAOS_JAVA=$CHAOS_JAVA25 $root/bin/chaos check $root/$file")
  names+=("chaos check ($("$CHAOS_JAVA25" -version 2>&1 | sed -n 's/.*version "\([0-9]*\).*/JDK \1/p;q'), AOT cache)")
fi
for cmd in "${ours[@]}"; do
  for _ in 1 2 3; do $cmd >/dev/null 2>&1 || true; sleep 2; done
  $cmd >/dev/null || { echo "$cmd fails" >&2; exit 1; }
done

echo "load before: $(uptime)"
args=()
for i in "${!ours[@]}"; do args+=(-n "${names[$i]}" "${ours[$i]}"); done
(cd "$workdir" && hyperfine -N --warmup 3 --runs "$runs" --export-json "$out/check-vs-peer.json" \
  "${args[@]}" -n "chaos validate (Chaos Toolkit, python3)" "$peer_cmd")
echo "load after: $(uptime)"

"$python" - "$out/check-vs-peer.json" <<'PY'
import json, sys
results = json.load(open(sys.argv[1]))["results"]
peer = results[-1]
print(f"{'command':<44} {'mean ms':>8} {'median ms':>9} {'min ms':>7} {'CPU ms':>7} {'peer/this median':>16} {'peer/this CPU':>13}")
for r in results:
    cpu, peer_cpu = r["user"] + r["system"], peer["user"] + peer["system"]
    print(f"{r['command']:<44} {r['mean']*1000:8.1f} {r['median']*1000:9.1f} {r['min']*1000:7.1f}"
          f" {cpu*1000:7.1f} {peer['median'] / r['median']:16.2f} {peer_cpu / cpu:13.2f}")
PY
