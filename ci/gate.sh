#!/usr/bin/env bash
# Latency regression gate over every measurement a nightly run left in its results:
# each `*.measurement.json` is compared with its stored baseline (rig + topology + dext
# version + OS build) by `hil gate --baseline auto`.
#   ci/gate.sh RESULTS_DIR [--store DIR]
# RESULTS_DIR is a run's results layout (`hil run --results`, ResultsLayout: measurements/ in it),
# or a folder of measurement files. --store is the baseline folder (default: baselines/).
# Exit 1 on a confirmed regression, 2 on an error, 0 otherwise. Nothing measured at all is an
# error (the rig jobs died or measured nothing), never a silent pass. A key with no baseline
# yet, or fewer runs than the gate needs, is not a failure: the run is saved to the store
# (`hil baseline save`, as README "Latency baselines" documents) and the night says so; the
# workflow keeps the store across nights with actions/cache.
# HIL overrides the CLI (default ./hil); the report-and-gate test passes the built one.
set -uo pipefail
RESULTS="${1:?usage: ci/gate.sh RESULTS_DIR [--store DIR]}"
shift
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
STORE="$ROOT/baselines"
while [ $# -gt 0 ]; do
  case "$1" in
    --store) STORE="${2:?--store needs a folder}"; shift 2 ;;
    *) echo "ci/gate.sh: unknown argument '$1'; usage: ci/gate.sh RESULTS_DIR [--store DIR]" >&2; exit 2 ;;
  esac
done
read -r -a HIL <<<"${HIL:-$ROOT/hil}"
shopt -s nullglob
measurements=("$RESULTS"/measurements/*.measurement.json "$RESULTS"/*.measurement.json)
if [ ${#measurements[@]} -eq 0 ]; then
  echo "ci/gate.sh: no measurements in $RESULTS (looked for measurements/*.measurement.json and *.measurement.json):" \
    "nothing was measured tonight, so nothing can pass the gate; see the rig jobs' logs" >&2
  exit 2
fi

status=0; judged=0; seeded=0
for current in "${measurements[@]}"; do
  err="$(mktemp)"
  "${HIL[@]}" gate --baseline auto --store "$STORE" --current "$current" 2>"$err"
  rc=$?
  # The gate's own words for "no baseline for KEY" and "holds K run(s); the gate needs at least N".
  if [ $rc -eq 2 ] && grep -qE 'no baseline for |holds [0-9]+ run\(s\); the gate needs at least' "$err"; then
    sed 's/^/  /' "$err"
    echo "ci/gate.sh: no baseline yet for $(basename "$current"): saving it as a baseline run (seeding; not a failure)"
    if "${HIL[@]}" baseline save "$current" --store "$STORE"; then rc=0; seeded=$((seeded + 1)); else rc=2; fi
  else
    cat "$err" >&2
    judged=$((judged + 1))
  fi
  rm -f "$err"
  [ $rc -gt $status ] && status=$rc
done
echo "ci/gate.sh: ${#measurements[@]} measurement(s): $judged judged, $seeded seeded into $STORE; exit $status"
exit $status
