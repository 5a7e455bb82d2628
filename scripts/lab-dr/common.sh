# Sourced by the lab's DR scripts: finds the lab (target/lab/lab.env) from the script's real
# location, so that they work through the `scripts` link of a staged runbook folder too.
set -euo pipefail
LAB_ROOT="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[1]}")")/../.." && pwd)"
LAB_STATE="$LAB_ROOT/target/lab"
[[ -s $LAB_STATE/lab.env ]] || { echo "lab-dr: the lab is not up ($LAB_STATE/lab.env is missing): run scripts/lab up" >&2; exit 2; }
# shellcheck source=/dev/null
. "$LAB_STATE/lab.env"
LAB_BACKUPS="$LAB_STATE/backups"

# psql on the lab's primary or replica, quiet, one value per line
sql() { psql "$1" -XAtq -v ON_ERROR_STOP=1 -c "$2"; }

# a digest of the data the demo serves (demo_items): rows and an md5 over them in order
digest() { sql "$1" "SELECT count(*) || ' ' || coalesce(md5(string_agg(id || '=' || name, ',' ORDER BY id)), '-') FROM demo_items"; }

# --- the backup region's size and the users' DNS record (failover-to-backup.sh, failback-to-primary.sh)

# the seed's sizes (LlmMarketplaceSeed): what the backup region runs once failed over, and the
# minimum of its HPAs then; at rest it is a pilot light of one pod each, HPAs at a minimum of one
declare -A FULL_SIZE=([graphql-gateway]=3 [backend]=5)
FULL_HPA_MIN=3
PILOT_LIGHT=1
APP_NS=llm-marketplace

# a JSON merge patch to the backup region's API; fails naming the object
backup_patch() { # backup_patch PATH JSON
  curl -fsS -m 10 -o /dev/null -X PATCH -H 'Content-Type: application/merge-patch+json' \
    -d "$2" "$LAB_K8S_BACKUP_URL/$1" || { echo "lab-dr: PATCH $LAB_K8S_BACKUP_URL/$1 with $2 failed" >&2; return 1; }
}

# scale_backup REPLICAS_OF_EACH_DEPLOYMENT(full|pilot): HPAs and deployments of the backup region,
# in the order that keeps the HPA from undoing it (the minimum first going down, the replicas
# after; going up the minimum first makes the HPA agree at once)
scale_backup() {
  local d want min
  for d in "${!FULL_SIZE[@]}"; do
    if [[ $1 == full ]]; then want=${FULL_SIZE[$d]}; min=$FULL_HPA_MIN; else want=$PILOT_LIGHT; min=$PILOT_LIGHT; fi
    backup_patch "apis/autoscaling/v2/namespaces/$APP_NS/horizontalpodautoscalers/$d" "{\"spec\":{\"minReplicas\":$min}}" || return 1
    backup_patch "apis/apps/v1/namespaces/$APP_NS/deployments/$d" "{\"spec\":{\"replicas\":$want}}" || return 1
  done
}

# backup_ready_counts DEPLOYMENT: "SPEC_REPLICAS PODS READY_PODS" in the backup region
backup_counts() {
  local spec pods
  spec="$(curl -fsS -m 5 "$LAB_K8S_BACKUP_URL/apis/apps/v1/namespaces/$APP_NS/deployments/$1" | jq -r .spec.replicas)" || return 1
  pods="$(curl -fsS -m 5 "$LAB_K8S_BACKUP_URL/api/v1/namespaces/$APP_NS/pods?labelSelector=app%3D$1")" || return 1
  jq -r --arg spec "$spec" '[$spec, (.items | length), ([.items[] | select(any(.status.conditions[]?; .type == "Ready" and .status == "True"))] | length)] | @tsv' <<<"$pods"
}

# wait_backup_at full|pilot SECONDS: every deployment of the backup region at that size, every pod ready
wait_backup_at() {
  local d want spec pods ready deadline=$((SECONDS + $2))
  while :; do
    local ok=1
    for d in "${!FULL_SIZE[@]}"; do
      if [[ $1 == full ]]; then want=${FULL_SIZE[$d]}; else want=$PILOT_LIGHT; fi
      read -r spec pods ready < <(backup_counts "$d") || { ok=0; continue; }
      [[ $spec == "$want" && $pods == "$want" && $ready == "$want" ]] || ok=0
    done
    ((ok)) && return 0
    ((SECONDS < deadline)) || return 1
    sleep 0.5
  done
}

# the users' DNS record at the global load balancer: where it points, and pointing it
record_region() { curl -fsS -m 15 --cacert "$LAB_CA_PEM" "$LAB_LB_URL/admin/record" | jq -r .region; }
point_record() {
  curl -fsS -m 15 --cacert "$LAB_CA_PEM" -o /dev/null -X PUT -H 'Content-Type: application/json' \
    -d "{\"region\":\"$1\"}" "$LAB_LB_URL/admin/record" || { echo "lab-dr: the global load balancer at $LAB_LB_URL did not take the record -> $1" >&2; return 1; }
}

# the replica PostgreSQL (the backup region's database) is a streaming replica now
replica_streaming() {
  [[ $(sql "$LAB_PG_REPLICA_URL" "SELECT pg_is_in_recovery()") == t ]] &&
    [[ $(sql "$LAB_PG_URL" "SELECT count(*) FROM pg_stat_replication WHERE application_name = 'lab_replica' AND state = 'streaming'") -ge 1 ]]
}
