#!/usr/bin/env bash
# Installs everything Sluice needs to build, run and test on Debian 12, doing only what is missing:
# Debian packages (as root), npm dependencies, the native addon and the TypeScript build.
# Usage: scripts/setup.sh [--quiet] [--no-apt]
set -euo pipefail
cd "$(dirname "$0")/.."
quiet=0; apt=1
for a in "$@"; do case "$a" in --quiet) quiet=1 ;; --no-apt) apt=0 ;; esac; done
log() { [ "$quiet" = 1 ] || echo "setup: $*" >&2; }

# Debian packages: build (g++, make, liburing-dev), peers and tools the tests and benchmarks use.
pkgs=(g++ make python3 pkg-config liburing-dev thrift-compiler python3-thrift nginx-light libnginx-mod-stream wrk
      curl clang-14 libfuzzer-14-dev libclang-rt-14-dev etcd-server etcd-client libssl-dev
      zlib1g-dev)
missing=()
for p in "${pkgs[@]}"; do dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p"); done
if [ "${#missing[@]}" -gt 0 ]; then
  if [ "$apt" = 1 ] && [ "$(id -u)" = 0 ]; then
    log "installing Debian packages: ${missing[*]}"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    # nginx/etcd packages try to start their services; we run our own instances, so keep them from starting.
    printf '#!/bin/sh\nexit 101\n' > /usr/sbin/policy-rc.d; chmod +x /usr/sbin/policy-rc.d
    apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
    rm -f /usr/sbin/policy-rc.d
  else
    echo "setup: missing Debian packages: ${missing[*]}" >&2
    echo "setup: install them with: sudo apt-get install -y ${missing[*]}" >&2
    exit 1
  fi
fi

# npm dependencies: npm ci when node_modules is absent or older than the lockfile.
if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  log "npm ci"
  npm ci --no-audit --no-fund ${quiet:+--loglevel=error} >&2
fi

# Native addon: rebuilt when any native source is newer than the built module (or the node ABI changed).
addon=native/build/Release/sluice_native.node
stamp=native/build/.node-version
if [ ! -f "$addon" ] || [ "$(cat "$stamp" 2>/dev/null)" != "$(node -p process.version)" ] \
   || [ -n "$(find native/src native/include native/binding native/binding.gyp -newer "$addon" -print -quit 2>/dev/null)" ]; then
  log "building the native addon"
  (cd native && ../node_modules/.bin/node-gyp rebuild --release -j 2 --nodedir="$(dirname "$(dirname "$(command -v node)")")" >build.log 2>&1) || {
    tail -40 native/build.log >&2; echo "setup: native build failed (full log: native/build.log)" >&2; exit 1; }
  node -p process.version > "$stamp"
fi

# TypeScript: the CLI runs from dist/.
log "compiling TypeScript"
node_modules/.bin/tsc -p tsconfig.json
