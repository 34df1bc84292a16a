#!/usr/bin/env bash
# Runs every test project of cloudnet.sln, then the end-to-end scripts, and prints one closing
# line "tests: N passed, N failed, N skipped". Privileged tests run when this runs as root
# (CI does); elsewhere they are skipped with the reason printed.
set -uo pipefail
cd "$(dirname "$0")/.."

config=${CONFIG:-Release}
# The CNI, daemon and end-to-end tests run the published binaries (make test builds them first).
export CLOUDNET_BIN_DIR=${CLOUDNET_BIN_DIR:-$PWD/out/bin}
log=$(mktemp)
trap 'rm -f "$log"' EXIT

status=0
dotnet test cloudnet.sln -c "$config" --nologo \
  --logger "console;verbosity=normal" -- RunConfiguration.TreatNoTestsAsError=true 2>&1 | tee "$log"
[ "${PIPESTATUS[0]}" -eq 0 ] || status=1

# With the normal console verbosity each test assembly ends with "Total tests: T" followed by
# indented "Passed: P", "Failed: F" and "Skipped: S" lines (zero counts are left out).
count() { grep -E "^[[:space:]]+$1: *[0-9]+[[:space:]]*$" "$log" | awk '{s+=$2} END {print s+0}'; }
passed=$(count Passed)
failed=$(count Failed)
skipped=$(count Skipped)

# Names of what failed, repeated at the very end so that a log cut to its last lines still says.
failed_line='^[[:space:]]+Failed .+ \[[^]]*\][[:space:]]*$'
failures=$(grep -E "$failed_line" "$log" | sed -E 's/^[[:space:]]+Failed (.+) \[[^]]*\][[:space:]]*$/\1/' | sort -u)

for e2e in scripts/e2e-*.sh; do
  [ -x "$e2e" ] || continue
  [ "$(id -u)" -eq 0 ] || { echo "SKIP $e2e: needs root"; skipped=$((skipped + 1)); continue; }
  echo "== $e2e"
  if "$e2e"; then passed=$((passed + 1)); else failed=$((failed + 1)); status=1; failures+=$'\n'"$e2e"; fi
done

# The LocalStack test path (init script + LOCALSTACK_ENDPOINT) against the emulator standing in
# for LocalStack; the test project is already built in $config by the solution run above.
echo "== scripts/localstack-path.sh"
if NO_BUILD=1 CONFIG="$config" scripts/localstack-path.sh "$CLOUDNET_BIN_DIR"; then passed=$((passed + 1)); else failed=$((failed + 1)); status=1; failures+=$'\n'"scripts/localstack-path.sh"; fi

echo
if [ -n "${failures//$'\n'/}" ]; then
  echo "failed:"
  printf '%s\n' "$failures" | sed '/^$/d; s/^/  /'
  # The first lines of each failed test's message, for a log that is read from its end.
  grep -E -A 6 "$failed_line" "$log" | grep -E -A 3 'Error Message' | head -40
fi
echo "tests: ${passed} passed, ${failed} failed, ${skipped} skipped"
[ "$passed" -gt 0 ] || { echo "no test ran" >&2; status=1; }
exit $status
