#!/usr/bin/env bash
# Builds and runs every native/test/**/*_test.cc (each a standalone main) against the objects of
# native/src/** twice: an optimised build and an AddressSanitizer + UBSan build. Test files need no
# registration here; link against anything in native/src (a static archive pulls in only what is used).
# Env SLUICE_NATIVE_TEST_MODES="release" (or "asan") runs one variant only.
set -euo pipefail
cd "$(dirname "$0")/.."
node_inc="$(dirname "$(dirname "$(command -v node)")")/include/node"
common=(-std=c++17 -fno-exceptions -Iinclude -Isrc -Itest -I"$node_inc" -Wall -Wextra -Wno-unused-parameter -Wno-missing-field-initializers)
libs=(-luring -lpthread)
[ -e /usr/lib/x86_64-linux-gnu/libcrypto.so ] && libs+=(-lcrypto)
# The addon uses node's exported zlib; standalone test binaries link Debian's (zlib1g-dev), same API.
[ -e /usr/lib/x86_64-linux-gnu/libz.so ] && libs+=(-lz)
mapfile -t srcs < <(find src -name '*.cc' | sort)
mapfile -t tests < <(find test -name '*_test.cc' | sort)
if [ "${#tests[@]}" -eq 0 ]; then echo "native tests: none found" >&2; exit 0; fi
status=0
for mode in ${SLUICE_NATIVE_TEST_MODES:-release asan}; do
  out="build/native-tests/$mode"
  mkdir -p "$out/obj" "$out/bin"
  if [ "$mode" = release ]; then flags=(-O2 -g); else flags=(-O1 -g -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined); fi
  objs=()
  running=0
  for s in "${srcs[@]}"; do
    o="$out/obj/$(echo "${s%.cc}" | tr '/' '_').o"
    objs+=("$o")
    if [ ! -f "$o" ] || [ "$s" -nt "$o" ] || [ -n "$(find include src -name '*.h' -newer "$o" -print -quit)" ]; then
      rm -f "$o"
      g++ "${common[@]}" "${flags[@]}" -c "$s" -o "$o" &
      running=$((running + 1))
      # At most two compiler processes: the machine has two cores.
      if [ "$running" -ge 2 ]; then wait -n || true; running=$((running - 1)); fi
    fi
  done
  wait || true
  for o in "${objs[@]}"; do [ -f "$o" ] || { echo "native tests ($mode): failed to compile $o" >&2; status=1; }; done
  rm -f "$out/libsluice_test.a"
  ar rcs "$out/libsluice_test.a" $(ls "${objs[@]}" 2>/dev/null)
  for t in "${tests[@]}"; do
    bin="$out/bin/$(echo "${t%.cc}" | tr '/' '_')"
    if ! g++ "${common[@]}" "${flags[@]}" "$t" "$out/libsluice_test.a" "${libs[@]}" -o "$bin"; then
      echo "native tests ($mode): FAILED to build $t" >&2; status=1; continue
    fi
    if ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1 "$bin" > "$bin.log" 2>&1; then
      echo "native tests ($mode): ok   $t ($(tail -1 "$bin.log"))" >&2
    else
      echo "native tests ($mode): FAIL $t" >&2; sed 's/^/  /' "$bin.log" | tail -40 >&2; status=1
    fi
  done
done
exit $status
