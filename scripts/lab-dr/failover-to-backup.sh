#!/usr/bin/env bash
# The seed's failover to the backup region, against the lab, in the order a DR runbook does it:
#   1. promote the backup region's database (the replica PostgreSQL) to a primary of its own;
#   2. scale the backup region up from its pilot light to the seed's sizes (graphql-gateway 3,
#      backend 5; the HPAs' minimum to 3) and wait until every pod is ready (30 s at most);
#   3. check its gateway answers /health 200, then point the users' DNS record at the global
#      load balancer to the backup region; clients follow within the record's TTL.
# Each step is skipped when already done, so a second run changes nothing. Exit 0 when the
# record points at the backup region, 1 naming the step that failed (later steps not taken),
# 2 when the lab is not up. Undo: failback-to-primary.sh.
. "$(dirname "$(readlink -f "$0")")/common.sh"

fail() { echo "failover-to-backup: $*" >&2; exit 1; }

# 1. the database
if [[ $(sql "$LAB_PG_REPLICA_URL" "SELECT pg_is_in_recovery()" 2>/dev/null) == t ]]; then
  # what the promotion loses: the primary's WAL the replica had not replayed (when the primary
  # still answers), and how old the last transaction it replayed is
  replayed="$(sql "$LAB_PG_REPLICA_URL" "SELECT pg_last_wal_replay_lsn()")"
  behind="$(sql "$LAB_PG_URL" "SELECT pg_wal_lsn_diff(pg_current_wal_lsn(), '$replayed')" 2>/dev/null)" || behind="unknown (the primary does not answer)"
  last="$(sql "$LAB_PG_REPLICA_URL" "SELECT coalesce(round(extract(epoch FROM now() - pg_last_xact_replay_timestamp())::numeric, 1) || 's old', 'none since it started')")"
  LAB_PORT_OFFSET="$LAB_PORT_OFFSET" "$LAB_ROOT/scripts/lab" promote postgres-replica ||
    fail "step 1: could not promote the backup region's database (scripts/lab promote postgres-replica; log: $LAB_STATE/logs/pg-replica.log)"
  echo "database: promoted the backup region's replica at WAL $replayed, $behind bytes behind the primary (last replayed transaction: ${last})"
elif [[ $(sql "$LAB_PG_REPLICA_URL" "SELECT pg_is_in_recovery()" 2>/dev/null) == f ]]; then
  echo "database: the backup region's database is already a primary"
else
  fail "step 1: the backup region's database ($LAB_PG_REPLICA_URL) does not answer"
fi

# 2. the backup region from its pilot light to full size
if wait_backup_at full 0 2>/dev/null; then
  already=1
else
  already=0
  scale_backup full || fail "step 2: could not scale the backup region ($LAB_K8S_BACKUP_URL)"
fi
wait_backup_at full 30 ||
  fail "step 2: the backup region is not at full size with every pod ready within 30 s ($(for d in "${!FULL_SIZE[@]}"; do printf '%s: %s ' "$d" "$(backup_counts "$d" | tr '\t' '/')"; done)(replicas/pods/ready))"
((already)) && echo "backup region: already at full size" ||
  echo "backup region: scaled up from its pilot light ($(for d in "${!FULL_SIZE[@]}"; do printf '%s %s, ' "$d" "${FULL_SIZE[$d]}"; done)every pod ready)"

# 3. users to the backup region, once its gateway answers
code="$(curl -s -m 15 --cacert "$LAB_CA_PEM" -o /dev/null -w '%{http_code}' "$LAB_DEMO_BACKUP_URL/health")" || true
[[ $code == 200 ]] || fail "step 3: the backup region's gateway answered /health ${code:-nothing}; the record stays at $(record_region 2>/dev/null || echo '?')"
point_record backup || fail "step 3: the DNS record was not switched"
[[ $(record_region) == backup ]] || fail "step 3: the record does not point at the backup region after the switch"
echo "DNS: llm-marketplace.example -> backup region (clients follow within ${LAB_LB_TTL:-5} s)"
