#!/usr/bin/env bash
# EC2 calls per 1,000 pod starts under churn: cloudnet (default settings) against a model of AWS VPC
# CNI's default policy (WARM_ENI_TARGET=1, ADD failing fast), same schedule, same run, each side with
# its own emulator. Needs root and the published binaries (`make build`, or BIN_DIR). Prints numbers;
# never fails on timing. See README.md for what the model does and what was measured.
# Usage: bench/aws/policy-compare.sh [BIN_DIR]   (BIN_DIR defaults to out/bin)
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
BIN=${1:-$ROOT/out/bin}
HELD=${HELD:-20}                           # pods held at any time
STARTS=${STARTS:-1000}                     # replacements in the churn phase
INTERVAL_MS=${INTERVAL_MS:-1000}           # one replacement per interval
RETRY_MS=${RETRY_MS:-1000}                 # a failed ADD is retried after this (kubelet retries)
SETTLE_S=${SETTLE_S:-15}                   # pause between warm-up and churn
COOLDOWN=${COOLDOWN:-30}                   # IP_COOLDOWN_PERIOD on both sides (seconds; 30 is both defaults)
INSTANCE_TYPE=${INSTANCE_TYPE:-m5.xlarge}  # 4 ENIs x 14 addresses: 20 held + 30 cooling fit
WAVE_HIGH=${WAVE_HIGH:-0}                  # >HELD: the pod count alternates HELD/WAVE_HIGH (0 = steady replacement)
WAVE_PERIOD_S=${WAVE_PERIOD_S:-60}         # length of each wave level
WAVE_QUIET=${WAVE_QUIET:-0}                # 1: no replacements once a level is reached (scale up, hold, scale down)
WAVE_STEP=${WAVE_STEP:-1}                  # pods started/deleted in one event on the way to a level (24: 6 -> 30 at once)
ARTIFACTS=${CLOUDNET_ARTIFACTS:-$ROOT/artifacts}
DRIVER=${DRIVER:-$ARTIFACTS/bin/Cloudnet.Bench.AwsPolicy/release/cloudnet-aws-policy-bench.dll}
[ -f "$DRIVER" ] || dotnet build "$ROOT/bench/aws/PolicyCompare" -c Release >/dev/null
ID=$(head -c4 /dev/urandom | od -An -tx1 | tr -d ' \n')
NODE=cnpc-node-$ID VPC=cnpc-vpc-$ID
WORK=$(mktemp -d /tmp/cloudnet-policy-XXXX)
EMU_PID= DAEMON_PID=
cleanup() {
  [ -n "$DAEMON_PID" ] && kill "$DAEMON_PID" 2>/dev/null || true
  [ -n "$EMU_PID" ] && kill "$EMU_PID" 2>/dev/null || true
  wait 2>/dev/null || true
  for ns in $(ip netns list | awk '{print $1}' | grep -- "cnpc-.*$ID" || true); do ip netns del "$ns"; done
  rm -rf "$WORK"
}
trap cleanup EXIT
for ns in "$NODE" "$VPC"; do ip netns add "$ns"; ip -n "$ns" link set lo up; done

ip netns exec "$NODE" "$BIN/cloudnet-emulator" --listen 127.0.0.1:4566 --instance-type "$INSTANCE_TYPE" --materialize-enis --netns "$NODE" --vpc-netns "$VPC" --log-level warning >"$WORK/emulator.log" 2>&1 &
EMU_PID=$!
until ip netns exec "$NODE" curl -sf 127.0.0.1:4566/_emulator/health >/dev/null; do sleep 0.1; done
ip netns exec "$NODE" env CLOUDNET_PROVIDER=aws CLOUDNET_STATE_DIR="$WORK/state" CLOUDNET_SOCKET="$WORK/ipamd.sock" \
  AWS_ENDPOINT_URL_EC2=http://127.0.0.1:4566 AWS_EC2_METADATA_SERVICE_ENDPOINT=http://127.0.0.1:4566 CLUSTER_NAME=bench IP_COOLDOWN_PERIOD="$COOLDOWN" \
  "$BIN/cloudnet-ipamd" >"$WORK/daemon.log" 2>&1 &
DAEMON_PID=$!
for _ in $(seq 1 600); do ip netns exec "$NODE" curl -sf 127.0.0.1:61679/readyz >/dev/null && break; sleep 0.1; done
ip netns exec "$NODE" curl -sf 127.0.0.1:61679/readyz >/dev/null || { echo "cloudnet-ipamd did not become ready"; tail -20 "$WORK/daemon.log"; exit 1; }

echo "{\"cniVersion\":\"1.0.0\",\"name\":\"cloudnet\",\"type\":\"cloudnet\",\"socketPath\":\"$WORK/ipamd.sock\",\"stateDir\":\"$WORK/cni\",\"timeoutSeconds\":30}" >"$WORK/conf.json"
echo "$(date -u +%FT%TZ) $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg)"
ip netns exec "$NODE" dotnet "$DRIVER" --held "$HELD" --starts "$STARTS" --interval-ms "$INTERVAL_MS" --retry-ms "$RETRY_MS" \
  --settle-s "$SETTLE_S" --cooldown-s "$COOLDOWN" --instance-type "$INSTANCE_TYPE" --wave-high "$WAVE_HIGH" --wave-period-s "$WAVE_PERIOD_S" --wave-quiet "$WAVE_QUIET" --wave-step "$WAVE_STEP" \
  --cni "$BIN/cloudnet" --cni-config "$WORK/conf.json" --ns-prefix "cnpc-$ID-" \
  --emulator http://127.0.0.1:4566/ --introspection http://127.0.0.1:61679/
echo "$(date -u +%FT%TZ) load $(cut -d' ' -f1-3 /proc/loadavg)"
