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
