#!/usr/bin/env bash
# Every test the project has, in dependency order, with one closing tally CI can read:
# the probe dext's CTest (unit, fuzz, sim-host integration), the harness's unit tests,
# the HIL fixtures on the sim rig (their Allure results feed the report UI tests), and
# the report UI tests in Chromium. Called by `./hil test` after set-up.
set -uo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# Every suite is a stoppable step: SIGINT/SIGTERM stop the running one and exit 130/143.
# shellcheck source=lib/signals.sh
. "$ROOT/ci/lib/signals.sh"
hil_trap_signals
OUT="$ROOT/.hil/test"
rm -rf "$OUT"; mkdir -p "$OUT"
passed=0; failed=0; skipped=0; broken=()
started=$SECONDS

tally_ctest() { # tally_ctest LOG
  local line
  line=$(grep -E 'tests passed, [0-9]+ tests failed out of [0-9]+' "$1" | tail -1)
  [ -n "$line" ] || { failed=$((failed + 1)); broken+=("ctest: no summary"); return; }
  local f t
  f=$(sed -E 's/.* ([0-9]+) tests failed out of ([0-9]+).*/\1/' <<<"$line")
  t=$(sed -E 's/.* ([0-9]+) tests failed out of ([0-9]+).*/\2/' <<<"$line")
  passed=$((passed + t - f)); failed=$((failed + f))
}

tally_dotnet() { # tally_dotnet NAME LOG STATUS
  local p f
  p=$(grep -oE 'Passed: +[0-9]+' "$2" | awk '{s+=$2} END {print s+0}')
  f=$(grep -oE 'Failed: +[0-9]+' "$2" | awk '{s+=$2} END {print s+0}')
  # Skipped here means inconclusive: a measuring check that found the host too noisy to decide.
  # Counted from the per-test lines: the summary line leaves inconclusive tests out of its total.
  s=$(grep -cE '^ +Skipped ' "$2")
  passed=$((passed + p)); failed=$((failed + f)); skipped=$((skipped + s))
  grep -E '^ +Skipped ' "$2" | sed "s/^ *Skipped /$1: /" >>"$OUT/undecided.txt" || true
  if [ "$3" -ne 0 ] || [ "$f" -ne 0 ] || [ "$p" -eq 0 ]; then
    broken+=("$1"); [ "$f" -eq 0 ] && failed=$((failed + 1))
  fi
}

took() { echo "   ($((SECONDS - $1)) s)"; } # took START: a step's wall time, so the 15-minute budget can be spent knowingly

logged() { # logged LOG COMMAND…: COMMAND's output to the console and LOG, as a stoppable step; COMMAND's status
  local began=$SECONDS rc=0
  hil_step bash -c '"${@:2}" 2>&1 | tee "$1"; exit "${PIPESTATUS[0]}"' logged "$@" || rc=$?
  took "$began"
  return "$rc"
}

echo "== probe dext: CTest (unit, fuzzers, sim-host integration)"
logged "$OUT/ctest.log" ctest --test-dir "$ROOT/build/dext-check" --output-on-failure -j2
tally_ctest "$OUT/ctest.log"

echo "== build: Harness.sln"
began=$SECONDS
if ! hil_step dotnet build "$ROOT/Harness.sln" -c Release -nologo -v q -p:UseSharedCompilation=false >"$OUT/build.log" 2>&1; then
  grep -E 'error' "$OUT/build.log" | sort -u | head -40
  echo "0 passed, 1 failed"; exit 1
fi
took "$began"

FIXTURE_RESULTS="$OUT/allure-fixtures"
run_dotnet_tests() { # run_dotnet_tests NAME PROJECT [dotnet test args…] -- [env assignments…]
  local name=$1 project=$2; shift 2
  local args=() envs=()
  while [ $# -gt 0 ] && [ "$1" != "--" ]; do args+=("$1"); shift; done
  [ $# -gt 0 ] && shift
  envs=("$@")
  echo "== $name"
  # ${a[@]+"${a[@]}"}: an empty array under `set -u` is an error in macOS's bash 3.2.
  local rc=0
  logged "$OUT/$name.log" env ${envs[@]+"${envs[@]}"} dotnet test "$project" -c Release --no-build -nologo \
    --results-directory "$OUT/$name" ${args[@]+"${args[@]}"} || rc=$?
  tally_dotnet "$name" "$OUT/$name.log" "$rc"
}

for project in "$ROOT"/harness/tests/*/*.Tests.csproj; do
  run_dotnet_tests "$(basename "$project" .csproj)" "$project"
done

# The HIL fixtures on the sim rig: every suite's fixtures, sized as nightly. Their sim hosts'
# logs stay with this run's output (a crash fixture's would otherwise be kept in /tmp for good).
run_dotnet_tests fixtures "$ROOT/fixtures/Hil.Fixtures/Hil.Fixtures.csproj" --filter "TestCategory!=fault-demo" -- \
  HIL_ALLURE_RESULTS="$FIXTURE_RESULTS" HIL_RIG="$ROOT/rigs/sim.yaml" HIL_SUITE=nightly HIL_SIM_LOGS="$OUT/sim-logs/fixtures"
# The nightly fixtures again through the Mac code, on the macos-twin rig (dext/twin/README.md).
run_dotnet_tests fixtures-macos-twin "$ROOT/fixtures/Hil.Fixtures/Hil.Fixtures.csproj" --filter "TestCategory=nightly" -- HIL_ALLURE_RESULTS="$OUT/allure-fixtures-macos-twin" HIL_RIG="$ROOT/rigs/macos-twin.yaml" HIL_SUITE=nightly \
  HIL_SIM_LOGS="$OUT/sim-logs/fixtures-macos-twin"

# One deliberately failing rig fault joins the same results, for the report UI tests to
# find among infrastructure problems; its failure is expected and not counted.
echo "== fixtures: deliberate rig fault (expected to fail)"
began=$SECONDS
hil_step env HIL_ALLURE_RESULTS="$FIXTURE_RESULTS" HIL_SIM_LOGS="$OUT/sim-logs/fault-demo" dotnet test "$ROOT/fixtures/Hil.Fixtures/Hil.Fixtures.csproj" -c Release --no-build \
  -nologo --filter "TestCategory=fault-demo" >"$OUT/fault-demo.log" 2>&1 && {
  echo "the deliberate rig fault did not fail (see $OUT/fault-demo.log)"; failed=$((failed + 1)); broken+=("fault-demo"); }
took "$began"
run_dotnet_tests report-ui "$ROOT/reports/Hil.ReportUi.Tests/Hil.ReportUi.Tests.csproj" -- \
  HIL_FIXTURE_RESULTS="$FIXTURE_RESULTS" HIL_ALLURE_RESULTS="$OUT/allure-report-ui"

# Shell tests (TAP-like "ok N" / "not ok N" lines): the nightly workflow's syntax and its
# report-and-gate job on two sim rigs' results, and ./hil's own bootstrap and signals.
tally_shell() { # tally_shell NAME LOG STATUS
  local p f
  p=$(grep -cE '^ok [0-9]+' "$2"); f=$(grep -cE '^not ok [0-9]+' "$2")
  passed=$((passed + p)); failed=$((failed + f))
  if [ "$3" -ne 0 ] || [ "$f" -ne 0 ] || [ "$p" -eq 0 ]; then
    broken+=("$1"); [ "$f" -eq 0 ] && failed=$((failed + 1))
  fi
}
run_shell_test() { # run_shell_test NAME SCRIPT [args…]
  local name=$1 rc=0; shift
  echo "== $name"
  logged "$OUT/$name.log" "$@" || rc=$?
  tally_shell "$name" "$OUT/$name.log" "$rc"
}
run_shell_test workflow-syntax "$ROOT/ci/tests/workflow-syntax.sh"
HIL="dotnet $ROOT/harness/Hil.Cli/bin/Release/net10.0/hil.dll" run_shell_test report-and-gate "$ROOT/ci/tests/report-and-gate.sh" "$FIXTURE_RESULTS"
run_shell_test hil-bootstrap "$ROOT/ci/tests/hil-bootstrap.sh"
run_shell_test gate-compare "$ROOT/ci/tests/gate-compare.sh"

echo
echo "== took $((SECONDS - started)) s"
[ ${#broken[@]} -eq 0 ] || printf 'failing: %s\n' "${broken[@]}"
[ ! -s "$OUT/undecided.txt" ] || { echo "undecided (inconclusive, e.g. host too noisy to decide):"; sed 's/^/  /' "$OUT/undecided.txt"; }
echo "$passed passed, $failed failed, $skipped skipped"
[ "$failed" -eq 0 ] && [ ${#broken[@]} -eq 0 ]
