#!/usr/bin/env bash
# ci/nightly.yml against GitHub's workflow schema with action-validator (pinned in
# ci/package.json, installed by `./hil test` as `npm ci` in ci/). A copy with one misspelt key
# must fail, so a validator that accepts anything cannot pass this test. Prints TAP-like lines.
set -uo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
VALIDATOR="$ROOT/ci/node_modules/.bin/action-validator"
T="$(mktemp -d "${TMPDIR:-/tmp}/hil-workflow.XXXXXX")"
trap 'rm -rf "$T"' EXIT
passed=0; failed=0; n=0
check() { # check "what" COMMAND…
  n=$((n + 1))
  if "${@:2}"; then echo "ok $n - $1"; passed=$((passed + 1)); else echo "not ok $n - $1"; failed=$((failed + 1)); fi
}
fails() { ! "$@" >/dev/null 2>&1; }

check "the validator is installed (npm ci in ci/)" [ -x "$VALIDATOR" ]
check "ci/nightly.yml is a valid workflow" "$VALIDATOR" "$ROOT/ci/nightly.yml"
sed 's/^    runs-on: ubuntu-latest$/    runs_on: ubuntu-latest/' "$ROOT/ci/nightly.yml" >"$T/broken.yml"
check "the misspelt copy differs" fails cmp -s "$ROOT/ci/nightly.yml" "$T/broken.yml"
check "a misspelt key is refused" fails "$VALIDATOR" "$T/broken.yml"
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
