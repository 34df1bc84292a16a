#!/usr/bin/env bash
# cloudnet demo: real pods (network namespaces) get addresses from cloudnet-ipamd through the
# published NativeAOT CNI binary, exchange packets, and are torn down without leaving anything.
#
#   sudo make demo                  # build, run, tear down
#   sudo make demo DEMO_ARGS=--keep # leave it running and print how to clean up
#
# Everything is private: the daemon runs on the local provider with a mktemp state directory, its
# own socket and free loopback ports; the CNI binary and conflist are installed into a private
# CNI directory; the node side lives in a namespace standing in for the host ("cndemo-node"), so
# the machine's own links, routes, rules and sysctls are never touched. Pods are attached exactly
# as a runtime does it: CNI_* variables, the conflist's plugins run in order with prevResult on
# ADD, in reverse with the ADD result on DEL (CNI spec section 3).
set -euo pipefail
cd "$(dirname "$0")/.."
REPO=$(pwd)

KEEP=0
for arg in "$@"; do
  case "$arg" in
    --keep) KEEP=1 ;;
    -h|--help) sed -n '2,14p' "$0"; exit 0 ;;
    *) echo "demo: unknown argument $arg (known: --keep)" >&2; exit 2 ;;
  esac
done

PODS=3
POOL=${DEMO_POOL:-10.244.250.0/28}
NODE_NS=cndemo-node
NODE_ADDR=10.255.253.1
NET=cloudnet-demo

bold() { printf '\033[1m%s\033[0m\n' "$*"; }
step() { printf '\n\033[1;34m==> %s\033[0m\n' "$*"; }
ok() { printf '    \033[32m✓\033[0m %s\n' "$*"; }
fail() { printf '    \033[31m✗ %s\033[0m\n' "$*" >&2; }

[ "$(id -u)" -eq 0 ] || { echo "demo: needs root (network namespaces, veths): sudo make demo" >&2; exit 1; }
for tool in ip ping jq curl; do
  command -v "$tool" >/dev/null || { echo "demo: $tool is missing (make deps installs it)" >&2; exit 1; }
done
for bin in cloudnet cloudnet-ipamd; do
  [ -x "$REPO/out/bin/$bin" ] || { echo "demo: out/bin/$bin is missing: run make build" >&2; exit 1; }
done
if ip netns list | grep -q '^cndemo-'; then
  echo "demo: namespaces from an earlier demo exist (ip netns list | grep cndemo-); run its cleanup first" >&2
  exit 1
fi

WORK=$(mktemp -d /tmp/cloudnet-demo.XXXXXX)
STATE=$WORK/state
SOCK=$WORK/ipamd.sock
CNI_BIN=$WORK/cni/bin
CNI_CONF=$WORK/cni/net.d
RESULTS=$WORK/results
mkdir -p "$STATE" "$CNI_BIN" "$CNI_CONF" "$RESULTS"

free_port() {
  local port
  while :; do
    port=$((20000 + RANDOM % 30000))
    ss -ltnH "sport = :$port" 2>/dev/null | grep -q . || { echo "$port"; return; }
  done
}
INTRO_PORT=$(free_port)
METRICS_PORT=$(free_port)
INTRO=http://127.0.0.1:$INTRO_PORT
DAEMON_PID=

cleanup() {
  local status=$?
  [ "$KEEP" -eq 1 ] && [ "$status" -eq 0 ] && return
  for i in $(seq 1 $PODS); do ip netns delete "cndemo-pod$i" 2>/dev/null || true; done
  ip netns delete "$NODE_NS" 2>/dev/null || true
  if [ -n "$DAEMON_PID" ] && kill -0 "$DAEMON_PID" 2>/dev/null; then
    kill "$DAEMON_PID" 2>/dev/null || true
    wait "$DAEMON_PID" 2>/dev/null || true
  fi
  rm -rf "$WORK"
  [ "$status" -eq 0 ] || echo "demo: failed (exit $status); everything it created was removed" >&2
}
trap cleanup EXIT

# --- the runtime side: a tiny libcni ------------------------------------------------------------
CONFLIST=$CNI_CONF/10-cloudnet.conflist

# cni_exec COMMAND CONTAINER NETNS PLUGIN_INDEX [PREV_RESULT_FILE] [RUNTIME_CONFIG_JSON]
cni_exec() {
  local command=$1 container=$2 netns=$3 index=$4 prev=${5:-} runtime=${6:-'{}'}
  local config type
  config=$(jq -c --argjson i "$index" --argjson rc "$runtime" --slurpfile prev <(if [ -n "$prev" ]; then cat "$prev"; else echo null; fi) '
      .plugins[$i] as $p
      | ($p | del(.capabilities)) + {name: .name, cniVersion: .cniVersion}
      | if ($p.capabilities // {}) != {} then .runtimeConfig = ($rc | with_entries(select($p.capabilities[.key] == true))) else . end
      | if $prev[0] != null then .prevResult = $prev[0] else . end' "$CONFLIST")
  type=$(jq -r --argjson i "$index" '.plugins[$i].type' "$CONFLIST")
  echo "$config" | env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin CNI_COMMAND="$command" CNI_CONTAINERID="$container" \
    CNI_NETNS="$netns" CNI_IFNAME=eth0 CNI_PATH="$CNI_BIN" \
    CNI_ARGS="IgnoreUnknown=1;K8S_POD_NAMESPACE=demo;K8S_POD_NAME=${container#demo-}" \
    ip netns exec "$NODE_NS" "$CNI_BIN/$type"
}

# cni_add CONTAINER NETNS RESULT_FILE RUNTIME_CONFIG: every plugin in order, each fed the last result.
cni_add() {
  local container=$1 netns=$2 out=$3 runtime=$4 n i prev=
  n=$(jq '.plugins | length' "$CONFLIST")
  for ((i = 0; i < n; i++)); do
    if ! cni_exec ADD "$container" "$netns" "$i" "$prev" "$runtime" > "$out.$i"; then
      fail "ADD $container: plugin $(jq -r ".plugins[$i].type" "$CONFLIST") failed: $(cat "$out.$i")"
      return 1
    fi
    prev=$out.$i
  done
  cp "$prev" "$out"
}

# cni_del CONTAINER NETNS RESULT_FILE: every plugin in reverse, each given the ADD result.
cni_del() {
  local container=$1 netns=$2 result=$3 n i out
  n=$(jq '.plugins | length' "$CONFLIST")
  for ((i = n - 1; i >= 0; i--)); do
    if ! out=$(cni_exec DEL "$container" "$netns" "$i" "$result"); then
      fail "DEL $container: plugin $(jq -r ".plugins[$i].type" "$CONFLIST") failed: $out"
      return 1
    fi
  done
}

# --- 1. daemon ------------------------------------------------------------------------------------
bold "cloudnet demo — work directory $WORK"
step "Starting cloudnet-ipamd (local provider, pool $POOL)"
CLOUDNET_PROVIDER=local CLOUDNET_POOL_CIDRS=$POOL CLOUDNET_STATE_DIR=$STATE CLOUDNET_SOCKET=$SOCK \
CLOUDNET_INTROSPECTION_ADDR=127.0.0.1:$INTRO_PORT CLOUDNET_METRICS_ADDR=127.0.0.1:$METRICS_PORT \
  "$REPO/out/bin/cloudnet-ipamd" > "$WORK/ipamd.log" 2>&1 &
DAEMON_PID=$!
for _ in $(seq 1 120); do
  curl -fsS "$INTRO/readyz" >/dev/null 2>&1 && break
  kill -0 "$DAEMON_PID" 2>/dev/null || { fail "daemon exited:"; tail -20 "$WORK/ipamd.log" >&2; exit 1; }
  sleep 0.5
done
curl -fsS "$INTRO/readyz" >/dev/null || { fail "daemon not ready after 60 s"; tail -20 "$WORK/ipamd.log" >&2; exit 1; }
ok "ready: pid $DAEMON_PID, socket $SOCK, introspection $INTRO"
ok "pool: $(curl -fsS "$INTRO/v1/pool" | jq -c '{total, available, assigned}')"

# --- 2. CNI directory -------------------------------------------------------------------------------
step "Installing the CNI binary and conflist into $WORK/cni"
cp "$REPO/out/bin/cloudnet" "$CNI_BIN/cloudnet"
ln -s /usr/lib/cni/portmap "$CNI_BIN/portmap"
cat > "$CONFLIST" <<EOF
{
  "cniVersion": "1.0.0",
  "name": "$NET",
  "plugins": [
    { "type": "cloudnet", "socketPath": "$SOCK", "stateDir": "$STATE", "logFile": "$WORK/cni.log", "logLevel": "info" },
    { "type": "portmap", "capabilities": { "portMappings": true } }
  ]
}
EOF
ok "$CNI_BIN: $(ls "$CNI_BIN" | tr '\n' ' ')"
ok "$CONFLIST (cloudnet → portmap)"

# --- 3. pods ----------------------------------------------------------------------------------------
step "Creating the node namespace ($NODE_NS, stands in for the host) and $PODS pods through the real binary"
ip netns add "$NODE_NS"
ip -n "$NODE_NS" link set lo up
ip -n "$NODE_NS" addr add "$NODE_ADDR/32" dev lo
declare -a ADDR HOSTIF
for i in $(seq 1 $PODS); do
  ip netns add "cndemo-pod$i"
  ip -n "cndemo-pod$i" link set lo up
  started=$EPOCHREALTIME
  cni_add "demo-pod$i" "/run/netns/cndemo-pod$i" "$RESULTS/pod$i.json" \
    "{\"portMappings\":[{\"hostPort\":$((8080 + i)),\"containerPort\":80,\"protocol\":\"tcp\"}]}"
  ms=$(awk -v a="$started" -v b="$EPOCHREALTIME" 'BEGIN { printf "%.0f", (b - a) * 1000 }')
  ADDR[$i]=$(jq -r '.ips[0].address | split("/")[0]' "$RESULTS/pod$i.json")
  HOSTIF[$i]=$(jq -r '[.interfaces[] | select(.sandbox == null or .sandbox == "")][0].name' "$RESULTS/pod$i.json")
  ok "demo-pod$i: ADD through cloudnet + portmap in ${ms} ms"
done

echo
printf '    %-12s %-16s %-17s %-14s %s\n' POD ADDRESS "HOST INTERFACE" "HOST PORT" NETNS
for i in $(seq 1 $PODS); do
  printf '    %-12s %-16s %-17s %-14s %s\n' "demo-pod$i" "${ADDR[$i]}" "${HOSTIF[$i]}" "$((8080 + i))->80" "/run/netns/cndemo-pod$i"
done
echo
ok "daemon allocations: $(curl -fsS "$INTRO/v1/allocations" | jq -r '[.[] | "\(.containerId)=\(.address)"] | join(", ")')"

# --- 4. traffic -------------------------------------------------------------------------------------
step "Connectivity with real packets"
pass=0; total=0
ping_check() {
  local from=$1 label=$2 to=$3
  total=$((total + 1))
  if ip netns exec "$from" ping -c 2 -i 0.2 -W 2 -q "$to" >/dev/null 2>&1; then
    ok "$label → $to"
    pass=$((pass + 1))
  else
    fail "$label → $to: no reply"
  fi
}
for i in $(seq 1 $PODS); do ping_check "$NODE_NS" "node ($NODE_ADDR)" "${ADDR[$i]}"; done
for i in $(seq 1 $PODS); do
  j=$(( i % PODS + 1 ))
  ping_check "cndemo-pod$i" "demo-pod$i (${ADDR[$i]})" "${ADDR[$j]}"
done
ping_check "cndemo-pod1" "demo-pod1 (${ADDR[1]})" "$NODE_ADDR"
[ "$pass" -eq "$total" ] || { fail "$((total - pass)) of $total pings failed"; exit 1; }

if [ "$KEEP" -eq 1 ]; then
  cat > "$WORK/cleanup.sh" <<EOF
#!/usr/bin/env bash
# Tears down the cloudnet demo started from $REPO.
set -u
CONFLIST=$CONFLIST
$(declare -f cni_exec cni_del fail)
NODE_NS=$NODE_NS CNI_BIN=$CNI_BIN
for i in \$(seq 1 $PODS); do cni_del "demo-pod\$i" "/run/netns/cndemo-pod\$i" "$RESULTS/pod\$i.json"; ip netns delete "cndemo-pod\$i"; done
ip netns delete "$NODE_NS"
kill $DAEMON_PID
while kill -0 $DAEMON_PID 2>/dev/null; do sleep 0.2; done   # it writes its checkpoint on the way out
rm -rf "$WORK"
echo "cloudnet demo removed"
EOF
  chmod +x "$WORK/cleanup.sh"
  step "Kept running (--keep)"
  echo "    daemon pid $DAEMON_PID; introspection: curl $INTRO/v1/allocations"
  echo "    try:  ip netns exec cndemo-pod1 ping ${ADDR[2]}"
  echo "          ip -n $NODE_NS route; ip -n $NODE_NS link"
  echo "    clean up with:  sudo $WORK/cleanup.sh"
  exit 0
fi

# --- 5. teardown ------------------------------------------------------------------------------------
step "Tearing down through the binary (DEL, plugins in reverse order)"
for i in $(seq 1 $PODS); do
  cni_del "demo-pod$i" "/run/netns/cndemo-pod$i" "$RESULTS/pod$i.json"
  ok "demo-pod$i: DEL"
done
cni_del "demo-pod1" "/run/netns/cndemo-pod1" "$RESULTS/pod1.json" && ok "demo-pod1: DEL again (idempotent)"

step "Checking that nothing is left behind"
leftovers=0
check_empty() {
  local what=$1 value=$2
  if [ -z "$value" ]; then ok "$what: none"; else fail "$what: $value"; leftovers=1; fi
}
check_empty "allocations in the daemon" "$(curl -fsS "$INTRO/v1/allocations" | jq -r '.[] | "\(.containerId)=\(.address)"')"
check_empty "links on the node besides lo" "$(ip -n "$NODE_NS" -o link show | grep -v ' lo:' || true)"
check_empty "pod routes on the node" "$(ip -n "$NODE_NS" route show table all | grep -F "${POOL%.*}." || true)"
check_empty "pod rules on the node" "$(ip -n "$NODE_NS" rule show | grep -E '^(512|1536):' || true)"
for i in $(seq 1 $PODS); do
  check_empty "interfaces in demo-pod$i besides lo" "$(ip -n "cndemo-pod$i" -o link show | grep -v ' lo:' || true)"
done
kill "$DAEMON_PID"; wait "$DAEMON_PID" 2>/dev/null || true
DAEMON_PID=
ok "daemon stopped"
for i in $(seq 1 $PODS); do ip netns delete "cndemo-pod$i"; done
ip netns delete "$NODE_NS"
check_empty "demo namespaces" "$(ip netns list | grep '^cndemo-' || true)"
[ "$leftovers" -eq 0 ] || exit 1
bold "demo complete: $PODS pods wired, $pass/$total pings answered, nothing left behind"
