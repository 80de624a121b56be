// Fuzzes the upstream response-head parser (native/src/engine/http_parser.cc): bounds, view containment,
// status range, and prefix stability (same rules as the request side).
#include <cstddef>
#include <cstdint>

#include "engine/http_parser.h"
#include "fuzz_check.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const char* buf = reinterpret_cast<const char*>(data);
  sluice::ParseLimits limits;
  limits.maxHeaderBytes = 4096;
  limits.maxHeaders = 32;
  limits.maxBodyBytes = 1 << 20;
  sluice::ResponseHead head;
  sluice::HttpError err = sluice::HttpError::None;
  sluice::ParseStatus st = sluice::parseResponseHead(buf, size, limits, &head, &err);
  if (st != sluice::ParseStatus::Done) {
    return 0;
  }
  FUZZ_CHECK(head.headBytes > 0 && head.headBytes <= size);
  FUZZ_CHECK(head.status >= 100 && head.status <= 999);
  FUZZ_CHECK(!(head.chunked && head.hasContentLength));
  for (const auto& h : head.headers) {
    FUZZ_CHECK(h.name.data() >= buf && h.name.data() + h.name.size() <= buf + size);
    FUZZ_CHECK(h.value.empty() || (h.value.data() >= buf && h.value.data() + h.value.size() <= buf + size));
  }
  sluice::ResponseHead again;
  FUZZ_CHECK(sluice::parseResponseHead(buf, head.headBytes, limits, &again, &err) == sluice::ParseStatus::Done);
  FUZZ_CHECK(again.status == head.status && again.headBytes == head.headBytes);
  for (size_t k = 0; k < head.headBytes; k += (head.headBytes > 64 ? head.headBytes / 16 : 1)) {
    sluice::ResponseHead part;
    FUZZ_CHECK(sluice::parseResponseHead(buf, k, limits, &part, &err) != sluice::ParseStatus::Done);
  }
  return 0;
}
