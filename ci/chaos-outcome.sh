#!/bin/sh
# Runs `chaos ARGS...` and names how it ended, so that a pipeline can tell a failed hypothesis
# from a refused run (docs/ci.md). The exit code of chaos is the contract (docs/cli.md, "Exit
# codes"); this script only gives each code a name and says it where the CI system looks:
#
#   stderr                  always: `chaos-outcome: NAME (exit N): what it means`
#   $GITHUB_OUTPUT          when set: `outcome=NAME` and `exit-code=N` (steps.ID.outputs.*)
#   $GITHUB_STEP_SUMMARY    when set: one line of the job's summary
#   $CHAOS_OUTCOME_FILE     when set: `CHAOS_OUTCOME=NAME` and `CHAOS_EXIT_CODE=N` (a dotenv
#                           file, for GitLab's artifacts:reports:dotenv)
#
# stdout is left to chaos: `check --format sarif` without -o writes its report there.
#
# It exits 0 when the outcome is one of $CHAOS_OK_OUTCOMES (default `ok`), otherwise with the
# code of chaos itself, so GitLab's allow_failure:exit_codes still sees the real code.
#
# $CHAOS is the chaos command (default `chaos` on PATH): one executable, no arguments.
# SIGINT and SIGTERM are passed on to chaos as SIGTERM, which it treats as Ctrl-C (on abort,
# then undo, exit 130): a cancelled job must not leave its chaos behind.

chaos=${CHAOS:-chaos}
ok_outcomes=${CHAOS_OK_OUTCOMES:-ok}

if [ $# -eq 0 ]; then
  echo "usage: chaos-outcome.sh COMMAND [ARGS...]   (runs \`\$CHAOS COMMAND ARGS...\`)" >&2
  exit 2
fi
command=$1

# In a non-interactive shell a background job ignores SIGINT, so both signals become SIGTERM.
"$chaos" "$@" &
child=$!
trap 'kill -TERM "$child" 2>/dev/null' INT TERM
wait "$child"
code=$?
# wait returns early when a trapped signal arrives: wait again until chaos has really ended
while kill -0 "$child" 2>/dev/null; do
  wait "$child"
  code=$?
done
trap - INT TERM

case $command:$code in
  *:0) outcome=ok meaning="no problem: the check passed or the run held its hypothesis" ;;
  check:1) outcome=check_failed meaning="the check found errors (or warnings, with --strict)" ;;
  exec:1) outcome=hypothesis_failed meaning="a verify or a step failed; undo done" ;;
  *:1) outcome=failed meaning="the command found a problem" ;;
  *:2) outcome=refused meaning="refused: usage error, unreadable input, runbook errors, or the run was refused (environment, window, lock, production gate); nothing was touched" ;;
  exec:3) outcome=precondition_failed meaning="a precondition failed; nothing was changed" ;;
  exec:4) outcome=aborted meaning="aborted by a guard, max_duration or a lost lock; undo done" ;;
  *:5) outcome=undo_failed meaning="an undo failed: the world may still be disrupted, page someone" ;;
  exec:6) outcome=not_recovered meaning="not recovered within the deadline" ;;
  *:130) outcome=interrupted meaning="interrupted (SIGINT or SIGTERM); undo done" ;;
  *) outcome=unknown meaning="an exit code chaos does not document (killed? out of memory?)" ;;
esac

echo "chaos-outcome: $outcome (exit $code): $meaning" >&2
if [ -n "${GITHUB_OUTPUT:-}" ]; then
  printf 'outcome=%s\nexit-code=%s\n' "$outcome" "$code" >>"$GITHUB_OUTPUT"
fi
if [ -n "${GITHUB_STEP_SUMMARY:-}" ]; then
  printf 'chaos %s: **%s** (exit %s): %s\n' "$command" "$outcome" "$code" "$meaning" \
    >>"$GITHUB_STEP_SUMMARY"
fi
if [ -n "${CHAOS_OUTCOME_FILE:-}" ]; then
  printf 'CHAOS_OUTCOME=%s\nCHAOS_EXIT_CODE=%s\n' "$outcome" "$code" >"$CHAOS_OUTCOME_FILE"
fi

for allowed in $ok_outcomes; do
  if [ "$allowed" = "$outcome" ]; then
    exit 0
  fi
done
exit "$code"
