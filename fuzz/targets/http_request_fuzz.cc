// Fuzzes the strict HTTP/1.1 request-head parser (native/src/engine/http_parser.cc) with small limits.
// Properties: never reads past the input (ASan), Done consumes at most the input, every view points inside it,
// and parsing is prefix-stable: the head alone parses to the same result, and every shorter prefix is
// Incomplete or Error (never Done), so feeding bytes as they arrive cannot change the verdict.
#include <cstddef>
#include <cstdint>

#include "engine/http_parser.h"
#include "fuzz_check.h"

namespace {

bool inside(std::string_view v, const char* buf, size_t len) {
  return v.empty() || (v.data() >= buf && v.data() + v.size() <= buf + len);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const char* buf = reinterpret_cast<const char*>(data);
  sluice::ParseLimits limits;
  limits.maxHeaderBytes = 4096;
  limits.maxHeaders = 32;
  limits.maxBodyBytes = 1 << 20;
  sluice::RequestHead head;
  sluice::HttpError err = sluice::HttpError::None;
  sluice::ParseStatus st = sluice::parseRequestHead(buf, size, limits, &head, &err);
  if (st == sluice::ParseStatus::Error) {
    FUZZ_CHECK(err != sluice::HttpError::None);
  }
  if (st != sluice::ParseStatus::Done) {
    return 0;
  }
  FUZZ_CHECK(head.headBytes > 0 && head.headBytes <= size);
  FUZZ_CHECK(head.headBytes <= limits.maxHeaderBytes);
  FUZZ_CHECK(head.headers.size() <= limits.maxHeaders);
  FUZZ_CHECK(inside(head.method, buf, size) && inside(head.target, buf, size));
  FUZZ_CHECK(inside(head.path, buf, size) && inside(head.query, buf, size));
  for (const auto& h : head.headers) {
    FUZZ_CHECK(inside(h.name, buf, size) && inside(h.value, buf, size));
    FUZZ_CHECK(!h.name.empty());
  }
  // Smuggling guard: a message is never both chunked and length-delimited.
  FUZZ_CHECK(!(head.chunked && head.hasContentLength));
  if (head.hasContentLength) {
    FUZZ_CHECK(head.contentLength <= limits.maxBodyBytes);
  }

  const size_t h = head.headBytes;
  sluice::RequestHead again;
  sluice::HttpError err2 = sluice::HttpError::None;
  FUZZ_CHECK(sluice::parseRequestHead(buf, h, limits, &again, &err2) == sluice::ParseStatus::Done);
  FUZZ_CHECK(again.headBytes == h && again.headers.size() == head.headers.size());
  FUZZ_CHECK(again.chunked == head.chunked && again.contentLength == head.contentLength);
  FUZZ_CHECK(again.keepAlive == head.keepAlive);
  // Shorter prefixes: a sample of split points keeps the per-input cost linear.
  const size_t step = h > 64 ? h / 16 : 1;
  for (size_t k = 0; k < h; k += step) {
    sluice::RequestHead part;
    sluice::HttpError e = sluice::HttpError::None;
    FUZZ_CHECK(sluice::parseRequestHead(buf, k, limits, &part, &e) != sluice::ParseStatus::Done);
  }
  return 0;
}
