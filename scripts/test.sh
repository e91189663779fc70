#!/usr/bin/env bash
# Sets everything up on a fresh Debian 12 machine and runs every test:
# installs the Debian packages, builds with -Werror, runs ctest (unit tests
# and integration tests against throwaway PostgreSQL clusters the tests start
# themselves), then the checker and CLI tests again under AddressSanitizer and
# UndefinedBehaviorSanitizer (skip with ISOCHECK_SKIP_SANITIZERS=1), then
# fuzzes each history loader for 60 s (scripts/fuzz.sh; skip with
# ISOCHECK_SKIP_FUZZ=1).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-deps.sh
bash scripts/build.sh
ctest --test-dir build --output-on-failure -j2 --timeout 900
if [ "${ISOCHECK_SKIP_SANITIZERS:-0}" != 1 ]; then
  BUILD_DIR=build-asan bash scripts/build.sh -DISOCHECK_SANITIZE=ON -DCMAKE_BUILD_TYPE=Debug
  ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1 \
    ctest --test-dir build-asan --output-on-failure -j2 --timeout 900 -L "checker|cli"
fi
if [ "${ISOCHECK_SKIP_FUZZ:-0}" != 1 ]; then
  bash scripts/fuzz.sh 60
fi
