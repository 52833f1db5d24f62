#!/usr/bin/env bash
# ci/gate.sh --compare (tonight's dext build against the last known good one) with a fake `hil`
# whose `compare` exits as each topology is told to: seeding, promotion, a regression that keeps
# the old build, an undecided topology that neither fails nor promotes, usage errors. The real
# `hil compare` is covered by Hil.Latency.Tests and the gate fixture. Prints TAP-like lines.
set -uo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
T="$(mktemp -d "${TMPDIR:-/tmp}/hil-gate-compare.XXXXXX")"
trap 'rm -rf "$T"' EXIT
passed=0; failed=0; n=0
check() { # check "what" COMMAND…
  n=$((n + 1))
  if "${@:2}"; then echo "ok $n - $1"; passed=$((passed + 1)); else echo "not ok $n - $1"; failed=$((failed + 1)); fi
}

# The fake CLI: `compare … --topology T … --json FILE` exits with $T/exit-T (0 when absent) and writes FILE.
cat >"$T/hil" <<'FAKE'
#!/usr/bin/env bash
[ "$1" = compare ] || exit 2
while [ $# -gt 0 ]; do case "$1" in --topology) t=$2; shift 2 ;; --json) j=$2; shift 2 ;; *) shift ;; esac; done
echo "{\"topology\":\"$t\"}" >"$j"; echo "$t" >>"$(dirname "$0")/compared"
exit "$(cat "$(dirname "$0")/exit-$t" 2>/dev/null || echo 0)"
FAKE
chmod +x "$T/hil"
build() { mkdir -p "$1" && echo "{\"send_extra_ns\": $2}" >"$1/build.json"; }
gate() { HIL="$T/hil" "$ROOT/ci/gate.sh" --compare "$T/lkg" "$T/tonight" --out "$T/out" --topologies "app-relay shared-ring" "$@" >"$T/log" 2>&1; }
status() { gate "$@"; echo $?; }

build "$T/tonight" 1
check "no last known good build: exit 0" [ "$(status)" = 0 ]
check "… and tonight's build becomes it, nothing compared" [ -f "$T/lkg/build.json" ] && [ ! -f "$T/compared" ]

build "$T/tonight" 2
check "both topologies same: exit 0" [ "$(status)" = 0 ]
check "… each compared, its JSON written" [ "$(wc -l <"$T/compared")" -eq 2 ] && [ -f "$T/out/shared-ring.json" ]
check "… and tonight's build is promoted" grep -q 2 "$T/lkg/build.json"

build "$T/tonight" 3; echo 1 >"$T/exit-shared-ring"
check "a regression in one topology: exit 1" [ "$(status)" = 1 ]
check "… and the last known good build stays" grep -q 2 "$T/lkg/build.json"

echo 3 >"$T/exit-shared-ring"
check "an undecided topology: exit 0" [ "$(status)" = 0 ]
check "… said so, and nothing promoted" grep -q "shared-ring undecided" "$T/log" && grep -q 2 "$T/lkg/build.json"

echo 2 >"$T/exit-shared-ring"
check "hil compare failing: exit 2" [ "$(status)" = 2 ]
check "an unknown option: exit 2" [ "$(status --bogus x)" = 2 ]
rm -rf "$T/tonight"
check "tonight's build missing: exit 2" [ "$(status)" = 2 ]

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
