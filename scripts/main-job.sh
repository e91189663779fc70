#!/usr/bin/env bash
# Sets everything up on a fresh Debian 12 machine and runs isocheck's main
# job: `isocheck verify` against a throwaway PostgreSQL it starts and removes
# itself. Arguments are passed to `isocheck verify` (e.g. --dsn '...').
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-deps.sh
bash scripts/build.sh
exec ./build/isocheck verify "$@"
