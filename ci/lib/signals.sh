# Sourced by ./hil and ci/test.sh: how a long step is run so SIGINT/SIGTERM stop all of it.
# Each step runs as a background job in its own process group (job control on), and the script
# waits for it; a signal interrupts that wait, the trap sends SIGTERM to the step's whole group
# (cmake and its compilers, `dotnet build` and its MSBuild nodes, `dotnet test` and the testhost),
# waits for it to end and exits 130 (SIGINT) or 143 (SIGTERM). Without this, bash dies at the
# signal and leaves the build or the suite running on its own for minutes.
HIL_STEP_PID=""

hil_stop() { # hil_stop SIGNAL EXIT_CODE
  trap - INT TERM
  if [ -n "$HIL_STEP_PID" ]; then
    kill -TERM -- "-$HIL_STEP_PID" 2>/dev/null || kill -TERM "$HIL_STEP_PID" 2>/dev/null || true
    wait "$HIL_STEP_PID" 2>/dev/null || true
  fi
  printf '\033[1;31mhil:\033[0m stopped by SIG%s\n' "$1" >&2
  exit "$2"
}

hil_trap_signals() {
  set -m
  trap 'hil_stop INT 130' INT
  trap 'hil_stop TERM 143' TERM
}

# hil_step COMMAND…: runs COMMAND as a stoppable step and returns its exit status. Its stdin is
# /dev/null: a background job that read the terminal would be stopped (SIGTTIN) and hang the run.
hil_step() {
  "$@" </dev/null &
  HIL_STEP_PID=$!
  local rc=0
  wait "$HIL_STEP_PID" || rc=$?
  HIL_STEP_PID=""
  return "$rc"
}
