#!/usr/bin/env bash
# Builds every libFuzzer target in fuzz/targets/ against only the native sources it needs (no N-API; the transcoder
# and snapshot targets include the pseudonymization primitives, compiled against node's OpenSSL headers and linked
# with the system libcrypto as native/test/run.sh does),
# replays fuzz/regressions/<target>/* first, then fuzzes each target for N seconds (default 30).
#   fuzz/run.sh [seconds-per-target] [target...]
# Env: FUZZ_JOBS unused (one process; the machine has two cores), FUZZ_BUILD (default fuzz/build),
#      CXX (default clang++-14). New crashes are copied into fuzz/regressions/<target>/ and fail the run.
# Regressions listed in fuzz/regressions/OPEN (one "<target>/<file>" a line: known, not yet fixed in native/src)
# are replayed and reported but do not fail the run; delete the line once the fix lands.
set -uo pipefail
cd "$(dirname "$0")/.."
secs="${1:-30}"
shift || true
cxx="${CXX:-clang++-14}"
cc="${CC:-clang-14}"
build="${FUZZ_BUILD:-fuzz/build}"
node_inc="$(dirname "$(dirname "$(command -v node)")")/include/node"
flags=(-std=c++17 -g -O1 -fno-omit-frame-pointer -fno-exceptions -Inative/include -Inative/src -Ifuzz/targets -I/usr/share/include/llhttp
       -I"$node_inc" -fsanitize=address,undefined -fno-sanitize-recover=undefined)
pseudo_sources="$(ls native/src/pseudo/*.cc | tr '\n' ' ')"

declare -A sources=(
  [http_request]="native/src/engine/http_parser.cc"
  [http_response]="native/src/engine/http_parser.cc"
  [chunked]="native/src/engine/http_parser.cc"
  [thrift_wire]="native/src/thrift/wire.cc"
  [transcode]="native/src/thrift/wire.cc $(ls native/src/transcode/*.cc | tr '\n' ' ') $pseudo_sources"
  [plan_load]="native/src/thrift/wire.cc $(ls native/src/transcode/*.cc | tr '\n' ' ') $pseudo_sources"
  [http_llhttp_diff]="native/src/engine/http_parser.cc /usr/share/llhttp/llhttp.c /usr/share/llhttp/api.c /usr/share/llhttp/http.c"
  [thrift_zlib]="native/src/engine/thrift_header_zlib.cc"
  [thrift_listener]="native/src/engine/thrift_listener_codec.cc native/src/engine/thrift_header_zlib.cc native/src/thrift/wire.cc"
  [snapshot]="native/src/engine/snapshot.cc native/src/engine/router.cc native/src/engine/pseudo_set.cc native/src/engine/http_parser.cc native/src/engine/thrift_listener_pseudo.cc native/src/thrift/wire.cc $(ls native/src/transcode/*.cc | tr '\n' ' ') $pseudo_sources"
)
declare -A libs=([transcode]="-lcrypto" [plan_load]="-lcrypto" [thrift_zlib]="-lz" [thrift_listener]="-lz" [snapshot]="-lcrypto")
declare -A extra=(
  [http_request]="-dict=fuzz/dict/http.dict -max_len=4096"
  [http_response]="-dict=fuzz/dict/http.dict -max_len=4096"
  [chunked]="-dict=fuzz/dict/http.dict -max_len=2048"
  [thrift_wire]="-max_len=2048"
  [transcode]="-max_len=4096"
  [plan_load]="-max_len=8192"
  [http_llhttp_diff]="-dict=fuzz/dict/http.dict -max_len=4096"
  [thrift_zlib]="-max_len=8192"
  [thrift_listener]="-max_len=4096"
  # A snapshot of a whole demo config (fuzz/corpus/snapshot/gen-all: routes, listeners, policies) is ~31 KB.
  [snapshot]="-max_len=32768"
)
targets=("$@")
[ "${#targets[@]}" -eq 0 ] && targets=(http_request http_response chunked thrift_wire transcode plan_load thrift_zlib thrift_listener snapshot)
# The llhttp differential needs Debian's node-llhttp C sources; skip it (and say so) where they are absent.
if [ "$#" -eq 0 ]; then
  if [ -f /usr/share/llhttp/llhttp.c ]; then targets+=(http_llhttp_diff); else echo "fuzz: /usr/share/llhttp missing: skipping http_llhttp_diff" >&2; fi
fi
export SLUICE_FUZZ_PLANS="$PWD/fuzz/plans"
export ASAN_OPTIONS="${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=1}"
export UBSAN_OPTIONS="${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}"
touch fuzz/regressions/OPEN
status=0
mkdir -p "$build/obj" "$build/bin"

build_target() {
  local t="$1" objs=() s o
  for s in ${sources[$t]}; do
    o="$build/obj/$(echo "${s%.*}" | tr '/' '_').o"
    if [ ! -f "$o" ] || [ "$s" -nt "$o" ] || [ -n "$(find native/include native/src -name '*.h' -newer "$o" -print -quit)" ]; then
      if [ "${s##*.}" = c ]; then
        # llhttp's C sources: C11, its own include dir, sanitizers on so the differential checks both parsers.
        "$cc" -std=c11 -g -O1 -fno-omit-frame-pointer -I/usr/share/include/llhttp -fsanitize=address,undefined,fuzzer-no-link -c "$s" -o "$o" || return 1
      else
        "$cxx" "${flags[@]}" -fsanitize=fuzzer-no-link -c "$s" -o "$o" || return 1
      fi
    fi
    objs+=("$o")
  done
  # shellcheck disable=SC2086 # libs are words
  "$cxx" "${flags[@]}" -fsanitize=fuzzer "fuzz/targets/${t}_fuzz.cc" "${objs[@]}" ${libs[$t]:-} -o "$build/bin/$t"
}

for t in "${targets[@]}"; do
  if [ -z "${sources[$t]:-}" ]; then echo "fuzz: unknown target $t" >&2; status=1; continue; fi
  if ! build_target "$t"; then echo "fuzz: FAILED to build $t" >&2; status=1; continue; fi
  bin="$build/bin/$t"
  # 1. Regressions first: each file must run clean (unless listed as OPEN).
  if [ -d "fuzz/regressions/$t" ]; then
    for f in "fuzz/regressions/$t"/*; do
      [ -f "$f" ] || continue
      if "$bin" "$f" > "$build/replay.log" 2>&1; then
        echo "fuzz: $t regression ok    ${f#fuzz/regressions/}"
      elif grep -qxF "${f#fuzz/regressions/}" fuzz/regressions/OPEN; then
        echo "fuzz: $t regression OPEN  ${f#fuzz/regressions/} (known, $(grep -m1 -oE 'ERROR: [A-Za-z]+: [a-z-]+|FUZZ_CHECK failed: .*|runtime error: .*' "$build/replay.log" | head -1))"
      else
        echo "fuzz: $t regression FAIL  ${f#fuzz/regressions/}" >&2; tail -30 "$build/replay.log" >&2; status=1
      fi
    done
  fi
  # 2. Fuzz: new units go to the scratch corpus; the committed seeds are read only.
  work="$build/corpus/$t"
  crashes="$build/crashes/$t"
  mkdir -p "$work" "$crashes"
  # shellcheck disable=SC2086
  "$bin" "$work" "fuzz/corpus/$t" -max_total_time="$secs" -timeout=10 -rss_limit_mb=2048 -print_final_stats=1 \
    -artifact_prefix="$crashes/" ${extra[$t]} > "$build/$t.log" 2>&1
  rc=$?
  execs="$(grep -m1 -oE 'stat::number_of_executed_units: *[0-9]+' "$build/$t.log" | grep -oE '[0-9]+$')"
  cov="$(grep -oE 'cov: [0-9]+' "$build/$t.log" | tail -1)"
  found=0
  for c in "$crashes"/*; do
    [ -f "$c" ] || continue
    mkdir -p "fuzz/regressions/$t"
    cp "$c" "fuzz/regressions/$t/$(basename "$c")"
    rm -f "$c"
    echo "fuzz: $t NEW CRASH saved as fuzz/regressions/$t/$(basename "$c")" >&2
    found=1
  done
  if [ "$rc" -ne 0 ] || [ "$found" -eq 1 ]; then
    status=1
    grep -m3 -E 'ERROR:|FUZZ_CHECK|runtime error' "$build/$t.log" >&2
  fi
  echo "fuzz: $t ran ${secs}s, ${execs:-?} execs, ${cov:-cov ?}, exit $rc"
done
exit $status
