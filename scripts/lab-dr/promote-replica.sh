#!/usr/bin/env bash
# The seed's "promote the backup region's database", against the lab: the replica PostgreSQL
# (the backup region's) is promoted to a primary of its own (scripts/lab promote
# postgres-replica); the backup demo can then write to it. Prints the replication lag the
# replica had when it was promoted (what a failover loses at most). Undo: rebuild-replica.sh.
. "$(dirname "$(readlink -f "$0")")/common.sh"

lag="$(sql "$LAB_PG_REPLICA_URL" "SELECT coalesce(extract(epoch FROM now() - pg_last_xact_replay_timestamp()), 0)")"
LAB_PORT_OFFSET="$LAB_PORT_OFFSET" "$LAB_ROOT/scripts/lab" promote postgres-replica
echo "promoted the replica; it had replayed up to ${lag}s before the promotion"
