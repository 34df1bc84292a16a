#!/usr/bin/env bash
# Benchmark: time from a block claim on one node until the route to that block is present on every
# other node, over BGP (cloudnet-ipamd + bird2 per node, full iBGP mesh from the Kubernetes API), for
# 3 and for 10 nodes (override: NODE_COUNTS="3 10", SAMPLES=12).
#
# Nodes are network namespaces on a bridge that lives in its own namespace; the fake Kubernetes API
# server (tests/Testing/Kube, published into the work directory unless out/bin has it) runs in the
# bridge namespace. Blocks are /30 (4 addresses) so that, with WARM_ENI_TARGET=1, every pod ADD
# through the real CNI binary makes the daemon claim one more block: claim time t0 is when the API
# server stored the IPAMBlock (its own clock, ms), arrival is when `ip -ts monitor route` in each other
# node saw BIRD's route (same machine clock). Prints per node count: samples, p50/p90/max of
# "present on all other nodes" and of "present on one other node". Needs root. Not a test: it never
# fails on timing. Cleans up everything it created (trap).
set -euo pipefail
REPO=$(cd "$(dirname "$0")/../.." && pwd)
BIN=${CLOUDNET_BENCH_BIN:-$REPO/out/bin}
NODE_COUNTS=${NODE_COUNTS:-"3 10"}
SAMPLES=${SAMPLES:-12}
TAG=$$
WORK=$(mktemp -d /tmp/cloudnet-bench-bgp.XXXXXX)
NETNS=()
PIDS=()

cleanup() {
  trap - EXIT
  stop_all
  for ns in "${NETNS[@]}"; do ip netns delete "$ns" 2>/dev/null || true; done
  rm -rf "$WORK"
}
trap cleanup EXIT
stop_all() {
  for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
  for f in "$WORK"/run/*/bird.pid; do [ -f "$f" ] && kill "$(cat "$f")" 2>/dev/null || true; done
  sleep 1
  for pid in "${PIDS[@]}"; do kill -9 "$pid" 2>/dev/null || true; done
  PIDS=()
}
until_true() { local deadline=$((SECONDS + $1)); shift; until "$@"; do [ "$SECONDS" -lt "$deadline" ] || return 1; sleep 0.1; done; }
newns() { ip netns add "$1"; NETNS+=("$1"); ip -n "$1" link set lo up; }

[ "$(id -u)" -eq 0 ] || { echo "needs root" >&2; exit 1; }
FAKE=$BIN/cloudnet-fake-kube
if [ ! -x "$FAKE" ]; then
  echo "publishing the fake Kubernetes API server into $WORK/fake-kube"
  CLOUDNET_ARTIFACTS=${CLOUDNET_ARTIFACTS:-$WORK/artifacts} dotnet publish "$REPO/tests/Testing/Kube/Cloudnet.Testing.Kube.csproj" \
    -c Release -o "$WORK/fake-kube" --nologo -v quiet >/dev/null
  FAKE=$WORK/fake-kube/cloudnet-fake-kube
fi

run() {
  local n=$1 run=$WORK/run br=cnbb-br-$TAG i
  rm -rf "$run"; mkdir -p "$run"
  newns "$br"
  ip -n "$br" link add br0 type bridge
  ip -n "$br" addr add 198.18.0.254/24 dev br0
  ip -n "$br" link set br0 up
  local nodes=()
  for i in $(seq 1 "$n"); do nodes+=(--node "node$i=198.18.0.$i"); done
  ip netns exec "$br" "$FAKE" --listen 198.18.0.254:6443 "${nodes[@]}" > "$run/fake-kube.log" 2>&1 &
  PIDS+=($!)
  until_true 60 grep -q "listening on" "$run/fake-kube.log" || { cat "$run/fake-kube.log" >&2; exit 1; }
  for i in $(seq 1 "$n"); do
    local ns=cnbb-n$i-$TAG dir=$run/n$i
    mkdir -p "$dir"
    newns "$ns"
    ip -n "$br" link add "n$i" type veth peer name eth0 netns "$ns"
    ip -n "$br" link set "n$i" master br0 up
    ip -n "$ns" addr add "198.18.0.$i/24" dev eth0
    ip -n "$ns" link set eth0 up
    ip netns exec "$ns" env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin \
      CLOUDNET_PROVIDER=baremetal CLOUDNET_STATE_DIR="$dir/state" CLOUDNET_SOCKET="$dir/ipamd.sock" \
      CLOUDNET_BAREMETAL_NODE_NAME="node$i" CLOUDNET_BAREMETAL_NODE_ADDRESS="198.18.0.$i" \
      CLOUDNET_BAREMETAL_CLAIM_MODE=kubernetes CLOUDNET_BAREMETAL_KUBE_API=http://198.18.0.254:6443 \
      CLOUDNET_BAREMETAL_POOL_CIDRS=10.244.0.0/16 CLOUDNET_BAREMETAL_BLOCK_SIZE_V4=30 CLOUDNET_BAREMETAL_MAX_BLOCKS=64 \
      CLOUDNET_BAREMETAL_BGP_MESH=true CLOUDNET_BAREMETAL_BIRD_CONFIG="$dir/bird.conf" CLOUDNET_BAREMETAL_BIRD_SOCKET="$dir/bird.ctl" \
      "$BIN/cloudnet-ipamd" > "$dir/ipamd.log" 2>&1 &
    PIDS+=($!)
  done
  for i in $(seq 1 "$n"); do
    local dir=$run/n$i
    until_true 120 test -s "$dir/bird.conf" || { tail "$dir/ipamd.log" >&2; exit 1; }
    ip netns exec "cnbb-n$i-$TAG" bird -c "$dir/bird.conf" -s "$dir/bird.ctl" -P "$dir/bird.pid"
  done
  # Steady state: every node has a route to every other node's first block.
  for i in $(seq 1 "$n"); do
    until_true 120 bash -c "[ \$(ip -n cnbb-n$i-$TAG route show proto bird | wc -l) -ge $((n - 1)) ]" ||
      { echo "node$i: mesh not converged" >&2; exit 1; }
  done
  for i in $(seq 1 "$n"); do
    ip netns exec "cnbb-n$i-$TAG" ip -ts monitor route > "$run/n$i/monitor.log" 2>&1 &
    PIDS+=($!)
  done
  sleep 1
  for k in $(seq 1 "$SAMPLES"); do
    i=$(( (k - 1) % n + 1 ))
    # Pods are added on node i until its daemon claims one more block (every few ADDs with /30 blocks).
    local before p=0
    before=$(grep -c "block ADDED" "$run/fake-kube.log" || true)
    while [ "$(grep -c "block ADDED" "$run/fake-kube.log")" -le "$before" ] && [ "$p" -lt 8 ]; do
      p=$((p + 1))
      local pod=cnbb-p$k-$p-$TAG
      newns "$pod"
      printf '{"cniVersion":"1.0.0","name":"bench","type":"cloudnet","socketPath":"%s","stateDir":"%s","logFile":"%s"}' "$run/n$i/ipamd.sock" "$run/n$i/state" "$run/n$i/cni.log" |
        ip netns exec "cnbb-n$i-$TAG" env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin CNI_COMMAND=ADD CNI_CONTAINERID="bench-$k-$p" \
          CNI_NETNS="/run/netns/$pod" CNI_IFNAME=eth0 CNI_PATH="$BIN" "$BIN/cloudnet" > /dev/null
      until_true 2 bash -c "[ \$(grep -c 'block ADDED' $run/fake-kube.log) -gt $before ]" || true
    done
    [ "$(grep -c "block ADDED" "$run/fake-kube.log")" -gt "$before" ] || { echo "sample $k: no claim after $p pods" >&2; continue; }
    local line block cidr
    line=$(grep "block ADDED" "$run/fake-kube.log" | tail -1)
    cidr=$(sed -E 's/.* cidr=([^ ]+) .*/\1/' <<<"$line")
    for m in $(seq 1 "$n"); do
      [ "$m" -eq "$i" ] && continue
      until_true 30 grep -q "] $cidr via .*proto bird" "$run/n$m/monitor.log" || {
        echo "sample $k: node$m never got $cidr" >&2
        if [ -n "${BENCH_DEBUG_DIR:-}" ]; then
          ip netns exec "cnbb-n$i-$TAG" birdc -s "$run/n$i/bird.ctl" show route all > "$run/n$i/routes-$k.txt" 2>&1 || true
          ip netns exec "cnbb-n$m-$TAG" birdc -s "$run/n$m/bird.ctl" show protocols all > "$run/n$m/protocols-$k.txt" 2>&1 || true
          rm -rf "$BENCH_DEBUG_DIR"; cp -r "$run" "$BENCH_DEBUG_DIR"
        fi
      }
    done
    echo "$line" >> "$run/claims.log"
    sleep 0.3
  done
  python3 - "$run" "$n" <<'PY'
import re, sys, glob, datetime, statistics
run, n = sys.argv[1], int(sys.argv[2])
def arrivals(path):
    # `ip -ts monitor route` lines: "[2026-11-28T22:48:51.241528] 10.244.1.4/30 via ... proto bird ..."
    seen = {}
    for line in open(path):
        m = re.match(r"\[([0-9T:.-]+)\] (\S+) via .*proto bird", line)
        if m and m.group(2) not in seen:
            seen[m.group(2)] = datetime.datetime.fromisoformat(m.group(1)).timestamp()
    return seen
nodes = {i: arrivals(f"{run}/n{i}/monitor.log") for i in range(1, n + 1)}
all_ms, one_ms = [], []
for line in open(f"{run}/claims.log"):
    cidr = re.search(r"cidr=(\S+)", line).group(1)
    owner = int(re.search(r"node=node(\d+)", line).group(1))
    t0 = float(re.search(r"at=([\d.]+)", line).group(1))
    got = [(nodes[m][cidr] - t0) * 1000 for m in nodes if m != owner and cidr in nodes[m]]
    if len(got) == n - 1:
        all_ms.append(max(got)); one_ms.extend(got)
def pct(v, p): v = sorted(v); return v[min(len(v) - 1, int(round(p / 100 * (len(v) - 1))))]
if all_ms:
    print(f"nodes={n:<3} samples={len(all_ms):<3} all-other-nodes ms: p50={pct(all_ms,50):7.1f} p90={pct(all_ms,90):7.1f} max={max(all_ms):7.1f}"
          f" | one node ms: p50={pct(one_ms,50):7.1f} p90={pct(one_ms,90):7.1f}")
else:
    print(f"nodes={n}: no complete sample")
PY
  stop_all
  for ns in "${NETNS[@]}"; do ip netns delete "$ns" 2>/dev/null || true; done
  NETNS=()
}

echo "claim -> route on the other nodes; $(date -u +%Y-%m-%dT%H:%MZ), $(nproc) cores, $(uname -r), $(bird --version 2>&1)"
for n in $NODE_COUNTS; do run "$n"; done
