#!/usr/bin/env bash
# The seed's "snapshot every service" before a region failure, against the lab: a pg_dump of
# the primary PostgreSQL and the Kubernetes objects of llm-marketplace in the primary region,
# in target/lab/backups/SNAPSHOT/, with `latest` pointing at it. (The Redis cache is not saved:
# it is rebuilt from PostgreSQL.) Prints what it saved; exits non-zero when a dump fails.
. "$(dirname "$(readlink -f "$0")")/common.sh"

snapshot="$(date -u +%Y%m%dT%H%M%SZ)-$$"
dir="$LAB_BACKUPS/$snapshot"
mkdir -p "$dir"
pg_dump "$LAB_PG_URL" --no-owner --clean --if-exists -t demo_items -f "$dir/postgres.sql"
echo "postgres: demo_items $(digest "$LAB_PG_URL") (rows md5) -> $dir/postgres.sql"
for path in apis/apps/v1/namespaces/llm-marketplace/deployments \
  apis/apps/v1/namespaces/llm-marketplace/statefulsets \
  api/v1/namespaces/llm-marketplace/services \
  apis/autoscaling/v2/namespaces/llm-marketplace/horizontalpodautoscalers; do
  out="$dir/k8s-${path##*/}.json"
  curl -fsS -m 10 "$LAB_K8S_URL/$path" -o "$out"
  echo "k8s: $(jq '.items | length' "$out") ${path##*/} -> $out"
done
ln -sfn "$snapshot" "$LAB_BACKUPS/latest"
echo "snapshot $snapshot complete"
