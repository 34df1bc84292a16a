#!/usr/bin/env bash
# Runs every test project of cloudnet.sln, then the end-to-end scripts, and prints one closing
# line "tests: N passed, N failed, N skipped". Privileged tests run when this runs as root
# (CI does); elsewhere they are skipped with the reason printed.
set -uo pipefail
cd "$(dirname "$0")/.."

config=${CONFIG:-Release}
log=$(mktemp)
trap 'rm -f "$log"' EXIT

status=0
dotnet test cloudnet.sln -c "$config" --nologo \
  --logger "console;verbosity=normal" -- RunConfiguration.TreatNoTestsAsError=true 2>&1 | tee "$log"
[ "${PIPESTATUS[0]}" -eq 0 ] || status=1

# Each test assembly ends with "Passed!  - Failed: F, Passed: P, Skipped: S, Total: T".
read -r passed failed skipped < <(grep -E '^(Passed|Failed)! +- Failed:' "$log" | sed -E \
  's/.*Failed: *([0-9]+), Passed: *([0-9]+), Skipped: *([0-9]+).*/\2 \1 \3/' |
  awk '{p+=$1; f+=$2; s+=$3} END {print p+0, f+0, s+0}')

for e2e in scripts/e2e-*.sh; do
  [ -x "$e2e" ] || continue
  [ "$(id -u)" -eq 0 ] || { echo "SKIP $e2e: needs root"; skipped=$((skipped + 1)); continue; }
  echo "== $e2e"
  if "$e2e"; then passed=$((passed + 1)); else failed=$((failed + 1)); status=1; fi
done

echo
echo "tests: ${passed} passed, ${failed} failed, ${skipped} skipped"
[ "$passed" -gt 0 ] || { echo "no test ran" >&2; status=1; }
exit $status
