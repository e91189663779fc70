#!/usr/bin/env bash
# Configures and builds isocheck into build/ (or $BUILD_DIR) with warnings as
# errors. Extra arguments go to cmake's configure step.
set -euo pipefail
cd "$(dirname "$0")/.."
BUILD_DIR=${BUILD_DIR:-build}
cmake -S . -B "$BUILD_DIR" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DISOCHECK_WERROR=ON "$@"
cmake --build "$BUILD_DIR"
