#!/usr/bin/env bash
# The seed's data consistency check after a failover, against the lab: the demo's data
# (demo_items) on the primary and on the replica (the backup region's database) must have the
# same rows, and the replica must have replayed everything it received. Exit 0 when they agree,
# 1 (naming both digests) when they do not.
. "$(dirname "$(readlink -f "$0")")/common.sh"

primary="$(digest "$LAB_PG_URL")"
# bounded wait for the replica to catch up with what the primary has written so far
target="$(sql "$LAB_PG_URL" "SELECT pg_current_wal_lsn()")"
for _ in $(seq 1 50); do
  caught="$(sql "$LAB_PG_REPLICA_URL" "SELECT CASE WHEN pg_is_in_recovery() THEN pg_last_wal_replay_lsn() >= '$target'::pg_lsn ELSE true END")"
  [[ $caught == t ]] && break
  sleep 0.2
done
replica="$(digest "$LAB_PG_REPLICA_URL")"
if [[ $primary == "$replica" ]]; then
  echo "consistent: demo_items on the primary and the replica: $primary (rows md5)"
  exit 0
fi
echo "inconsistent: demo_items primary $primary, replica $replica (rows md5)" >&2
exit 1
