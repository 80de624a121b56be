// Fuzzes the THeader ZLIB transform (native/src/engine/thrift_header_zlib.cc), which Thrift listeners run on bytes
// straight from clients. Input: arbitrary bytes, used two ways.
// 1. As a zlib stream: inflating never produces more than the limit, and whatever inflates survives
//    deflate → inflate unchanged.
// 2. As a payload: it deflates, inflates back to itself with an exact limit, and one byte less is TooLarge.
#include <cstddef>
#include <cstdint>
#include <string>

#include "engine/thrift_header_zlib.h"
#include "fuzz_check.h"

using sluice::thriftin::InflateResult;
using sluice::thriftin::zlibDeflate;
using sluice::thriftin::zlibInflate;

namespace {

constexpr size_t kLimit = 1 << 20;

const uint8_t* bytes(const std::string& s) { return reinterpret_cast<const uint8_t*>(s.data()); }

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string plain;
  InflateResult r = zlibInflate(data, size, kLimit, plain);
  if (r == InflateResult::Ok) {
    FUZZ_CHECK(plain.size() <= kLimit);
    std::string again;
    FUZZ_CHECK(zlibDeflate(bytes(plain), plain.size(), again));
    std::string back;
    FUZZ_CHECK(zlibInflate(bytes(again), again.size(), kLimit, back) == InflateResult::Ok);
    FUZZ_CHECK(back == plain);
  }
  std::string packed;
  FUZZ_CHECK(zlibDeflate(data, size, packed));
  std::string unpacked;
  FUZZ_CHECK(zlibInflate(bytes(packed), packed.size(), size, unpacked) == InflateResult::Ok);
  FUZZ_CHECK(unpacked.size() == size && (size == 0 || unpacked.compare(0, size, reinterpret_cast<const char*>(data), size) == 0));
  if (size > 0) {
    std::string cut;
    FUZZ_CHECK(zlibInflate(bytes(packed), packed.size(), size - 1, cut) == InflateResult::TooLarge);
  }
  return 0;
}
