#!/usr/bin/env bash
# The seed's restore of the latest snapshot, against the lab: --snapshot=latest (or a snapshot
# folder name of target/lab/backups/) restores demo_items on the primary PostgreSQL from that
# snapshot's pg_dump; the replica follows by streaming. Exit 1 when there is no such snapshot.
. "$(dirname "$(readlink -f "$0")")/common.sh"

snapshot=latest
for arg in "$@"; do
  case $arg in
    --snapshot=*) snapshot=${arg#*=} ;;
    *) echo "restore-from-backup: unknown argument $arg (use --snapshot=latest|NAME)" >&2; exit 2 ;;
  esac
done
dump="$LAB_BACKUPS/$snapshot/postgres.sql"
[[ -s $dump ]] || { echo "restore-from-backup: no snapshot $snapshot ($dump is missing); run backup-all-services.sh first" >&2; exit 1; }
psql "$LAB_PG_URL" -Xq -v ON_ERROR_STOP=1 -f "$dump" >/dev/null
echo "restored demo_items from $snapshot: $(digest "$LAB_PG_URL") (rows md5)"
