#!/usr/bin/env bash
# One churn worker, run inside the node namespace: ADD or DEL a range of pods through one CNI
# plugin, timing each plugin execution with bash's EPOCHREALTIME (no fork for the clock).
# Usage: worker.sh ADD|DEL PLUGIN_BINARY CONFIG_FILE FIRST LAST OUT_FILE PREFIX
set -uo pipefail
command=$1 binary=$2 config=$3 first=$4 last=$5 out=$6 prefix=$7
: > "$out"
for ((i = first; i <= last; i++)); do
  start=$EPOCHREALTIME
  CNI_COMMAND=$command CNI_CONTAINERID="$prefix$i" CNI_NETNS="/run/netns/cnbench-pod$i" CNI_IFNAME=eth0 \
    CNI_PATH=/usr/lib/cni "$binary" < "$config" > "$out.last" 2>> "$out.err"
  rc=$?
  end=$EPOCHREALTIME
  if [ $rc -ne 0 ]; then
    echo "FAIL $command $prefix$i: $(cat "$out.last")" >> "$out.err"
  fi
  echo "$start $end $rc" >> "$out"
done
