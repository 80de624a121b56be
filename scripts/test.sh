#!/usr/bin/env bash
# The README's test command (`npm test`): installs what is missing, type-checks everything, then runs
# every test tier: unit + golden, interop (real Apache Thrift peers), native (C++), e2e (whole gateway).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
echo "test: type-checking tests and benchmarks" >&2
node_modules/.bin/tsc -p tsconfig.test.json
status=0
if [ -x native/test/run.sh ] || [ -f native/test/run.sh ]; then
  bash native/test/run.sh || status=1
fi
node scripts/run-tests.js test/unit test/golden test/interop test/native test/e2e || status=1
exit $status
