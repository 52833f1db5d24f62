#!/usr/bin/env bash
# The nightly's report-and-gate job, as one script so the workflow and its test in `./hil test`
# (ci/tests/report-and-gate.sh) run the same commands:
#   ci/report-and-gate.sh ARTIFACTS_DIR OUT_DIR [--history FILE] [--store DIR]
# ARTIFACTS_DIR holds one results layout per job (actions/download-artifact without
# merge-multiple: ARTIFACTS_DIR/<artifact>/{allure,measurements}). They are merged into
# OUT_DIR/merged (ci/merge-results.mjs keeps every rig's environment), the report is built into
# OUT_DIR/report with the history file, and the gate judges the merged measurements.
# Exit: the gate's (0 pass, 1 regression, 2 error); 2 when the merge or the report fails.
# HIL overrides the CLI (default ./hil).
set -uo pipefail
ARTIFACTS="${1:?usage: ci/report-and-gate.sh ARTIFACTS_DIR OUT_DIR [--history FILE] [--store DIR]}"
OUT="${2:?usage: ci/report-and-gate.sh ARTIFACTS_DIR OUT_DIR [--history FILE] [--store DIR]}"
shift 2
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
HISTORY="$ROOT/reports/history/history.jsonl"
store=()
while [ $# -gt 0 ]; do
  case "$1" in
    --history) HISTORY="${2:?--history needs a file}"; shift 2 ;;
    --store) store=(--store "${2:?--store needs a folder}"); shift 2 ;;
    *) echo "ci/report-and-gate.sh: unknown argument '$1'" >&2; exit 2 ;;
  esac
done
read -r -a HIL <<<"${HIL:-$ROOT/hil}"
MERGED="$OUT/merged"
rm -rf "$MERGED"; mkdir -p "$OUT"

node "$ROOT/ci/merge-results.mjs" "$ARTIFACTS" "$MERGED" || exit 2
# The report is built even when the gate then fails: the nights it fails are the ones people read.
report=0
"${HIL[@]}" report --results "$MERGED/allure" --out "$OUT/report" --history "$HISTORY" || report=2

# ---- hil compare (issue 11) goes here: compare the merged measurements with the previous
# ---- night's before the gate judges them; keep its exit status folded into `status` below.

HIL="${HIL[*]}" "$ROOT/ci/gate.sh" "$MERGED" "${store[@]}"
status=$?
[ $report -gt $status ] && status=$report
exit $status
