#!/usr/bin/env bash
# The seed's smoke tests, against one region of the lab: --environment=backup-region (the
# backup region's API and demo service) or --environment=primary. Passes (exit 0) when the
# region's gateway pods are all ready, its demo answers /health 200 and serves items 0..9 with
# 200; otherwise prints each failure on stderr and exits 1.
. "$(dirname "$(readlink -f "$0")")/common.sh"

env=primary
for arg in "$@"; do
  case $arg in
    --environment=*) env=${arg#*=} ;;
    *) echo "smoke-tests: unknown argument $arg (use --environment=backup-region|primary)" >&2; exit 2 ;;
  esac
done
case $env in
  backup-region) api=$LAB_K8S_BACKUP_URL; demo=$LAB_DEMO_BACKUP_URL ;;
  primary) api=$LAB_K8S_URL; demo=$LAB_DEMO_URL ;;
  *) echo "smoke-tests: unknown environment $env" >&2; exit 2 ;;
esac
failed=0
fail() { echo "smoke-tests ($env): $*" >&2; failed=1; }
pods="$(curl -fsS -m 5 "$api/api/v1/namespaces/llm-marketplace/pods?labelSelector=app%3Dgraphql-gateway" 2>/dev/null)" ||
  fail "the Kubernetes API at $api does not answer"
if [[ -n ${pods:-} ]]; then
  read -r total ready < <(jq -r '[(.items | length), ([.items[] | select(any(.status.conditions[]?; .type == "Ready" and .status == "True"))] | length)] | @tsv' <<<"$pods")
  ((total > 0 && ready == total)) || fail "gateway pods: $ready of $total ready"
  echo "gateway pods: $ready of $total ready"
fi
code="$(curl -s -m 5 --cacert "$LAB_CA_PEM" -o /dev/null -w '%{http_code}' "$demo/health")" || true
[[ $code == 200 ]] || fail "GET $demo/health answered ${code:-nothing}"
for i in 0 1 2 3 4 5 6 7 8 9; do
  code="$(curl -s -m 5 --cacert "$LAB_CA_PEM" -o /dev/null -w '%{http_code}' "$demo/items/$i")" || true
  [[ $code == 200 ]] || fail "GET $demo/items/$i answered ${code:-nothing}"
done
((failed == 0)) && echo "smoke tests passed in $env ($demo)"
exit $failed
