#!/usr/bin/env bash
# Witnesses per minute of the G2-item at SERIALIZABLE, per workload shape:
# runs `isocheck run` (a throwaway server each time) for every shape below,
# checks the history against serializable and prints one row per run with
# the committed transactions, the G2-item count and the rate, plus the
# machine's load average before and after (the rate depends on it).
#
#   bench/witness_rate.sh [SECONDS] [SEEDS...]     default: 180 s, seed 1
#
# A shape is "keys writes-per-key ops distribution clients"; edit SHAPES to
# try others. Needs build/isocheck (scripts/build.sh).
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-180}
shift || true
seeds=("${@:-1}")
SHAPES=(
  "4 4 4 hotspot 20"   # the hot fresh-key cell of isocheck verify
  "4 2 4 hotspot 20"   # keys retired after two writes: more fresh keys
  "2 2 4 hotspot 20"   # two keys in play
  "4 4 2 hotspot 20"   # shorter transactions
  "4 4 4 hotspot 40"   # more clients
  "4 3 3 hotspot 20"
  "8 32 4 uniform 10"  # the standard verify shape
)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
printf '%-22s %5s %6s %10s %9s %10s %s\n' shape seed secs committed G2-item per-min "load before/after"
for seed in "${seeds[@]}"; do
  for shape in "${SHAPES[@]}"; do
    read -r keys writes ops dist clients <<<"$shape"
    before=$(cut -d' ' -f1 /proc/loadavg)
    ./build/isocheck run --isolation serializable --workload list-append --keys "$keys" \
      --max-writes-per-key "$writes" --max-ops "$ops" --distribution "$dist" --clients "$clients" \
      --duration "${seconds}s" --seed "$seed" --quiet --out "$work/h.pb" >"$work/run.txt" 2>&1 || true
    after=$(cut -d' ' -f1 /proc/loadavg)
    committed=$(sed -n 's/^.*: \([0-9]*\) ok, .*/\1/p' "$work/run.txt" | head -1)
    found=$(awk '$1 == "G2-item" && $2 ~ /^[0-9]+$/ {print $2; exit}' "$work/run.txt")
    found=${found:-0}
    rate=$(awk -v n="$found" -v s="$seconds" 'BEGIN {printf "%.2f", n * 60 / s}')
    printf '%-22s %5s %6s %10s %9s %10s %s/%s\n' "k$keys w$writes o$ops $dist c$clients" "$seed" \
      "$seconds" "${committed:-?}" "$found" "$rate" "$before" "$after"
  done
done
