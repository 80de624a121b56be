#!/usr/bin/env bash
# REST→Thrift benchmark: Sluice vs fastify + npm thrift vs nginx proxying; writes bench/rest/RESULTS.md and chart.svg.
# Usage: bench/rest/run.sh [SECONDS=5] [CONNECTIONS=32]. Needs wrk, nginx (nginx-light), thrift-compiler.
set -euo pipefail
cd "$(dirname "$0")/../.."
exec node --import tsx bench/rest/run.ts "$@"
