#!/usr/bin/env bash
# Builds and runs the C floor model of `perpetua bench ws` (Benchmarks/Floor/ws_fanout.c):
# the least that a depth update to N loopback subscribers costs on this machine, with
# no server around it. Arguments pass through: [subscribers] [updates/s] [threads]
# [seconds] [bytes]. The last line is one JSON object, as the benches print.
set -euo pipefail
cd "$(dirname "$0")/.."
mkdir -p .build
cc -O2 -Wall -pthread -o .build/ws_fanout Benchmarks/Floor/ws_fanout.c
exec .build/ws_fanout "$@"
