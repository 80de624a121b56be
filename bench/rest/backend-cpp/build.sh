#!/usr/bin/env bash
# Builds the C++ Thrift backend of the REST bench (server.cpp + `thrift --gen cpp` of bench.thrift) into OUT_DIR.
# Needs Debian's libthrift-dev (0.17) and libboost-dev (libthrift's headers include boost but the package does not
# depend on it); installs them with apt-get when missing
# (bench only: never called from setup.sh or the tests). Usage: build.sh OUT_DIR; prints the binary's path.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
out="$1"
if ! pkg-config --exists thrift || [ ! -f /usr/include/boost/numeric/conversion/cast.hpp ]; then
  echo "bench/rest: the C++ backend needs libthrift-dev and libboost-dev; installing them with apt-get" >&2
  echo "bench/rest: (or run with BENCH_BACKEND=ts to use Sluice's TypeScript RPC server instead)" >&2
  as_root=()
  [ "$(id -u)" -eq 0 ] || as_root=(sudo)
  DEBIAN_FRONTEND=noninteractive "${as_root[@]}" apt-get install -y --no-install-recommends libthrift-dev libboost-dev >&2
fi
mkdir -p "$out/gen"
thrift --gen cpp:no_skeleton -out "$out/gen" "$here/../bench.thrift"
# -O2 like Debian's libthrift itself; warnings of the generated code are not ours to fix.
g++ -std=c++17 -O2 -DNDEBUG -I"$out/gen" "$here/server.cpp" "$out/gen/Bench.cpp" "$out/gen/bench_types.cpp" \
  $(pkg-config --cflags --libs thrift) -o "$out/sluice-bench-backend"
echo "$out/sluice-bench-backend"
