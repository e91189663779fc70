#!/usr/bin/env bash
# The predicate workload's figures (bench/README.md): for each isolation
# level, one run of DURATION against a throwaway server — committed txn/s,
# abort rate, and the phantoms, predicate G-single / G2 and overbooked
# on-call groups the checker finds (checked as strict-serializable, so every
# kind is searched); the time to the first predicate write skew (G2) at
# repeatable read, found by bisecting on prefixes of that run's history (a
# protobuf history cut at any byte is still readable); and the check time
# of the read-committed history.
#
#   bench/predicate_figures.sh [--build-dir build] [--duration 30s] [--out DIR]
set -euo pipefail

build=build
duration=30s
out=""
while [[ $# -gt 0 ]]; do
  case "$1" in
    --build-dir) build="$2"; shift 2 ;;
    --duration) duration="$2"; shift 2 ;;
    --out) out="$2"; shift 2 ;;
    *) echo "usage: $0 [--build-dir DIR] [--duration 30s] [--out DIR]" >&2; exit 2 ;;
  esac
done
isocheck="$build/isocheck"
[[ -x "$isocheck" ]] || { echo "$isocheck: not built" >&2; exit 2; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
[[ -n "$out" ]] && mkdir -p "$out"

count() {  # count KIND JSON: the number of KIND anomalies in a check result
  grep -o "\"$1\": [0-9][0-9]*" "$2" | head -1 | grep -o '[0-9]*$' || echo 0
}

echo "| level | committed txn/s | abort rate | transactions | phantom | G-single (predicate) | G2 (predicate) | on-call-overbooked |"
echo "|---|---:|---:|---:|---:|---:|---:|---:|"
for level in read-committed repeatable-read serializable; do
  history="$work/$level.pb"
  summary=$("$isocheck" run --workload predicate --isolation "$level" --duration "$duration" \
    --out "$history" --quiet 2>/dev/null | head -1 || true)
  # "<file>: 6432 ok, 1714 fail, 8 info in 3.0 s (2123 committed txn/s)"
  read -r ok fail info rate < <(echo "$summary" |
    sed -E 's/.*: ([0-9]+) ok, ([0-9]+) fail, ([0-9]+) info in .*\(([0-9]+) committed.*/\1 \2 \3 \4/')
  "$isocheck" check --model strict-serializable --json "$history" > "$work/$level.json" || true
  total=$((ok + fail + info))
  abort=$(awk -v f="$fail" -v t="$total" 'BEGIN { printf "%.1f%%", 100 * f / t }')
  echo "| $level | $rate | $abort | $total | $(count phantom "$work/$level.json") |" \
    "$(count G-single "$work/$level.json") | $(count G2 "$work/$level.json") |" \
    "$(count on-call-overbooked "$work/$level.json") |"
  [[ -n "$out" ]] && cp "$history" "$work/$level.json" "$out/"
done

# Time to the first G2 at repeatable read: bisect on the byte length of
# prefixes of that history (to 1/4096 of the file) for the shortest whose
# check finds one, and report the time of its last event.
rr="$work/repeatable-read.pb"
size=$(stat -c %s "$rr")
has_g2() {
  head -c "$1" "$rr" > "$work/prefix.pb"
  "$isocheck" check --model serializable --json "$work/prefix.pb" > "$work/prefix.json" 2>/dev/null || true
  [[ "$(count G2 "$work/prefix.json")" != 0 ]]
}
if has_g2 "$size"; then
  lo=0 hi=$size
  while (( hi - lo > size / 4096 )); do
    mid=$(( (lo + hi) / 2 ))
    if has_g2 "$mid"; then hi=$mid; else lo=$mid; fi
  done
  head -c "$hi" "$rr" > "$work/prefix.pb"
  "$isocheck" convert "$work/prefix.pb" "$work/prefix.jsonl" > /dev/null 2>&1
  first=$(sed -n 2p "$work/prefix.jsonl" | grep -o '"time":[0-9]*' | grep -o '[0-9]*$')
  last=$(tail -1 "$work/prefix.jsonl" | grep -o '"time":[0-9]*' | grep -o '[0-9]*$')
  events=$(($(wc -l < "$work/prefix.jsonl") - 1))
  awk -v a="$first" -v b="$last" -v e="$events" 'BEGIN {
    printf "first predicate G2 at repeatable read: %.3f s after the first event (%d events)\n", (b - a) / 1e9, e }'
else
  echo "no predicate G2 at repeatable read in this run"
fi

echo "check time of the read-committed history (strict-serializable):"
/usr/bin/time -f "  wall %e s, max RSS %M KB" "$isocheck" check --model strict-serializable \
  "$work/read-committed.pb" 2>&1 | grep -E "transactions|wall"
