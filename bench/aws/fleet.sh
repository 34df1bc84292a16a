#!/usr/bin/env bash
# Fleet start: NODES simulated nodes start at one instant against ONE in-process emulator with EC2's
# account-level throttling (per-API token buckets) and latency; first each node runs cloudnet's provider and
# reconciler (its own token bucket), then, on a fresh cloud, a model of aws-node's start-up on the AWS SDK's
# default retryer. Prints EC2 calls, throttled calls, time to a warm pool and peak request rate side by side.
# Needs only dotnet and loopback (no root, no namespaces). Never fails on timing. See README.md, "Fleet start".
# Usage: bench/aws/fleet.sh
#   NODES=50 INSTANCE_TYPE=m5.large LATENCY_MS=150 IMDS_LAG_MS=1000 BUCKET_SCALE=1 DEADLINE_S=300 SEED=1
#   SIDES=cloudnet,aws-style
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
NODES=${NODES:-50}                   # nodes started at the same instant
INSTANCE_TYPE=${INSTANCE_TYPE:-m5.large}
LATENCY_MS=${LATENCY_MS:-150}        # added to every EC2 call
IMDS_LAG_MS=${IMDS_LAG_MS:-1000}     # IMDS shows new addresses this much after EC2
BUCKET_SCALE=${BUCKET_SCALE:-1}      # scales EC2's buckets (0.5: other clients of the account use half)
DEADLINE_S=${DEADLINE_S:-300}        # a node without a warm pool by then counts as failed
SEED=${SEED:-1}
SIDES=${SIDES:-cloudnet,aws-style}
ARTIFACTS=${CLOUDNET_ARTIFACTS:-$ROOT/artifacts}
DRIVER=${DRIVER:-$ARTIFACTS/bin/Cloudnet.Bench.Fleet/release/cloudnet-fleet-bench.dll}
[ -f "$DRIVER" ] || dotnet build "$ROOT/bench/aws/Fleet" -c Release >/dev/null
echo "$(date -u +%FT%TZ) $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg), main $(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo '?')"
dotnet "$DRIVER" --nodes "$NODES" --instance-type "$INSTANCE_TYPE" --latency-ms "$LATENCY_MS" --imds-lag-ms "$IMDS_LAG_MS" \
  --bucket-scale "$BUCKET_SCALE" --deadline-s "$DEADLINE_S" --seed "$SEED" --sides "$SIDES"
echo "$(date -u +%FT%TZ) load $(cut -d' ' -f1-3 /proc/loadavg)"
