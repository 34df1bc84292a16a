#!/usr/bin/env bash
# CNI churn benchmark: N pods ADD then DEL, sequentially and P at a time, through cloudnet (the
# published AOT binary + cloudnet-ipamd on the local provider) and, in the same invocation and on
# the same machine, through the reference ptp + host-local plugins from /usr/lib/cni.
# Reports p50/p90/p99 of ADD and DEL (milliseconds, per plugin execution) and pods/s
# (N / (ADD phase + DEL phase wall time)). Numbers only; never fails on timing.
#
# With -m a second daemon keeps its state on tmpfs (/dev/shm), where fsync is free: the extra
# "cloudnet, state on tmpfs" rows separate the checkpoint's durability cost from everything else.
#
# Usage: bench/cni-churn/churn.sh [-n PODS] [-p PARALLEL] [-o RESULTS_MD] [-m] [-b BIN_DIR]
# BIN_DIR holds the published cloudnet and cloudnet-ipamd (default out/bin; e.g. a private dotnet publish -o).
set -euo pipefail
cd "$(dirname "$0")/../.."
REPO=$(pwd)
HERE=$REPO/bench/cni-churn
N=100 P=4 OUT=$HERE/results.md TMPFS=0 BIN=$REPO/out/bin
while getopts "n:p:o:mb:" opt; do
  case $opt in
    n) N=$OPTARG ;; p) P=$OPTARG ;; o) OUT=$OPTARG ;; m) TMPFS=1 ;; b) BIN=$(cd "$OPTARG" && pwd) ;;
    *) sed -n '2,10p' "$0"; exit 2 ;;
  esac
done
[ "$(id -u)" -eq 0 ] || { echo "churn: needs root" >&2; exit 1; }
for f in "$BIN/cloudnet" "$BIN/cloudnet-ipamd" /usr/lib/cni/ptp /usr/lib/cni/host-local; do
  [ -x "$f" ] || { echo "churn: $f missing (make build / make deps, or -b BIN_DIR)" >&2; exit 1; }
done

WORK=$(mktemp -d /tmp/cloudnet-churn.XXXXXX)
SHM=
NODE=cnbench-node
DAEMON_PIDS=()
cleanup() {
  for ((i = 0; i < N + 8; i++)); do ip netns delete "cnbench-pod$i" 2>/dev/null || true; done
  ip netns delete "$NODE" 2>/dev/null || true
  for pid in "${DAEMON_PIDS[@]}"; do kill "$pid" 2>/dev/null && wait "$pid" 2>/dev/null; done
  rm -rf "$WORK" ${SHM:+"$SHM"}
}
trap cleanup EXIT

port() { echo $((20000 + RANDOM % 30000)); }
# start_daemon STATE_DIR SOCKET POOL -> introspection address on stdout
start_daemon() {
  local intro=127.0.0.1:$(port)
  CLOUDNET_PROVIDER=local CLOUDNET_POOL_CIDRS=$3 CLOUDNET_STATE_DIR=$1 CLOUDNET_SOCKET=$2 \
  CLOUDNET_INTROSPECTION_ADDR=$intro CLOUDNET_METRICS_ADDR=127.0.0.1:$(port) CLOUDNET_LOG_LEVEL=warning \
    "$BIN/cloudnet-ipamd" > "$1.log" 2>&1 &
  DAEMON_PIDS+=($!)
  for _ in $(seq 1 120); do curl -fsS "http://$intro/readyz" >/dev/null 2>&1 && break; sleep 0.5; done
  curl -fsS "http://$intro/readyz" >/dev/null || { echo "churn: daemon not ready" >&2; tail "$1.log" >&2; exit 1; }
  INTRO=$intro
}
start_daemon "$WORK/state" "$WORK/ipamd.sock" 10.246.0.0/22
INTRO_DISK=$INTRO
if [ "$TMPFS" -eq 1 ]; then
  SHM=$(mktemp -d /dev/shm/cloudnet-churn.XXXXXX)
  start_daemon "$SHM/state" "$WORK/ipamd-tmpfs.sock" 10.248.0.0/22
  INTRO_TMPFS=$INTRO
  cat > "$WORK/cloudnet-tmpfs.json" <<JSON
{"cniVersion":"1.0.0","name":"churntmpfs","type":"cloudnet","socketPath":"$WORK/ipamd-tmpfs.sock","stateDir":"$SHM/state","logLevel":"warning"}
JSON
fi

ip netns add "$NODE"
ip -n "$NODE" link set lo up
for ((i = 0; i < N + 8; i++)); do ip netns add "cnbench-pod$i"; ip -n "cnbench-pod$i" link set lo up; done

cat > "$WORK/cloudnet.json" <<JSON
{"cniVersion":"1.0.0","name":"churn","type":"cloudnet","socketPath":"$WORK/ipamd.sock","stateDir":"$WORK/state","logLevel":"warning"}
JSON
cat > "$WORK/ptp.json" <<JSON
{"cniVersion":"1.0.0","name":"churnref","type":"ptp","ipMasq":false,"mtu":1500,
 "ipam":{"type":"host-local","subnet":"10.247.0.0/22","routes":[{"dst":"0.0.0.0/0"}],"dataDir":"$WORK/host-local"}}
JSON

# phase PLUGIN CONFIG ADD|DEL PARALLEL FIRST LAST TAG -> prints wall seconds; per-call lines in $WORK/TAG.*
phase() {
  local binary=$1 config=$2 command=$3 par=$4 first=$5 last=$6 tag=$7 per start end w lo hi pids=()
  per=$(( (last - first + par) / par ))
  start=$EPOCHREALTIME
  for ((w = 0; w < par; w++)); do
    lo=$((first + w * per)); hi=$((lo + per - 1)); [ $hi -gt $last ] && hi=$last
    [ $lo -le $last ] || continue
    ip netns exec "$NODE" "$HERE/worker.sh" "$command" "$binary" "$config" $lo $hi "$WORK/$tag.$command.$w" "$tag-" &
    pids+=($!)
  done
  wait "${pids[@]}"   # only the workers: a bare wait would wait for the daemon too
  end=$EPOCHREALTIME
  awk -v a="$start" -v b="$end" 'BEGIN { printf "%.3f", b - a }'
}

# stats FILES... -> "p50 p90 p99 failures" in ms (nearest-rank percentiles)
stats() {
  cat "$@" | awk '{ printf "%.3f %d\n", ($2 - $1) * 1000, $3 }' | sort -n | awk '
    function rank(p,   r) { r = int(p * NR + 0.999999); return r < 1 ? 1 : (r > NR ? NR : r) }
    { v[NR] = $1; if ($2 != 0) f++ }
    END { printf "%.1f %.1f %.1f %d\n", v[rank(0.5)], v[rank(0.9)], v[rank(0.99)], f + 0 }'
}

declare -A RES
run() { # run NAME BINARY CONFIG PARALLEL
  local name=$1 binary=$2 config=$3 par=$4 tag="$1-p$4" addwall delwall
  # Warm-up (not measured): first calls page the binaries in and warm the daemon.
  phase "$binary" "$config" ADD 1 $N $((N + 3)) "warm$tag" >/dev/null
  phase "$binary" "$config" DEL 1 $N $((N + 3)) "warm$tag" >/dev/null
  addwall=$(phase "$binary" "$config" ADD "$par" 0 $((N - 1)) "$tag")
  delwall=$(phase "$binary" "$config" DEL "$par" 0 $((N - 1)) "$tag")
  RES[$tag.add]=$(stats "$WORK/$tag.ADD".?)
  RES[$tag.del]=$(stats "$WORK/$tag.DEL".?)
  RES[$tag.pps]=$(awk -v n="$N" -v a="$addwall" -v d="$delwall" 'BEGIN { printf "%.1f", n / (a + d) }')
  if cat "$WORK/$tag".*.err 2>/dev/null | grep -q FAIL; then
    echo "churn: failures in $tag:" >&2; grep -h FAIL "$WORK/$tag".*.err | head -5 >&2
  fi
}

echo "churn: N=$N, parallel=$P; pods are namespaces created beforehand; the node is namespace $NODE"
PARS=(1); [ "$P" -ne 1 ] && PARS+=("$P")
NAMES=(reference cloudnet)
[ "$TMPFS" -eq 1 ] && NAMES+=(cloudnet-tmpfs)
for par in "${PARS[@]}"; do
  run reference /usr/lib/cni/ptp "$WORK/ptp.json" "$par"
  run cloudnet "$BIN/cloudnet" "$WORK/cloudnet.json" "$par"
  [ "$TMPFS" -eq 1 ] && run cloudnet-tmpfs "$BIN/cloudnet" "$WORK/cloudnet-tmpfs.json" "$par"
done

for intro in "$INTRO_DISK" ${INTRO_TMPFS:-}; do
  left=$(curl -fsS "http://$intro/v1/allocations")
  [ "$left" = "[]" ] || echo "churn: allocations left behind: $left" >&2
done

{
  echo "### CNI churn, $(date -u +%Y-%m-%dT%H:%MZ), $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), kernel $(uname -r)"
  echo
  echo "N=$N pods; ADD then DEL; binaries from $BIN; latency per plugin execution in ms; reference = /usr/lib/cni/ptp + host-local ($(dpkg-query -W -f '${Version}' containernetworking-plugins 2>/dev/null))."
  echo
  echo "| run | ADD p50 | ADD p90 | ADD p99 | DEL p50 | DEL p90 | DEL p99 | pods/s | failures |"
  echo "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"
  for par in "${PARS[@]}"; do
    for name in "${NAMES[@]}"; do
      read -r a50 a90 a99 af <<< "${RES[$name-p$par.add]}"
      read -r d50 d90 d99 df <<< "${RES[$name-p$par.del]}"
      label=$name; [ "$name" = cloudnet-tmpfs ] && label="cloudnet, daemon state on tmpfs"
      echo "| $label, $par at a time | $a50 | $a90 | $a99 | $d50 | $d90 | $d99 | ${RES[$name-p$par.pps]} | $((af + df)) |"
    done
  done
  for par in "${PARS[@]}"; do
    read -r ra _ _ _ <<< "${RES[reference-p$par.add]}"; read -r ca _ _ _ <<< "${RES[cloudnet-p$par.add]}"
    read -r rd _ _ _ <<< "${RES[reference-p$par.del]}"; read -r cd _ _ _ <<< "${RES[cloudnet-p$par.del]}"
    awk -v par="$par" -v ra="$ra" -v ca="$ca" -v rd="$rd" -v cd="$cd" -v rp="${RES[reference-p$par.pps]}" -v cp="${RES[cloudnet-p$par.pps]}" \
      'BEGIN { printf "\n%d at a time: ADD p50 %.2fx the reference (target <= 0.7), DEL p50 %.2fx (target <= 1.0), pods/s %.2fx (target >= 1.2 at 4)\n", par, ca/ra, cd/rd, cp/rp }'
    if [ "$TMPFS" -eq 1 ]; then
      read -r ta _ _ _ <<< "${RES[cloudnet-tmpfs-p$par.add]}"; read -r td _ _ _ <<< "${RES[cloudnet-tmpfs-p$par.del]}"
      awk -v par="$par" -v ra="$ra" -v ta="$ta" -v rd="$rd" -v td="$td" -v rp="${RES[reference-p$par.pps]}" -v tp="${RES[cloudnet-tmpfs-p$par.pps]}" \
        'BEGIN { printf "%d at a time, daemon state on tmpfs: ADD p50 %.2fx, DEL p50 %.2fx, pods/s %.2fx\n", par, ta/ra, td/rd, tp/rp }'
    fi
  done
} | tee -a "$OUT"
echo
echo "churn: results appended to $OUT"
