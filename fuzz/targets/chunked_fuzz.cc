// Fuzzes the strict chunked-body decoder (native/src/engine/http_parser.cc ChunkedDecoder).
// Input: [split seed byte][body bytes]. The body is decoded once in one feed and once in pieces whose sizes come
// from the seed; both must agree on the verdict (done / error kind), the consumed byte count and the decoded
// payload — a decoder whose result depends on how TCP segmented the stream is a smuggling vector.
#include <cstddef>
#include <cstdint>
#include <string>

#include "engine/http_parser.h"
#include "fuzz_check.h"

namespace {

struct Outcome {
  bool done = false;
  sluice::HttpError error = sluice::HttpError::None;
  size_t consumed = 0;
  std::string payload;
};

// Feeds until done, error, or the input is exhausted, honouring the decoder's consumed count like a connection
// does (unconsumed bytes are presented again with the next piece).
Outcome run(const char* p, size_t n, size_t piece, uint64_t maxBody) {
  sluice::ChunkedDecoder dec(maxBody);
  Outcome o;
  size_t off = 0;
  size_t avail = 0;
  while (off < n) {
    avail = piece == 0 ? n - off : (avail + piece < n - off ? avail + piece : n - off);
    size_t used = dec.feed(p + off, avail, &o.payload);
    FUZZ_CHECK(used <= avail);
    off += used;
    avail -= used;
    if (dec.done() || dec.error() != sluice::HttpError::None) {
      break;
    }
    if (used == 0 && off + avail >= n) {
      break;  // needs more bytes than the input has
    }
  }
  o.done = dec.done();
  o.error = dec.error();
  o.consumed = off;
  FUZZ_CHECK(dec.decoded() == o.payload.size());
  FUZZ_CHECK(o.payload.size() <= maxBody);
  return o;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size < 1) {
    return 0;
  }
  const size_t piece = (data[0] % 7) + 1;
  const uint64_t maxBody = 4096;
  const char* body = reinterpret_cast<const char*>(data + 1);
  const size_t n = size - 1;
  Outcome whole = run(body, n, 0, maxBody);
  Outcome split = run(body, n, piece, maxBody);
  FUZZ_CHECK(whole.done == split.done);
  FUZZ_CHECK(whole.error == split.error);
  if (whole.done) {
    FUZZ_CHECK(whole.consumed == split.consumed);
    FUZZ_CHECK(whole.payload == split.payload);
  }
  if (whole.error == sluice::HttpError::None && !whole.done) {
    FUZZ_CHECK(whole.payload == split.payload);
  }
  return 0;
}
