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
#
#   ci/gate.sh --compare LKG_DIR TONIGHT_DIR [--rig FILE] [--out DIR] [--topologies "T …"]
# The interleaved gate (issue 11): tonight's dext build against the last known good one, both
# arms in one `hil compare` per topology (default: every topology, rig rigs/sim.yaml, JSON
# verdicts in out/compare). Exit 1 when any topology regressed, 2 on an error, 0 otherwise; a
# topology left undecided (hil compare's exit 3) is reported, not failed. When nothing
# regressed or was left undecided, TONIGHT_DIR replaces LKG_DIR (the workflow caches it as
# dext-lkg); with no LKG_DIR yet, tonight's build becomes it and nothing is compared.
# HIL overrides the CLI (default ./hil); the report-and-gate test passes the built one.
set -uo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
read -r -a HIL <<<"${HIL:-$ROOT/hil}"

compare_builds() { # compare_builds LKG_DIR TONIGHT_DIR [options]
  local lkg="${1:?--compare needs LKG_DIR TONIGHT_DIR}" tonight="${2:?--compare needs LKG_DIR TONIGHT_DIR}"
  shift 2
  local rig="$ROOT/rigs/sim.yaml" out="out/compare" topologies="app-relay one-process shared-ring"
  while [ $# -gt 0 ]; do
    case "$1" in
      --rig) rig="${2:?--rig needs a file}"; shift 2 ;;
      --out) out="${2:?--out needs a folder}"; shift 2 ;;
      --topologies) topologies="${2:?--topologies needs a list}"; shift 2 ;;
      *) echo "ci/gate.sh: unknown argument '$1'; usage: ci/gate.sh --compare LKG_DIR TONIGHT_DIR [--rig FILE] [--out DIR] [--topologies \"T …\"]" >&2; return 2 ;;
    esac
  done
  [ -f "$tonight/build.json" ] || { echo "ci/gate.sh: $tonight/build.json missing: tonight's build is not a dext build (hil dext build --out $tonight)" >&2; return 2; }
  if [ ! -f "$lkg/build.json" ]; then
    echo "ci/gate.sh: no last known good build in $lkg yet: tonight's build becomes it (seeding; nothing compared)"
    rm -rf "$lkg" && mkdir -p "$(dirname "$lkg")" && cp -R "$tonight" "$lkg"
    return $?
  fi
  mkdir -p "$out"
  local status=0 undecided=0 t rc
  for t in $topologies; do
    "${HIL[@]}" compare --rig "$rig" --topology "$t" --baseline "$lkg" --candidate "$tonight" --json "$out/$t.json"
    rc=$?
    case $rc in
      0) ;;
      1) status=1 ;;
      3) undecided=$((undecided + 1)); echo "ci/gate.sh: $t undecided within the budget (see $out/$t.json); not a failure" ;;
      *) [ $status -eq 0 ] && status=2 ;;
    esac
  done
  if [ $status -eq 0 ] && [ $undecided -eq 0 ]; then
    if rm -rf "$lkg.new" && cp -R "$tonight" "$lkg.new" && rm -rf "$lkg" && mv "$lkg.new" "$lkg"; then
      echo "ci/gate.sh: no regression: tonight's build is the last known good build now"
    else
      echo "ci/gate.sh: could not replace $lkg with $tonight" >&2; status=2
    fi
  fi
  echo "ci/gate.sh: compared $lkg with $tonight on: $topologies; exit $status"
  return $status
}

if [ "${1:-}" = "--compare" ]; then
  shift
  compare_builds "$@"
  exit $?
fi

RESULTS="${1:?usage: ci/gate.sh RESULTS_DIR [--store DIR] | ci/gate.sh --compare LKG_DIR TONIGHT_DIR [options]}"
shift
STORE="$ROOT/baselines"
while [ $# -gt 0 ]; do
  case "$1" in
    --store) STORE="${2:?--store needs a folder}"; shift 2 ;;
    *) echo "ci/gate.sh: unknown argument '$1'; usage: ci/gate.sh RESULTS_DIR [--store DIR]" >&2; exit 2 ;;
  esac
done
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
