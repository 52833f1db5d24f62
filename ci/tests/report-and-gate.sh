#!/usr/bin/env bash
# The nightly's report-and-gate job (ci/report-and-gate.sh, the script the workflow calls) on two
# sim rigs' results laid out as actions/download-artifact leaves them, and the gate's cases:
# no baseline yet → seeded, exit 0; clean → 0; regression → 1; nothing measured → an error (2).
#   ci/tests/report-and-gate.sh [ALLURE_RESULTS]
# ALLURE_RESULTS: a real run's Allure results (./hil test passes the fixtures'); rig sim-b gets
# the same results with its own environment. Measurements are real sim-rig runs from
# benchmarks/gate-calibration-runs (K = 7 baseline runs per key); the regression is a real
# app-relay run filed under one-process, whose runs are ~300x faster.
# HIL: the CLI to run (default ./hil). Prints "ok N - …" / "not ok N - …" and a closing tally.
set -uo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
FIXTURES="${1:-}"
RUNS="$ROOT/benchmarks/gate-calibration-runs"
T="$(mktemp -d "${TMPDIR:-/tmp}/hil-report-gate.XXXXXX")"
trap 'rm -rf "$T"' EXIT
export HIL="${HIL:-$ROOT/hil}"
passed=0; failed=0; n=0

check() { # check "what" COMMAND… : the command's success is the check's
  n=$((n + 1))
  if "${@:2}"; then echo "ok $n - $1"; passed=$((passed + 1)); else echo "not ok $n - $1"; failed=$((failed + 1)); fi
}

# retag SRC DEST RIG [TOPOLOGY]: a measurement filed under another rig (and topology).
retag() {
  node -e 'const fs=require("fs");const [s,d,rig,top]=process.argv.slice(1);const r=JSON.parse(fs.readFileSync(s));r.rig=rig;if(top)r.topology=top;fs.writeFileSync(d,JSON.stringify(r));' "$@"
}

# artifact NAME RIG: one job's results layout; its Allure results carry its own rig and host.
artifact() {
  local dir="$T/artifacts/allure-results-$1"
  mkdir -p "$dir/allure" "$dir/measurements"
  if [ -n "$FIXTURES" ]; then cp -R "$FIXTURES"/. "$dir/allure/"; fi
  if [ ! -f "$dir/allure/environment.properties" ] || [ -z "$FIXTURES" ]; then
    printf 'Rig=%s\nHost=%s\n' "$2" "$2-host" >"$dir/allure/environment.properties"
    printf '{"uuid":"%s","name":"placeholder","status":"passed","start":1,"stop":2,"labels":[]}\n' "$(uuidgen 2>/dev/null || echo "00000000-0000-0000-0000-00000000000$n")" \
      >"$dir/allure/$1-result.json"
  fi
  # Whatever the copied results said (the last process to write them may not have named a rig),
  # this job's rig and host are set here.
  sed -i.bak -e "/^Rig=/d" -e "/^Host=/d" "$dir/allure/environment.properties" && rm -f "$dir/allure/environment.properties.bak"
  printf 'Rig=%s\nHost=%s\n' "$2" "$2-host" >>"$dir/allure/environment.properties"
  printf '{"name":"GitHub Actions","type":"github","reportName":"HIL report: %s","buildName":"hil-nightly #7"}\n' "$2" >"$dir/allure/executor.json"
  echo "$dir"
}

seed() { # seed STORE RIG TOPOLOGY: baseline runs 00..06 of TOPOLOGY filed under RIG
  local i
  for i in 00 01 02 03 04 05 06; do
    retag "$RUNS/$2-$i.json" "$T/seed.json" "$3" && "${HIL_CMD[@]}" baseline save "$T/seed.json" --store "$1" >/dev/null || return 1
  done
}
read -r -a HIL_CMD <<<"$HIL"

a=$(artifact sim-default sim-default)
b=$(artifact sim-b sim-b)
cp "$RUNS/app-relay-07.json" "$a/measurements/sim-default-app-relay.measurement.json"
retag "$RUNS/one-process-07.json" "$b/measurements/sim-b-one-process.measurement.json" sim-b

# 1. First night: no baselines at all → every key seeded, exit 0, and the report is built.
store="$T/store"
out="$T/night1"
ci_out=$("$ROOT/ci/report-and-gate.sh" "$T/artifacts" "$out" --history "$T/history.jsonl" --store "$store" 2>&1); rc=$?
check "no baseline yet: exit 0 (was exit 2 every night)" [ $rc -eq 0 ]
[ $rc -eq 0 ] || printf '%s\n' "$ci_out" | tail -30 | sed 's/^/# /'
check "no baseline yet: says so and seeds the store" grep -q "no baseline yet" <<<"$ci_out"
check "seeded runs are in the store" [ "$(find "$store" -name 'run-*.json' | wc -l)" -eq 2 ]
check "the merged environment keeps both rigs" grep -qE "^Rig=(sim-b: sim-b; sim-default: sim-default|sim-default: sim-default; sim-b: sim-b)$" "$out/merged/allure/environment.properties"
check "the merged environment keeps both hosts" grep -q "sim-b-host" "$out/merged/allure/environment.properties"
check "the merged executor names both rigs" grep -q "sim-default" "$out/merged/allure/executor.json"
check "both rigs' measurements are merged" [ "$(ls "$out/merged/measurements" | wc -l)" -eq 2 ]
check "the report was built" [ -f "$out/report/index.html" ]

# 2. Clean: K = 7 baseline runs per key, tonight's runs are run 07 of the same series.
rm -rf "$store"
seed "$store" app-relay sim-default && seed "$store" one-process sim-b
ci_out=$("$ROOT/ci/report-and-gate.sh" "$T/artifacts" "$T/night2" --history "$T/history.jsonl" --store "$store" 2>&1); rc=$?
check "clean: exit 0" [ $rc -eq 0 ]
check "clean: both measurements judged" grep -q "2 measurement(s): 2 judged, 0 seeded" <<<"$ci_out"
[ $rc -eq 0 ] || printf '%s\n' "$ci_out" | tail -30 | sed 's/^/# /'

# 3. Regression: sim-b's one-process measurement replaced by a run ~300x slower.
retag "$RUNS/app-relay-07.json" "$b/measurements/sim-b-one-process.measurement.json" sim-b one-process
ci_out=$("$ROOT/ci/report-and-gate.sh" "$T/artifacts" "$T/night3" --history "$T/history.jsonl" --store "$store" 2>&1); rc=$?
check "regression: exit 1" [ $rc -eq 1 ]
check "regression: the report is still built" [ -f "$T/night3/report/index.html" ]
[ $rc -eq 1 ] || printf '%s\n' "$ci_out" | tail -30 | sed 's/^/# /'

# 4. Nothing measured (the rig jobs died): an error, not a silent pass.
rm -f "$a"/measurements/* "$b"/measurements/*
ci_out=$("$ROOT/ci/report-and-gate.sh" "$T/artifacts" "$T/night4" --history "$T/history.jsonl" --store "$store" 2>&1); rc=$?
check "nothing measured: exit 2" [ $rc -eq 2 ]
check "nothing measured: says nothing was measured" grep -q "nothing was measured tonight" <<<"$ci_out"

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
