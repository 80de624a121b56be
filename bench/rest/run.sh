#!/usr/bin/env bash
# REST→Thrift benchmark: Sluice vs fastify + npm thrift vs nginx proxying; writes bench/rest/RESULTS.md and chart.svg.
# Usage: [BENCH_BACKEND=cpp|ts] [BENCH_ROUNDS=5] bench/rest/run.sh [SECONDS=5] [CONNECTIONS=32]. Needs wrk, nginx
# (nginx-light), thrift-compiler; the default C++ backend also libthrift-dev and libboost-dev (backend-cpp/build.sh
# installs them with apt-get if missing).
set -euo pipefail
cd "$(dirname "$0")/../.."
exec node --import tsx bench/rest/run.ts "$@"
