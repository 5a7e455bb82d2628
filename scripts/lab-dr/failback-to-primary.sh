#!/usr/bin/env bash
# The seed's failback to the primary region ("switch back to primary region"), against the lab:
#   1. wait (60 s at most) until the primary region's gateway answers /health 200, then point
#      the users' DNS record back at it;
#   2. rebuild the backup region's database as a streaming replica of the primary (writes the
#      promoted backup took meanwhile are not carried back: the lab's demo writes nothing);
#   3. scale the backup region back to its pilot light (one pod each, the HPAs' minimum 1).
# Each step is skipped when already done: on a lab that never failed over it changes nothing.
# Exit 0 when the record points at the primary, the replica streams and the backup is at its
# pilot light; 1 naming the step that failed; 2 when the lab is not up.
. "$(dirname "$(readlink -f "$0")")/common.sh"

fail() { echo "failback-to-primary: $*" >&2; exit 1; }

# 1. users back to the primary region, once it serves
if [[ $(record_region 2>/dev/null) != primary ]]; then
  code=""
  for _ in $(seq 1 120); do
    code="$(curl -s -m 3 -o /dev/null -w '%{http_code}' "$LAB_DEMO_URL/health")" || true
    [[ $code == 200 ]] && break
    sleep 0.5
  done
  [[ $code == 200 ]] || fail "step 1: the primary region's gateway answered /health ${code:-nothing} for 60 s; the record stays at the backup region"
  point_record primary || fail "step 1: the DNS record was not switched back"
  [[ $(record_region) == primary ]] || fail "step 1: the record does not point at the primary region after the switch"
  echo "DNS: llm-marketplace.example -> primary region (clients follow within ${LAB_LB_TTL:-5} s)"
else
  echo "DNS: llm-marketplace.example already points at the primary region"
fi

# 2. the backup region's database streams from the primary again
if replica_streaming 2>/dev/null; then
  echo "database: the backup region's replica streams from the primary"
else
  LAB_PORT_OFFSET="$LAB_PORT_OFFSET" "$LAB_ROOT/scripts/lab" rebuild postgres-replica ||
    fail "step 2: could not rebuild the backup region's replica (scripts/lab rebuild postgres-replica; log: $LAB_STATE/logs/pg-replica.log)"
  replica_streaming || fail "step 2: the rebuilt replica does not stream from the primary"
  echo "database: the backup region's replica rebuilt from the primary, streaming"
fi

# 3. the backup region back to its pilot light
if wait_backup_at pilot 0 2>/dev/null; then
  echo "backup region: already at its pilot light"
  exit 0
fi
scale_backup pilot || fail "step 3: could not scale the backup region ($LAB_K8S_BACKUP_URL) down"
wait_backup_at pilot 30 ||
  fail "step 3: the backup region is not back at its pilot light within 30 s ($(for d in "${!FULL_SIZE[@]}"; do printf '%s: %s ' "$d" "$(backup_counts "$d" | tr '\t' '/')"; done)(replicas/pods/ready))"
echo "backup region: back at its pilot light ($PILOT_LIGHT pod of each deployment)"
