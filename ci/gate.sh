#!/usr/bin/env bash
# Latency regression gate over every measurement a nightly run left in its results:
# each `*.measurement.json` is compared with its stored baseline (rig + topology + dext
# version + OS build). Exit 1 on a confirmed regression, 2 on an error, 0 otherwise.
# RESULTS_DIR is a run's results layout (`hil run --results`, ResultsLayout: measurements/ in it),
# or a folder of measurement files.
set -uo pipefail
RESULTS="${1:?usage: ci/gate.sh RESULTS_DIR}"
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
status=0
shopt -s nullglob
for current in "$RESULTS"/measurements/*.measurement.json "$RESULTS"/*.measurement.json; do
  "$ROOT/hil" gate --baseline auto --current "$current"
  rc=$?
  [ $rc -gt $status ] && status=$rc
done
exit $status
