#!/usr/bin/env bash
# Benchmarks (`sudo make bench`, after make build): the CNI churn benchmark against the reference
# ptp + host-local plugins. Arguments go to bench/cni-churn/churn.sh (-n PODS, -p PARALLEL, -o FILE).
# Prints numbers; never fails on timing.
set -euo pipefail
cd "$(dirname "$0")/.."
exec bench/cni-churn/churn.sh "$@"
