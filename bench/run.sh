#!/usr/bin/env bash
# `npm run bench`: every benchmark, each against its peer in the same run; each writes bench/<name>/RESULTS.md.
# Not a test and not part of CI. Run on an otherwise idle machine. `bench/run.sh codec rest` runs a subset.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh --quiet
all=(codec rpc transcode pseudo proxy rest thrift-in)
sel=("$@"); [ ${#sel[@]} -gt 0 ] || sel=("${all[@]}")
for b in "${sel[@]}"; do
  echo "== bench/$b" >&2
  case "$b" in
    codec) node --import tsx bench/codec/run.ts --write ;;
    rpc) node --import tsx bench/rpc/run.ts ;;
    transcode) node --import tsx bench/transcode/transcode.bench.ts ;;
    pseudo) node --import tsx bench/pseudo/primitives.bench.ts ;;
    proxy) bash bench/proxy/run.sh ;;
    rest) bash bench/rest/run.sh ;;
    thrift-in) bash bench/thrift-in/run.sh ;;
    soak) node --import tsx bench/soak/soak.ts ;;
    *) echo "bench: unknown benchmark '$b' (one of: ${all[*]} soak)" >&2; exit 2 ;;
  esac
done
