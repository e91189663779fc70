#!/usr/bin/env bash
# Fuzzes each history loader (protobuf, JSON lines, EDN) with libFuzzer for
# a bounded time: scripts/fuzz.sh [SECONDS per loader, default 60].
# Builds the fuzz targets with Debian's clang, ASan and UBSan into
# build-fuzz/ (or $FUZZ_BUILD_DIR), starts each from the seeds in
# tests/fuzz/seeds/<loader>/ plus every input found before
# (tests/fuzz/corpus/<loader>/), and fails on any crash, leak or timeout.
# The input that failed is written to tests/fuzz/corpus/<loader>/ so that,
# once fixed, the normal ctest run replays it (FuzzCorpus test). See
# tests/fuzz/README.md.
set -euo pipefail
cd "$(dirname "$0")/.."
SECONDS_PER_LOADER=${1:-60}
BUILD_DIR=${FUZZ_BUILD_DIR:-build-fuzz}
JOBS=${FUZZ_JOBS:-2}
CC=clang CXX=clang++ cmake -S . -B "$BUILD_DIR" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
  -DISOCHECK_FUZZ=ON >/dev/null
cmake --build "$BUILD_DIR" -j"$JOBS" \
  --target fuzz_protobuf_loader fuzz_jsonl_loader fuzz_edn_loader
status=0
for loader in protobuf jsonl edn; do
  found=tests/fuzz/corpus/$loader
  work=$BUILD_DIR/fuzz-work/$loader
  mkdir -p "$found" "$work"
  log=$BUILD_DIR/fuzz-$loader.log
  echo "fuzz: $loader loader for ${SECONDS_PER_LOADER}s (log: $log)"
  # -timeout: one input may take at most 10 s; -rss_limit_mb: no input may need more than
  # 2 GB; new coverage goes to the work dir, only failing inputs to $found.
  if ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
    "$BUILD_DIR/fuzz_${loader}_loader" -max_total_time="$SECONDS_PER_LOADER" -timeout=10 \
    -rss_limit_mb=2048 -max_len=262144 -print_final_stats=1 \
    -artifact_prefix="$found/" "$work" "tests/fuzz/seeds/$loader" "$found" >"$log" 2>&1; then
    grep -E "^stat::number_of_executed_units|^stat::peak_rss_mb" "$log" | sed "s/^/fuzz: $loader /"
  else
    status=1
    echo "fuzz: $loader loader FAILED; the input is in $found/ (tail of $log):"
    tail -n 30 "$log"
  fi
done
exit $status
