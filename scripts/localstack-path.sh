#!/usr/bin/env bash
# Exercises the LocalStack test path without LocalStack: starts the published cloudnet-emulator
# standalone on a free loopback port, standing in for LocalStack, runs the LocalStack init script
# (localstack/init/ready.d/10-cloudnet-rig.sh) against it with the AWS CLI, sources the rig.env it
# writes, and runs the LocalStack contract tests (tests/Providers/Aws, FullyQualifiedName~LocalStack)
# with LOCALSTACK_ENDPOINT set. Then checks that the tests left no ENI on the rig's instance.
#
# This proves the script and the LOCALSTACK_ENDPOINT code path work mechanically; it is not a run
# against LocalStack itself (see localstack/README.md for that).
#
#   scripts/localstack-path.sh [BIN_DIR]      # BIN_DIR holds cloudnet-emulator; default out/bin (make build)
#
# Environment: BIN_DIR (same as the argument), CONFIG (dotnet test configuration, default Release,
# as scripts/run-tests.sh), NO_BUILD=1 (pass --no-build: the test project is already built in
# CONFIG, e.g. right after scripts/run-tests.sh's solution run). Needs the AWS CLI (`aws`, v1 or
# v2) and dotnet.
# Exit status: the tests' (0 passed, 1 failed or an ENI leaked); 2 when the setup failed (no
# emulator binary, no AWS CLI, emulator did not start, init script failed).
set -uo pipefail
cd "$(dirname "$0")/.."

bin_dir=${1:-${BIN_DIR:-$PWD/out/bin}}
config=${CONFIG:-Release}
emulator="$bin_dir/cloudnet-emulator"
say() { echo "localstack-path: $*" >&2; }
die() { say "$*"; exit 2; }

[ -x "$emulator" ] || die "$emulator is missing: run \`make build\`, or pass the directory holding cloudnet-emulator"
command -v aws >/dev/null 2>&1 || die "needs the AWS CLI (\`aws\` on PATH; Debian: apt-get install awscli)"

work=$(mktemp -d /tmp/cloudnet-localstack-path.XXXXXX)
emulator_pid=""
cleanup() {
  if [ -n "$emulator_pid" ] && kill -0 "$emulator_pid" 2>/dev/null; then
    say "stopping the emulator (pid $emulator_pid)"
    kill "$emulator_pid" 2>/dev/null
    wait "$emulator_pid" 2>/dev/null
  fi
  rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# Port 0: the emulator binds a free port and says which on stderr.
say "starting $emulator --listen 127.0.0.1:0"
"$emulator" --listen 127.0.0.1:0 --log-level warning 2>"$work/emulator.log" &
emulator_pid=$!
endpoint=""
for _ in $(seq 1 300); do                       # up to 30 s for the listener
  endpoint=$(sed -n 's|.*listening on \(http://[^ ]*\)/ .*|\1|p' "$work/emulator.log" | head -n 1)
  [ -n "$endpoint" ] && break
  kill -0 "$emulator_pid" 2>/dev/null || { cat "$work/emulator.log" >&2; die "the emulator exited before listening"; }
  sleep 0.1
done
[ -n "$endpoint" ] || { cat "$work/emulator.log" >&2; die "the emulator did not report its listener within 30 s"; }
say "emulator listening on $endpoint (standing in for LocalStack)"

# The AWS CLI sees only the emulator: static test credentials, no config files, no IMDS lookups.
export LOCALSTACK_ENDPOINT=$endpoint CLOUDNET_RIG_OUT=$work/out AWS_DEFAULT_REGION=us-east-1 \
  AWS_ACCESS_KEY_ID=test AWS_SECRET_ACCESS_KEY=test AWS_CONFIG_FILE=$work/no-config \
  AWS_SHARED_CREDENTIALS_FILE=$work/no-credentials AWS_EC2_METADATA_DISABLED=true AWS_PAGER=""
unset AWS_PROFILE AWS_SESSION_TOKEN AWS_ENDPOINT_URL AWS_ENDPOINT_URL_EC2 CLOUDNET_RIG_AZ CLOUDNET_RIG_INSTANCE_TYPE

say "running localstack/init/ready.d/10-cloudnet-rig.sh against it ($(aws --version 2>&1 | head -n 1))"
localstack/init/ready.d/10-cloudnet-rig.sh || die "the init script failed"
# shellcheck disable=SC1091
source "$work/out/rig.env"
say "rig: VPC $CLOUDNET_RIG_VPC_ID, instance $CLOUDNET_TEST_INSTANCE_ID ($CLOUDNET_RIG_INSTANCE_TYPE) in $CLOUDNET_RIG_SUBNET_PRIMARY"

say "dotnet test tests/Providers/Aws -c $config --filter FullyQualifiedName~LocalStack (LOCALSTACK_ENDPOINT=$LOCALSTACK_ENDPOINT)"
build_flag=()
[ "${NO_BUILD:-0}" = "1" ] && build_flag=(--no-build)
dotnet test tests/Providers/Aws -c "$config" "${build_flag[@]}" --nologo --filter "FullyQualifiedName~LocalStack" \
  --logger "console;verbosity=detailed" -- RunConfiguration.TreatNoTestsAsError=true 2>&1 | tee "$work/test.log"
status=${PIPESTATUS[0]}
[ "$status" -eq 0 ] || status=1

# The contract tests print "skipped: <reason>" and return for features LocalStack lacks; xunit
# counts those as passed, so say how many really exercised the endpoint.
count() { grep -E "^[[:space:]]+$1: *[0-9]+[[:space:]]*$" "$work/test.log" | awk '{s+=$2} END {print s+0}'; }
passed=$(count Passed)
failed=$(count Failed)
feature_skips=$(grep -c '^ *skipped: ' "$work/test.log")
say "LocalStack contract tests: $passed passed ($((passed - feature_skips)) exercised the endpoint, $feature_skips returned early for a feature LocalStack lacks), $failed failed"

leaked=$(aws --endpoint-url "$LOCALSTACK_ENDPOINT" ec2 describe-network-interfaces \
  --filters "Name=attachment.instance-id,Values=$CLOUDNET_TEST_INSTANCE_ID" \
  --query 'length(NetworkInterfaces[?Attachment.DeviceIndex!=`0`])' --output text)
if [ "$leaked" != "0" ]; then
  say "the tests left $leaked ENI(s) attached to $CLOUDNET_TEST_INSTANCE_ID besides its primary"
  status=1
fi
[ "$passed" -gt 0 ] || { say "no test passed"; status=1; }

say "done: exit $status"
exit "$status"
