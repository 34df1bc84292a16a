#!/usr/bin/env bash
# End-to-end test of the bare-metal provider (make e2e-bgp; run as root by scripts/run-tests.sh).
#
# Three "nodes" are network namespaces whose eth0 hangs on a bridge that lives in a namespace of its
# own (nothing touches the host's links or routes). Each node runs the published cloudnet-ipamd with
# CLOUDNET_PROVIDER=baremetal (blocks from local configuration) and its own bird2 (config, control
# socket and pid file in this run's temp directory), in a full iBGP mesh. Pods (namespaces) are made
# on every node by the real CNI binary run inside the node namespace. Then:
#   1. BGP:    every pod pings every other pod (matrix printed) over BGP-learned routes; stopping one
#              node's BIRD withdraws its blocks from the other nodes (asserted).
#   2. static: the same topology without BGP: the daemons route to each other's blocks directly.
# Exits non-zero on any failure; bounded (a watchdog ends it after 280 s); a trap removes every
# process, namespace and file it created, on success and on failure.
set -euo pipefail

REPO=$(cd "$(dirname "$0")/.." && pwd)
BIN=${CLOUDNET_E2E_BIN:-$REPO/out/bin}   # override to try binaries published elsewhere
IPAMD=$BIN/cloudnet-ipamd
CNI=$BIN/cloudnet
NODES=3
PODS_PER_NODE=2
POOL=10.244.0.0/16
TAG=$$
WORK=$(mktemp -d /tmp/cloudnet-e2e-bgp.XXXXXX)
NETNS_CREATED=()
PIDS=()
FAILURES=0

say() { printf '\n== [%3ss] %s\n' "$SECONDS" "$*"; }
ok() { printf '   ok   %s\n' "$*"; }
bad() { printf '   FAIL %s\n' "$*" >&2; FAILURES=$((FAILURES + 1)); }
die() { printf 'e2e-bgp: %s\n' "$*" >&2; exit 1; }

cleanup() {
  local status=$?
  trap - EXIT INT TERM
  [ -n "${WATCHDOG:-}" ] && kill "$WATCHDOG" 2>/dev/null || true
  stop_all
  for ns in "${NETNS_CREATED[@]}"; do ip netns delete "$ns" 2>/dev/null || true; done
  rm -rf "$WORK"
  if [ "$status" -ne 0 ]; then echo "e2e-bgp: FAILED (exit $status); everything it created was removed" >&2; fi
  exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'echo "e2e-bgp: time limit reached" >&2; exit 124' TERM
# The watchdog holds no output pipe and ends by itself within a second of this script.
( exec >/dev/null 2>&1; for _ in $(seq 1 280); do sleep 1; kill -0 $$ || exit 0; done; kill -TERM $$ ) &
WATCHDOG=$!

[ "$(id -u)" -eq 0 ] || die "needs root (network namespaces, routes, bird)"
for tool in bird ping ip; do command -v "$tool" >/dev/null || die "missing $tool (make deps installs it)"; done
[ -x "$IPAMD" ] && [ -x "$CNI" ] || die "missing $IPAMD or $CNI: run make build (make test builds first)"

# Stops every daemon and BIRD of this run (by the pids we started, never by name).
stop_all() {
  local pid
  for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
  for f in "$WORK"/*/bird.pid; do [ -f "$f" ] && kill "$(cat "$f")" 2>/dev/null || true; done
  for _ in $(seq 1 50); do
    local alive=0
    for pid in "${PIDS[@]}"; do kill -0 "$pid" 2>/dev/null && alive=1; done
    [ "$alive" -eq 0 ] && break
    sleep 0.1
  done
  for pid in "${PIDS[@]}"; do kill -9 "$pid" 2>/dev/null || true; done
  PIDS=()
}

newns() { ip netns add "$1"; NETNS_CREATED+=("$1"); ip -n "$1" link set lo up; }
node_ns() { echo "cnbgp-n$1-$TAG"; }
pod_ns() { echo "cnbgp-p$1$2-$TAG"; }
node_addr() { echo "198.18.0.$1"; }
node_blocks() { echo "10.244.$1.0/25"; }

# until TIMEOUT_SECONDS COMMAND...: polls (0.2 s) until the command succeeds.
until_true() {
  local deadline=$((SECONDS + $1)); shift
  until "$@"; do [ "$SECONDS" -lt "$deadline" ] || return 1; sleep 0.2; done
}

# The topology: a bridge namespace and one namespace per node with eth0 on the bridge.
build_topology() {
  BRIDGE_NS=cnbgp-br-$TAG
  newns "$BRIDGE_NS"
  ip -n "$BRIDGE_NS" link add br0 type bridge
  ip -n "$BRIDGE_NS" link set br0 up
  for i in $(seq 1 $NODES); do
    local ns; ns=$(node_ns "$i")
    newns "$ns"
    ip -n "$BRIDGE_NS" link add "n$i" type veth peer name eth0 netns "$ns"
    ip -n "$BRIDGE_NS" link set "n$i" master br0 up
    ip -n "$ns" addr add "$(node_addr "$i")/24" dev eth0
    ip -n "$ns" link set eth0 up
    # A node forwards between its pods and the network (a real node has this on).
    ip netns exec "$ns" sysctl -qw net.ipv4.ip_forward=1
    mkdir -p "$WORK/n$i"
  done
}

# start_node I MODE: the daemon of node I (MODE: bgp or static).
start_node() {
  local i=$1 mode=$2 ns dir peers="" routes="" j
  ns=$(node_ns "$i"); dir=$WORK/n$i
  for j in $(seq 1 $NODES); do
    [ "$j" -eq "$i" ] && continue
    peers+="${peers:+,}$(node_addr "$j")"
    routes+="${routes:+,}$(node_blocks "$j")=$(node_addr "$j")"
  done
  ip netns exec "$ns" env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin \
    CLOUDNET_PROVIDER=baremetal CLOUDNET_STATE_DIR="$dir/state" CLOUDNET_SOCKET="$dir/ipamd.sock" \
    CLOUDNET_INTROSPECTION_ADDR=127.0.0.1:61679 CLOUDNET_METRICS_ADDR=127.0.0.1:61678 \
    CLOUDNET_BAREMETAL_NODE_NAME="node$i" CLOUDNET_BAREMETAL_NODE_ADDRESS="$(node_addr "$i")" \
    CLOUDNET_BAREMETAL_CLAIM_MODE=local CLOUDNET_BAREMETAL_POOL_CIDRS=$POOL CLOUDNET_BAREMETAL_BLOCKS="$(node_blocks "$i")" \
    CLOUDNET_BAREMETAL_ROUTING="$mode" CLOUDNET_BAREMETAL_BGP_PEERS="$peers" CLOUDNET_BAREMETAL_STATIC_ROUTES="$routes" \
    CLOUDNET_BAREMETAL_BIRD_CONFIG="$dir/bird.conf" CLOUDNET_BAREMETAL_BIRD_SOCKET="$dir/bird.ctl" \
    CLOUDNET_BAREMETAL_BGP_STATUS_INTERVAL=2s \
    "$IPAMD" > "$dir/ipamd.log" 2>&1 &
  PIDS+=($!)
}

# start_bird I: node I's BIRD, once its daemon has written the configuration.
start_bird() {
  local i=$1 dir=$WORK/n$1
  until_true 60 test -s "$dir/bird.conf" || { tail -20 "$dir/ipamd.log" >&2; die "node$i: daemon wrote no BIRD configuration"; }
  ip netns exec "$(node_ns "$i")" bird -c "$dir/bird.conf" -s "$dir/bird.ctl" -P "$dir/bird.pid"
}

# http_get NODE PATH: GET on the node's introspection listener (bash's /dev/tcp: no curl needed).
http_get() {
  ip netns exec "$(node_ns "$1")" bash -c 'exec 3<>/dev/tcp/127.0.0.1/61679 && printf "GET %s HTTP/1.0\r\nHost: localhost\r\n\r\n" "$0" >&3 && cat <&3' "$2" 2>/dev/null
}
ready() { http_get "$1" /readyz | head -1 | grep -q " 200 "; }
# metric NODE NAME: the value of an unlabelled Prometheus sample on the node's metrics listener.
metric() {
  ip netns exec "$(node_ns "$1")" bash -c 'exec 3<>/dev/tcp/127.0.0.1/61678 && printf "GET /metrics HTTP/1.0\r\nHost: localhost\r\n\r\n" >&3 && cat <&3' 2>/dev/null |
    awk -v n="$2" '$1 == n {print $2}'
}

wait_ready() {
  for i in $(seq 1 $NODES); do
    until_true 90 ready "$i" || { tail -30 "$WORK/n$i/ipamd.log" >&2; die "node$i: daemon not ready"; }
    ok "node$i ($(node_addr "$i")): cloudnet-ipamd ready, blocks $(ip -n "$(node_ns "$i")" route show type blackhole | awk '{print $2}' | tr '\n' ' ')"
  done
}

# cni ADD|DEL NODE POD: the real binary, run in the node's namespace exactly as a runtime would.
cni() {
  local command=$1 i=$2 j=$3 dir=$WORK/n$2
  printf '{"cniVersion":"1.0.0","name":"cnbgp","type":"cloudnet","socketPath":"%s","stateDir":"%s","logFile":"%s","logLevel":"info"}' \
    "$dir/ipamd.sock" "$dir/state" "$dir/cni.log" |
    ip netns exec "$(node_ns "$i")" env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin CNI_COMMAND="$command" \
      CNI_CONTAINERID="e2e-$i-$j-$TAG" CNI_NETNS="/run/netns/$(pod_ns "$i" "$j")" CNI_IFNAME=eth0 CNI_PATH="$BIN" \
      CNI_ARGS="IgnoreUnknown=1;K8S_POD_NAMESPACE=e2e;K8S_POD_NAME=pod$i$j" "$CNI"
}

declare -A POD_IP
make_pods() {
  for i in $(seq 1 $NODES); do
    for j in $(seq 1 $PODS_PER_NODE); do
      newns "$(pod_ns "$i" "$j")"
      local result
      result=$(cni ADD "$i" "$j") || die "CNI ADD pod$i$j on node$i failed: $result"
      POD_IP[$i$j]=$(grep -o '"address" *: *"[0-9.]*/' <<<"$result" | head -1 | grep -o '[0-9][0-9.]*')
      [ -n "${POD_IP[$i$j]}" ] || die "CNI ADD pod$i$j: no address in the result: $result"
      ok "pod$i$j on node$i: ${POD_IP[$i$j]}"
    done
  done
}

delete_pods() {
  for i in $(seq 1 $NODES); do
    for j in $(seq 1 $PODS_PER_NODE); do cni DEL "$i" "$j" >/dev/null || bad "CNI DEL pod$i$j"; done
  done
}

# The node has a route (other than our blackholes) for every other node's pods.
has_routes_to_others() {
  local i=$1 proto=$2 j
  for j in $(seq 1 $NODES); do
    [ "$j" -eq "$i" ] && continue
    ip -n "$(node_ns "$i")" route show proto "$proto" | grep -Eq "^10\.244\.$j\.0/2[56] via $(node_addr "$j") " || return 1
  done
}

ping_matrix() {
  local label=$1 src dst ok_count=0 total=0 line
  printf '\n   %-8s' "$label"
  local keys; keys=$(printf '%s\n' "${!POD_IP[@]}" | sort)
  for dst in $keys; do printf ' %-6s' "pod$dst"; done
  printf '\n'
  for src in $keys; do
    line=$(printf '   %-8s' "pod$src")
    for dst in $keys; do
      if [ "$src" = "$dst" ]; then line+=$(printf ' %-6s' '-'); continue; fi
      total=$((total + 1))
      if ip netns exec "$(pod_ns "${src:0:1}" "${src:1:1}")" ping -c 1 -W 2 -q "${POD_IP[$dst]}" >/dev/null 2>&1; then
        line+=$(printf ' %-6s' ok); ok_count=$((ok_count + 1))
      else
        line+=$(printf ' %-6s' FAIL)
      fi
    done
    echo "$line"
  done
  if [ "$ok_count" -eq "$total" ]; then ok "$label: $ok_count/$total pod pairs reached each other"; else bad "$label: only $ok_count/$total pod pairs reached each other"; fi
}

teardown_phase() {
  delete_pods
  stop_all
  for ns in "${NETNS_CREATED[@]}"; do ip netns delete "$ns" 2>/dev/null || true; done
  NETNS_CREATED=()
  rm -rf "${WORK:?}"/n*
  POD_IP=()
}

# --- phase 1: BGP ----------------------------------------------------------------------------------
say "phase 1: BGP — $NODES nodes on a bridge, cloudnet-ipamd + bird2 each, full iBGP mesh (work dir $WORK)"
build_topology
for i in $(seq 1 $NODES); do start_node "$i" bgp; done
for i in $(seq 1 $NODES); do start_bird "$i"; done
wait_ready
make_pods
for i in $(seq 1 $NODES); do
  if until_true 60 has_routes_to_others "$i" bird; then
    ok "node$i learned over BGP: $(ip -n "$(node_ns "$i")" route show proto bird | awk '{print $1 " via " $3}' | paste -sd, -)"
  else
    bad "node$i did not learn the other nodes' blocks over BGP"
    ip netns exec "$(node_ns "$i")" birdc -s "$WORK/n$i/bird.ctl" show protocols >&2 || true
  fi
done
sessions() { http_get 1 /v1/bgp | grep -o '"name":"peer_[^"]*"[^}]*"sessionState":"[^"]*"' | sed -E 's/"name":"([^"]*)".*"sessionState":"([^"]*)"/\1=\2/'; }
established() { [ "$(sessions | grep -c '=Established')" -eq $((NODES - 1)) ]; }
if until_true 20 established; then
  ok "node1 /v1/bgp: $(sessions | paste -sd' ' -)"
else
  bad "node1 /v1/bgp does not report $((NODES - 1)) established sessions: $(sessions | paste -sd' ' -)"
fi
metrics_established() { [ "$(metric 1 cloudnet_bgp_sessions_established)" = "$((NODES - 1))" ]; }
if until_true 30 metrics_established; then
  ok "node1 /metrics: cloudnet_bgp_sessions_established $(metric 1 cloudnet_bgp_sessions_established), cloudnet_bgp_bird_up $(metric 1 cloudnet_bgp_bird_up)"
else
  bad "node1 /metrics does not report $((NODES - 1)) established sessions (cloudnet_bgp_sessions_established=$(metric 1 cloudnet_bgp_sessions_established))"
fi
ping_matrix "BGP"

say "stopping node3's BIRD: its blocks must be withdrawn from node1 and node2"
kill "$(cat "$WORK/n3/bird.pid")"
for i in 1 2; do
  if until_true 30 bash -c "! ip -n $(node_ns "$i") route show proto bird | grep -q '^10\.244\.3\.'"; then
    ok "node$i: no route to node3's blocks any more ($(ip -n "$(node_ns "$i")" route show proto bird | awk '{print $1}' | paste -sd, -))"
  else
    bad "node$i still routes node3's blocks: $(ip -n "$(node_ns "$i")" route show proto bird | grep '^10\.244\.3\.' | paste -sd, -)"
  fi
done
if ip netns exec "$(pod_ns 1 1)" ping -c 1 -W 1 -q "${POD_IP[31]}" >/dev/null 2>&1; then
  bad "pod11 still reaches pod31 on node3 without a route"
else
  ok "pod11 no longer reaches pod31 (node3 withdrawn)"
fi
teardown_phase

# --- phase 2: static routes -----------------------------------------------------------------------
say "phase 2: static routes — the same topology without BGP"
build_topology
for i in $(seq 1 $NODES); do start_node "$i" static; done
wait_ready
make_pods
for i in $(seq 1 $NODES); do
  if until_true 30 has_routes_to_others "$i" 206; then
    ok "node$i static routes: $(ip -n "$(node_ns "$i")" route show proto 206 | grep via | awk '{print $1 " via " $3}' | paste -sd, -)"
  else
    bad "node$i has no static routes to the other nodes' blocks"
  fi
done
ping_matrix "static"
teardown_phase

echo
if [ "$FAILURES" -gt 0 ]; then
  echo "e2e-bgp: $FAILURES check(s) failed"
  exit 1
fi
echo "e2e-bgp: all checks passed"
