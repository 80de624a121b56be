#!/usr/bin/env bash
# Builds the native addon with AddressSanitizer + UBSan (native/binding.gyp SLUICE_SANITIZE=1) in a copy of
# native/ under $ASAN_BUILD_DIR (default /tmp/sluice-asan-native) — the release build in native/build is never
# touched — then runs e2e suites with that addon loaded:
#   SLUICE_NATIVE_ADDON=<asan .node>  (honoured by src/native/addon.ts loadAddon)
#   LD_PRELOAD=$(gcc -print-file-name=libasan.so)  (node itself is not instrumented; the runtime must load first)
#   ASAN_OPTIONS=detect_leaks=0  (V8 and node keep allocations alive at exit by design)
# Children the tests spawn (`sluice start`) inherit the environment, so they run the sanitized addon too.
#   scripts/asan-e2e.sh [test dirs or files...]   (default: test/e2e)
# Exit status: the test runner's, or 1 if any sanitizer report appeared in the output (reports are kept in
# $ASAN_BUILD_DIR/reports/).
set -euo pipefail
cd "$(dirname "$0")/.."
root="$PWD"
work="${ASAN_BUILD_DIR:-/tmp/sluice-asan-native}"
mkdir -p "$work/native" "$work/reports"
# binding.gyp resolves node-addon-api with require(): give the copy the repo's node_modules.
ln -sfn "$root/node_modules" "$work/node_modules"
# Copy sources only (not native/build); unchanged files keep their mtimes so rebuilds are incremental.
(cd native && find . -path ./build -prune -o -type f ! -name build.log -print) | while read -r f; do
  if ! cmp -s "native/$f" "$work/native/$f"; then mkdir -p "$(dirname "$work/native/$f")"; cp -p "native/$f" "$work/native/$f"; fi
done
# Sources deleted upstream must not linger in the copy (binding.gyp compiles every .cc it finds).
(cd "$work/native" && find src binding include -type f 2>/dev/null) | while read -r f; do
  [ -e "native/$f" ] || rm -f "$work/native/$f"
done
addon="$work/native/build/Release/sluice_native.node"
if [ ! -f "$addon" ] || [ -n "$(find "$work/native/src" "$work/native/include" "$work/native/binding" "$work/native/binding.gyp" -newer "$addon" -print -quit)" ]; then
  echo "asan-e2e: building the sanitized addon in $work/native (log: $work/build.log)" >&2
  # configure once, then incremental `build` (a full sanitized rebuild takes ~12 minutes on 2 cores).
  nodedir="$(dirname "$(dirname "$(command -v node)")")"
  # binding.gyp globs the .cc files at configure time: configure again whenever that list changed.
  sources="$(cd "$work/native" && find src binding -name '*.cc' | sort | sha256sum | cut -c1-16)"
  if [ "$(cat "$work/native/build/.sources" 2>/dev/null)" != "$sources" ]; then rm -f "$work/native/build/Makefile"; fi
  (cd "$work/native" && { [ -f build/Makefile ] || SLUICE_SANITIZE=1 "$root/node_modules/.bin/node-gyp" configure --release --nodedir="$nodedir"; } \
     && SLUICE_SANITIZE=1 "$root/node_modules/.bin/node-gyp" build --release -j 2 --nodedir="$nodedir") > "$work/build.log" 2>&1 || {
    tail -40 "$work/build.log" >&2; echo "asan-e2e: build failed" >&2; exit 1; }
  echo "$sources" > "$work/native/build/.sources"
fi
# Not `nm | grep -q`: grep exits at the first match, nm dies of SIGPIPE, and pipefail turns that into a failure.
if ! nm -D "$addon" | grep -c __asan_init > /dev/null; then
  echo "asan-e2e: $addon is not instrumented (SLUICE_SANITIZE ignored?)" >&2; exit 1
fi
libasan="$(gcc -print-file-name=libasan.so)"
[ -e "$libasan" ] || { echo "asan-e2e: libasan.so not found (apt-get install libasan8 / gcc)" >&2; exit 1; }

# Uninstrumented helper programs the tests spawn must not get the ASan runtime: curl, for one, hangs on its first
# network operation with libasan preloaded. Shims on PATH drop LD_PRELOAD before exec'ing the real binary.
shims="$work/shims"
mkdir -p "$shims"
for tool in curl python3 wrk nginx etcd etcdctl thrift; do
  real="$(command -v "$tool" || true)"
  [ -n "$real" ] || continue
  printf '#!/bin/sh\nunset LD_PRELOAD\nexec %s "$@"\n' "$real" > "$shims/$tool"
  chmod +x "$shims/$tool"
done

targets=("$@")
[ "${#targets[@]}" -eq 0 ] && targets=(test/e2e)
files=()
for t in "${targets[@]}"; do
  if [ -d "$t" ]; then mapfile -t -O "${#files[@]}" files < <(find "$t" -name '*.test.ts' -not -path '*/node_modules/*' | sort); else files+=("$t"); fi
done
log="$work/reports/e2e-$(date +%Y%m%dT%H%M%S).log"
echo "asan-e2e: running ${targets[*]} with $addon (log: $log)" >&2
set +e
PATH="$shims:$PATH" SLUICE_NATIVE_ADDON="$addon" LD_PRELOAD="$libasan" \
  ASAN_OPTIONS="detect_leaks=0:quarantine_size_mb=16:abort_on_error=0:halt_on_error=1:log_path=$work/reports/asan" \
  UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1:log_path=$work/reports/ubsan" \
  node --import tsx --test --test-timeout=300000 "${files[@]}" 2>&1 | tee "$log"
rc=${PIPESTATUS[0]}
set -e
reports=$(find "$work/reports" -maxdepth 1 \( -name "asan.*" -o -name "ubsan.*" \) ! -name "*.seen" | wc -l)
if [ "$reports" -gt 0 ]; then
  echo "asan-e2e: $reports sanitizer report file(s):" >&2
  for f in "$work"/reports/asan.* "$work"/reports/ubsan.*; do
    [ -f "$f" ] || continue
    case "$f" in *.seen) continue ;; esac
    echo "== $f" >&2; head -40 "$f" >&2
    mv "$f" "$f.seen"  # keep it, but do not count it again next run
  done
  exit 1
fi
exit "$rc"
