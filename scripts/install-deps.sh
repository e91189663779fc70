#!/usr/bin/env bash
# Installs every Debian 12 package isocheck needs to build, test and run.
# Idempotent; needs root (or sudo). See README "Dependencies" for why each is here.
set -euo pipefail
packages=(
  build-essential cmake ninja-build pkg-config
  libpq-dev postgresql                     # runner: client library and the throwaway server
  libboost-graph-dev                       # checker: dependency graph, SCCs
  libboost-context-dev                     # runner: fibers, several clients per OS thread
  protobuf-compiler libprotobuf-dev        # history format
  libcli11-dev libfmt-dev nlohmann-json3-dev
  libgtest-dev libgmock-dev libbenchmark-dev
  graphviz                                 # explain/report: DOT -> SVG
  chromium                                 # report test renders the HTML headless
  clang-format iproute2 procps              # iproute2: ip netns / ip link for --nemesis partition
  iptables                                 # --nemesis partition drops packets inside its namespace
  libfaketime faketime                     # --nemesis clock: the server's wall clock can jump
  time                                     # bench/run_benchmarks.sh: wall time and peak RSS
  clang libclang-rt-14-dev                 # scripts/fuzz.sh: libFuzzer, ASan, UBSan runtimes
  pgbouncer                                # verify --target NAME=pgbouncer:MODE starts one in front of the throwaway server
  docker-compose                           # tests/docker: `docker-compose config` parses docker/compose.yaml (no engine needed)
)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if ((${#missing[@]})); then
  SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO=sudo
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi
