#!/usr/bin/env bash
# Times `isocheck check` on simulated list-append histories of 100k and 1M
# (and, with --with-10m, 10M) transactions, in EDN and protobuf, against
# serializable and strict-serializable, and writes a markdown table of wall
# time and peak memory (GNU time's "Maximum resident set size").
#
# Histories: isocheck_gen, concurrency 10, 10 active keys, at most 16
# appends per key, 1-4 micro-ops per transaction, seed 1 — valid by
# construction, so every check must say "valid" (the script stops if not).
#
# usage: bench/run_benchmarks.sh [--build-dir DIR] [--out FILE] [--with-10m] [--keep]
# Needs GNU time at /usr/bin/time (Debian package `time`).
set -euo pipefail

build_dir=build
out=""
sizes=(100000 1000000)
keep=0
while (($#)); do
  case "$1" in
    --build-dir) build_dir="${2:?--build-dir needs a directory}"; shift 2 ;;
    --out) out="${2:?--out needs a file}"; shift 2 ;;
    --with-10m) sizes+=(10000000); shift ;;
    --keep) keep=1; shift ;;
    -h|--help) sed -n '2,12p' "$0"; exit 0 ;;
    *) echo "run_benchmarks.sh: unknown option $1 (see --help)" >&2; exit 2 ;;
  esac
done

isocheck="$build_dir/isocheck"
generator="$build_dir/isocheck_gen"
for tool in "$isocheck" "$generator"; do
  [[ -x "$tool" ]] || { echo "run_benchmarks.sh: $tool not built (ninja -C $build_dir isocheck isocheck_gen)" >&2; exit 2; }
done
[[ -x /usr/bin/time ]] && /usr/bin/time -V >/dev/null 2>&1 ||
  { echo "run_benchmarks.sh: GNU time missing at /usr/bin/time (apt-get install time)" >&2; exit 2; }

work=$(mktemp -d "${TMPDIR:-/tmp}/isocheck-bench.XXXXXX")
if ((keep)); then
  echo "run_benchmarks.sh: keeping histories in $work" >&2
else
  trap 'rm -rf "$work"' EXIT
fi

# Runs "$@" under GNU time; sets $wall (seconds), $rss_mb and $status.
measure() {
  local log="$work/time.log"
  set +e
  /usr/bin/time -v -o "$log" "$@" >"$work/stdout.log" 2>"$work/stderr.log"
  status=$?
  set -e
  wall=$(awk -F': ' '/Elapsed \(wall clock\)/ {
           n = split($2, p, ":"); s = 0
           for (i = 1; i <= n; i++) s = s * 60 + p[i]
           printf "%.2f", s }' "$log")
  rss_mb=$(awk -F': ' '/Maximum resident set size/ { printf "%.0f", $2 / 1024 }' "$log")
}

human() {  # 100000 -> 100k, 1000000 -> 1M
  local n=$1
  if ((n % 1000000 == 0)); then echo "$((n / 1000000))M"; else echo "$((n / 1000))k"; fi
}

table="$work/table.md"
{
  echo "| transactions | format | file size | generate (s) | model | check wall (s) | check max RSS (MB) | verdict |"
  echo "|---:|---|---:|---:|---|---:|---:|---|"
} >"$table"

for n in "${sizes[@]}"; do
  for format in edn protobuf; do
    file="$work/la-$(human "$n").$format"
    measure "$generator" --txns "$n" --workload list-append --concurrency 10 --keys 10 \
      --max-writes-per-key 16 --min-mops 1 --max-mops 4 --seed 1 --format "$format" --out "$file"
    if ((status != 0)); then
      echo "run_benchmarks.sh: isocheck_gen failed for $n $format:" >&2
      cat "$work/stderr.log" >&2
      exit 1
    fi
    gen_wall=$wall
    size_mb=$(du -m "$file" | cut -f1)
    for model in serializable strict-serializable; do
      echo "run_benchmarks.sh: $(human "$n") $format $model" >&2
      measure "$isocheck" check --model "$model" "$file"
      case $status in
        0) verdict=valid ;;
        *)
          echo "run_benchmarks.sh: isocheck check exited $status on a valid history ($file, $model):" >&2
          head -20 "$work/stdout.log" "$work/stderr.log" >&2
          exit 1
          ;;
      esac
      echo "| $(human "$n") | $format | ${size_mb} MB | $gen_wall | $model | $wall | $rss_mb | $verdict |" >>"$table"
    done
  done
done

{
  echo
  echo "Machine: $(nproc) cores, $(awk '/MemTotal/ { printf "%.0f GB", $2 / 1048576 }' /proc/meminfo); $(uname -sr); $(date -u +%Y-%m-%d)."
} >>"$table"
if [[ -n "$out" ]]; then cp "$table" "$out"; echo "run_benchmarks.sh: wrote $out" >&2; fi
cat "$table"
