#!/usr/bin/env bash
# Proxy benchmark (issue 4 §8): Sluice vs nginx-light with wrk. Writes bench/proxy/RESULTS.md and chart.svg.
# Env: BENCH_RUNS (3), BENCH_SECONDS (5), BENCH_WORKERS (1,<cores>), BENCH_IDLE (10000; 0 skips), BENCH_SIZES (128,4k,64k), BENCH_OUT (dir).
set -euo pipefail
cd "$(dirname "$0")/../.."
for tool in wrk /usr/sbin/nginx; do
  command -v "$tool" >/dev/null || { echo "bench: missing $tool (apt-get install wrk nginx-light)" >&2; exit 1; }
done
bash scripts/setup.sh --quiet --no-apt
# The Sluice server runs on plain node from a compiled copy (no tsx loader in the RSS figure).
node_modules/.bin/tsc -p bench/proxy/tsconfig.json
exec node --import tsx bench/proxy/bench.ts
