#!/usr/bin/env bash
# One measurement session: hil-floor, then every topology through hil-simhost at the same
# rate, printed side by side with the ratio to the matching floor (DESIGN.md §6).
#   dext/tools/measure.sh [BUILD_DIR] [SAMPLES] [RATE_HZ]
set -euo pipefail
build=${1:-build/dext}
samples=${2:-20000}
rate=${3:-1000}

field() {  # field JSON OBJECT_KEY NUMBER_KEY: first NUMBER_KEY after "OBJECT_KEY"
  local rest=${1#*\"$2\":}
  rest=${rest#*\"$3\":}
  echo "${rest%%[,\}]*}"
}

floor=$("$build/hil-floor" --samples "$samples" --rate "$rate")
echo "hil-floor: $floor"
printf '%-22s %10s %10s %10s   %-16s %10s %10s %10s   %7s %7s %7s\n' \
  topology p50_ns p99_ns p999_ns floor f_p50 f_p99 f_p999 x_p50 x_p99 x_p999
run() {  # run NAME FLOOR_KEY ARGS...
  local name=$1 fkey=$2
  shift 2
  local out
  out=$("$build/hil-simclient" run --simhost "$build/hil-simhost" --count "$samples" --rate "$rate" "$@")
  echo "$out" >&2
  local p50 p99 p999 f50 f99 f999
  p50=$(field "$out" open_loop p50_ns); p99=$(field "$out" open_loop p99_ns); p999=$(field "$out" open_loop p999_ns)
  f50=$(field "$floor" "$fkey" p50_ns); f99=$(field "$floor" "$fkey" p99_ns); f999=$(field "$floor" "$fkey" p999_ns)
  awk -v n="$name" -v f="$fkey" -v a="$p50" -v b="$p99" -v c="$p999" -v x="$f50" -v y="$f99" -v z="$f999" \
    'BEGIN { printf "%-22s %10d %10d %10d   %-16s %10d %10d %10d   %7.2f %7.2f %7.2f\n", n, a, b, c, f, x, y, z, a/x, b/y, c/z }'
}
run one-process in_process_call --topology one-process
run shared-ring/spin shm_handoff --topology shared-ring --doorbell spin
run shared-ring/wait shm_handoff --topology shared-ring --doorbell wait
run app-relay socket_relay --topology app-relay
