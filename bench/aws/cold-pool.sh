#!/usr/bin/env bash
# AWS benchmarks against the emulator (needs root and `make build`): prints numbers, never fails on timing.
#  1. cold pool: time from cloudnet-ipamd start (AWS mode, default settings) until 30 pods have
#     addresses through the CNI binary, with EC2 latency injected on every call (LATENCY_MS, default 150).
#  2. churn: EC2 calls per 1,000 pod starts (ADD then DEL, PARALLEL at a time) with default settings
#     (WARM_ENI_TARGET=1, IP_COOLDOWN_PERIOD=30 s), and how many ADDs failed.
# Usage: bench/aws/cold-pool.sh [BIN_DIR]   (BIN_DIR defaults to out/bin)
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
BIN=${1:-$ROOT/out/bin}
LATENCY_MS=${LATENCY_MS:-150}
PODS=${PODS:-30}
STARTS=${STARTS:-1000}
PARALLEL=${PARALLEL:-8}
COOLDOWN=${COOLDOWN:-30}                   # IP_COOLDOWN_PERIOD, seconds (the default is 30)
INSTANCE_TYPE=${INSTANCE_TYPE:-m5.xlarge}  # 4 ENIs x 14 addresses: room for 30 pods
ID=$(head -c4 /dev/urandom | od -An -tx1 | tr -d ' \n')
NODE=cnb-node-$ID VPC=cnb-vpc-$ID
WORK=$(mktemp -d /tmp/cloudnet-awsbench-XXXX)
EMU_PID= DAEMON_PID=
cleanup() {
  [ -n "$DAEMON_PID" ] && kill "$DAEMON_PID" 2>/dev/null || true
  [ -n "$EMU_PID" ] && kill "$EMU_PID" 2>/dev/null || true
  wait 2>/dev/null || true
  for ns in $(ip netns list | awk '{print $1}' | grep -- "-$ID" || true); do ip netns del "$ns"; done
  rm -rf "$WORK"
}
trap cleanup EXIT
now_ms() { date +%s%3N; }
for ns in "$NODE" "$VPC"; do ip netns add "$ns"; ip -n "$ns" link set lo up; done

ip netns exec "$NODE" "$BIN/cloudnet-emulator" --listen 127.0.0.1:4566 --instance-type "$INSTANCE_TYPE" --materialize-enis --netns "$NODE" --vpc-netns "$VPC" --log-level warning >"$WORK/emulator.log" 2>&1 &
EMU_PID=$!
until ip netns exec "$NODE" curl -sf 127.0.0.1:4566/_emulator/health >/dev/null; do sleep 0.1; done
ip netns exec "$NODE" curl -sf -X PUT -H 'Content-Type: application/json' 127.0.0.1:4566/_emulator/faults \
  -d "{\"rules\":[{\"action\":\"*\",\"errorRate\":0,\"latencyMs\":$LATENCY_MS}]}" >/dev/null

CONF="{\"cniVersion\":\"1.0.0\",\"name\":\"cloudnet\",\"type\":\"cloudnet\",\"socketPath\":\"$WORK/ipamd.sock\",\"stateDir\":\"$WORK/state\",\"timeoutSeconds\":30}"
cni() { # cni COMMAND CONTAINER NETNS
  echo "$CONF" | ip netns exec "$NODE" env CNI_COMMAND="$1" CNI_CONTAINERID="$2" CNI_NETNS="/run/netns/$3" CNI_IFNAME=eth0 CNI_PATH="$BIN" "$BIN/cloudnet" >/dev/null 2>>"$WORK/cni.log"
}
for i in $(seq 1 "$PODS"); do ip netns add "cnb-pod$i-$ID"; done

T0=$(now_ms)
ip netns exec "$NODE" env CLOUDNET_PROVIDER=aws CLOUDNET_STATE_DIR="$WORK/state" CLOUDNET_SOCKET="$WORK/ipamd.sock" \
  AWS_ENDPOINT_URL_EC2=http://127.0.0.1:4566 AWS_EC2_METADATA_SERVICE_ENDPOINT=http://127.0.0.1:4566 CLUSTER_NAME=bench IP_COOLDOWN_PERIOD="$COOLDOWN" \
  "$BIN/cloudnet-ipamd" >"$WORK/daemon.log" 2>&1 &
DAEMON_PID=$!
# Each pod retries ADD every 100 ms until it has an address, as kubelet would (less eagerly).
for i in $(seq 1 "$PODS"); do
  ( for _ in $(seq 1 1200); do cni ADD "cold$i" "cnb-pod$i-$ID" && { now_ms >"$WORK/cold$i.done"; break; }; sleep 0.1; done ) &
done
for _ in $(seq 1 1500); do [ "$(ls "$WORK"/cold*.done 2>/dev/null | wc -l)" -ge "$PODS" ] && break; sleep 0.1; done
[ "$(ls "$WORK"/cold*.done 2>/dev/null | wc -l)" -ge "$PODS" ] || { echo "cold pool: only $(ls "$WORK"/cold*.done 2>/dev/null | wc -l) of $PODS pods got addresses in 150 s"; exit 1; }
LAST=$(cat "$WORK"/cold*.done | sort -n | tail -1)
READY_LINE=$(grep -m1 '"EventId":3001' "$WORK/daemon.log" | sed -E 's/.*"Timestamp":"([^"]+)".*/\1/')
echo "cold pool: $PODS pods have addresses $((LAST - T0)) ms after cloudnet-ipamd started (EC2 latency ${LATENCY_MS} ms per call; daemon ready at $READY_LINE)"
for i in $(seq 1 "$PODS"); do cni DEL "cold$i" "cnb-pod$i-$ID"; done

# Churn: STARTS pod starts, PARALLEL workers, each ADD then DEL in its own pod namespace.
ip netns exec "$NODE" curl -sf -X DELETE 127.0.0.1:4566/_emulator/calls >/dev/null
FAILED=0
T1=$(now_ms)
export CONF NODE BIN WORK ID
seq 1 "$STARTS" | xargs -P "$PARALLEL" -I{} bash -c '
  ns=cnb-churn{}-$ID; ip netns add "$ns"
  echo "$CONF" | ip netns exec "$NODE" env CNI_COMMAND=ADD CNI_CONTAINERID=churn{} CNI_NETNS=/run/netns/$ns CNI_IFNAME=eth0 CNI_PATH="$BIN" "$BIN/cloudnet" >/dev/null 2>>"$WORK/cni.log" || echo {} >>"$WORK/failed"
  echo "$CONF" | ip netns exec "$NODE" env CNI_COMMAND=DEL CNI_CONTAINERID=churn{} CNI_NETNS=/run/netns/$ns CNI_IFNAME=eth0 CNI_PATH="$BIN" "$BIN/cloudnet" >/dev/null 2>>"$WORK/cni.log" || true
  ip netns del "$ns"'
T2=$(now_ms)
[ -f "$WORK/failed" ] && FAILED=$(wc -l <"$WORK/failed")
CALLS=$(ip netns exec "$NODE" curl -sf 127.0.0.1:4566/_emulator/calls | jq '[.actions[] | .calls] | add // 0')
echo "churn (IP_COOLDOWN_PERIOD=$COOLDOWN s): $STARTS pod starts ($PARALLEL at a time) in $((T2 - T1)) ms: $CALLS EC2 calls ($(( CALLS * 1000 / STARTS )) per 1,000 pod starts), $FAILED failed ADDs"
ip netns exec "$NODE" curl -sf 127.0.0.1:4566/_emulator/calls | jq -c '.actions | to_entries | map({(.key): .value.calls}) | add'
