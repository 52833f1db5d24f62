#!/usr/bin/env bash
# ./hil itself, driven with a fake `dotnet` (and fake cmake/uname/sysctl) on a PATH that holds
# only what the script needs: `--help` and `doctor` run with no C++ toolchain (issue 14), the
# macOS bootstrap gives Homebrew hints and sizes builds with sysctl (issue 10 item 7), and a
# SIGINT/SIGTERM during a build stops it, with no orphan, exit 130/143, while a signal during the
# CLI reaches the CLI and ./hil returns its status (issue 15 item 1). Prints TAP-like lines.
set -uo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
T="$(mktemp -d "${TMPDIR:-/tmp}/hil-bootstrap.XXXXXX")"
# A copy of the repository's script beside an empty repository skeleton: .hil/ goes there, not into the work tree.
REPO="$T/repo"; mkdir -p "$REPO/ci/lib"
cp "$ROOT/hil" "$REPO/hil"; cp "$ROOT/ci/lib/signals.sh" "$REPO/ci/lib/"
BIN="$T/bin"; mkdir -p "$BIN"
passed=0; failed=0; n=0
cleanup() { [ -f "$T/dotnet.pid" ] && kill "$(cat "$T/dotnet.pid")" 2>/dev/null; rm -rf "$T"; }
trap cleanup EXIT

check() { # check "what" COMMAND…
  n=$((n + 1))
  if "${@:2}"; then echo "ok $n - $1"; passed=$((passed + 1)); else echo "not ok $n - $1"; failed=$((failed + 1)); fi
}

# Only these programs: no cmake, no g++, no c++, no clang.
for tool in bash dirname mkdir cat id sleep rm; do
  ln -s "$(command -v "$tool")" "$BIN/$tool"
done
cat >"$BIN/dotnet" <<'FAKE'
#!/usr/bin/env bash
# Fake dotnet: FAKE_DOTNET_MODE=ok|slow-build|cli-trap; logs its arguments to $FAKE_LOG.
echo "dotnet $*" >>"$FAKE_LOG"
echo $$ >"$FAKE_PID"
case "$1:${FAKE_DOTNET_MODE:-ok}" in
  build:slow-build) sleep 60; exit 0 ;;
  build:*) exit 0 ;;
  *:cli-trap) trap 'echo "cli got TERM" >>"$FAKE_LOG"; exit 42' TERM; echo started >>"$FAKE_LOG"; while :; do sleep 1; done ;;
  *) echo "fake CLI: $*"; exit 0 ;;
esac
FAKE
chmod +x "$BIN/dotnet"
export FAKE_LOG="$T/dotnet.log" FAKE_PID="$T/dotnet.pid"

hil() { env PATH="$BIN" "$REPO/hil" "$@"; }
said() { grep -q -- "$1" <<<"$out"; }      # said TEXT: the last ./hil output contains TEXT
logged() { grep -q -- "$1" "$FAKE_LOG"; }  # logged PATTERN: the fakes were called so

wait_for() { # wait_for FILE PATTERN SECONDS: the fake got that far (named timeout, no wall-clock assertion)
  local i
  for ((i = 0; i < $3 * 10; i++)); do grep -q "$2" "$1" 2>/dev/null && return 0; sleep 0.1; done
  echo "# timed out after $3 s waiting for '$2' in $1"; return 1
}

gone() { # gone PID SECONDS
  local i
  for ((i = 0; i < $2 * 10; i++)); do kill -0 "$1" 2>/dev/null || return 0; sleep 0.1; done
  return 1
}

# 1. No C++ toolchain on PATH.
check "the PATH really lacks cmake and g++" bash -c "! PATH='$BIN' command -v cmake && ! PATH='$BIN' command -v g++"
out=$(hil --help 2>&1); rc=$?
check "./hil --help runs without a C++ toolchain" [ $rc -eq 0 ]
check "./hil --help shows the CLI's own verb list (hil --help), not a copy" logged "hil.dll --help"
check "./hil --help still shows ./hil run and ./hil test" bash -c 'grep -q "./hil run" <<<"$1" && grep -q "./hil test" <<<"$1"' _ "$out"
: >"$FAKE_LOG"
out=$(hil doctor --rig rigs/sim.yaml 2>&1); rc=$?
check "./hil doctor runs without a C++ toolchain" [ $rc -eq 0 ]
check "./hil doctor builds the CLI" logged "dotnet build .*Hil.Cli.csproj"
check "./hil doctor runs the CLI's doctor" logged "hil.dll doctor --rig rigs/sim.yaml"
check "./hil doctor builds no native code" bash -c "! grep -qi cmake <<<\"\$1\"" _ "$out"
out=$(hil latency 2>&1); rc=$?
check "./hil latency still needs the toolchain: exit 2" [ $rc -eq 2 ]
check "./hil latency names the missing cmake" said "missing 'cmake'"

# 2. macOS: uname says Darwin, no nproc, sysctl gives the CPUs; Homebrew hints, no apt.
printf '#!/bin/sh\necho Darwin\n' >"$BIN/uname"
printf '#!/bin/sh\n[ "$*" = "-n hw.ncpu" ] && echo 7\n' >"$BIN/sysctl"
chmod +x "$BIN/uname" "$BIN/sysctl"
out=$(hil latency 2>&1); rc=$?
check "macOS without cmake: exit 2" [ $rc -eq 2 ]
check "macOS without cmake: a Homebrew hint" said "brew install cmake"
printf '#!/bin/sh\necho "cmake $*" >>"$FAKE_LOG"\n' >"$BIN/cmake"; ln -s "$BIN/cmake" "$BIN/c++"
chmod +x "$BIN/cmake"
: >"$FAKE_LOG"
out=$(hil latency --help 2>&1); rc=$?
check "macOS: ./hil latency builds and runs" [ $rc -eq 0 ]
check "macOS: the native build runs with -j from sysctl" logged "cmake --build .*-j7 "
out=$(hil test 2>&1); rc=$?
check "macOS: ./hil test stops at the missing GoogleTest: exit 2" [ $rc -eq 2 ]
check "macOS: ./hil test asks for GoogleTest through Homebrew" said "brew install googletest"
check "macOS: ./hil test never offers apt-get" bash -c "! grep -q apt-get <<<\"\$1\"" _ "$out"
rm -f "$BIN/uname" "$BIN/sysctl" "$BIN/cmake" "$BIN/c++"

# 3. Signals. Job control on, so ./hil started in the background keeps SIGINT (bash ignores it otherwise),
# and through env with SIGINT's default restored where env can (GNU), since a test run itself started
# in the background of a script inherits SIGINT ignored, which no shell can trap again.
set -m
start_env=(env)
env --default-signal=INT true 2>/dev/null && start_env=(env --default-signal=INT)
for sig in TERM INT; do
  want=$([ $sig = TERM ] && echo 143 || echo 130)
  : >"$FAKE_LOG"; rm -f "$FAKE_PID"
  # Started directly, not through the hil function: $! must be ./hil's own pid.
  FAKE_DOTNET_MODE=slow-build "${start_env[@]}" PATH="$BIN" "$REPO/hil" doctor >"$T/out" 2>&1 &
  pid=$!
  if wait_for "$FAKE_LOG" "dotnet build" 30; then
    build=$(cat "$FAKE_PID")
    kill -s $sig "$pid"
    wait "$pid"; rc=$?
    check "SIG$sig during the CLI build: exit $want" [ $rc -eq "$want" ]
    check "SIG$sig during the CLI build: the build is stopped, not orphaned" gone "$build" 20
    check "SIG$sig during the CLI build: nothing runs after it" bash -c "! grep -q hil.dll \"\$1\"" _ "$FAKE_LOG"
  else
    check "SIG$sig: the fake build started" false
    kill "$pid" 2>/dev/null
  fi
done
: >"$FAKE_LOG"
FAKE_DOTNET_MODE=cli-trap "${start_env[@]}" PATH="$BIN" "$REPO/hil" doctor >"$T/out" 2>&1 &
pid=$!
if wait_for "$FAKE_LOG" "started" 30; then
  kill -s TERM "$pid"; wait "$pid"; rc=$?
  check "SIGTERM during the CLI: ./hil returns the CLI's status (42)" [ $rc -eq 42 ]
  check "SIGTERM during the CLI reaches the CLI" logged "cli got TERM"
else
  check "the fake CLI started" false
  kill "$pid" 2>/dev/null
fi
set +m

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
