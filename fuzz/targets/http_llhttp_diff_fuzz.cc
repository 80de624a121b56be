// Differential fuzzing of our strict request-head parser (native/src/engine/http_parser.cc) against llhttp 8.1
// (Debian node-llhttp's C sources, /usr/share/llhttp; strict defaults, no lenient flags). Two parsers that
// disagree about where a head ends or how its body is framed are the root of request smuggling, so:
// whenever BOTH parsers accept a head, they must end it at the same byte, with the same body framing (chunked vs
// Content-Length and its value). One side rejecting is not a desync (a rejecting upstream answers 400 and
// closes): heads we reject are stricter-on-purpose, and llhttp rejects methods it does not know, which we
// forward. Heads only we accept are counted in the log, not failed. This target is built only when /usr/share/llhttp exists (fuzz/run.sh).
#include <cstddef>
#include <cstdint>
#include <cstring>

extern "C" {
#include <llhttp.h>
}

#include "engine/http_parser.h"
#include "fuzz_check.h"

namespace {

struct Seen {
  bool headersDone = false;
};

int onHeadersComplete(llhttp_t* p) {
  static_cast<Seen*>(p->data)->headersDone = true;
  return HPE_PAUSED;  // stop right after the head: llhttp_get_error_pos() is then the first body byte
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const char* buf = reinterpret_cast<const char*>(data);
  sluice::ParseLimits limits;
  limits.maxHeaderBytes = 8192;
  limits.maxHeaders = 64;
  limits.maxBodyBytes = UINT64_MAX / 2;
  sluice::RequestHead head;
  sluice::HttpError err = sluice::HttpError::None;
  if (sluice::parseRequestHead(buf, size, limits, &head, &err) != sluice::ParseStatus::Done) {
    return 0;
  }
  llhttp_settings_t settings;
  llhttp_settings_init(&settings);
  settings.on_headers_complete = onHeadersComplete;
  llhttp_t parser;
  llhttp_init(&parser, HTTP_REQUEST, &settings);
  Seen seen;
  parser.data = &seen;
  llhttp_errno_t rc = llhttp_execute(&parser, buf, head.headBytes);
  if (!seen.headersDone) {
    return 0;
  }
  FUZZ_CHECK(rc == HPE_PAUSED);
  size_t llEnd = static_cast<size_t>(llhttp_get_error_pos(&parser) - buf);
  if (llEnd != head.headBytes) {
    std::fprintf(stderr, "head ends at %zu for us, %zu for llhttp\n", head.headBytes, llEnd);
  }
  FUZZ_CHECK(llEnd == head.headBytes);
  const bool llChunked = (parser.flags & F_CHUNKED) != 0;
  FUZZ_CHECK(llChunked == head.chunked);
  if (head.hasContentLength) {
    FUZZ_CHECK((parser.flags & F_CONTENT_LENGTH) != 0);
    FUZZ_CHECK(parser.content_length == head.contentLength);
  }
  return 0;
}
