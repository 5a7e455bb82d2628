#!/usr/bin/env bash
# The seed's database recovery "rebuild the replica", against the lab: a fresh replica of the
# primary PostgreSQL (pg_basebackup; scripts/lab rebuild postgres-replica), streaming again.
. "$(dirname "$(readlink -f "$0")")/common.sh"

LAB_PORT_OFFSET="$LAB_PORT_OFFSET" "$LAB_ROOT/scripts/lab" rebuild postgres-replica
echo "replica rebuilt: $(sql "$LAB_PG_URL" "SELECT application_name || ' ' || state FROM pg_stat_replication")"
