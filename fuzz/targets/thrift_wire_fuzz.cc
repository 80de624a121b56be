// Fuzzes Thrift message-boundary detection, message headers, seqid rewriting, TApplicationException decoding and
// skipping (native/src/thrift/wire.cc, API native/include/sluice/thrift_wire.h).
// Input: [transport % 3][protocol % 2][type id][bytes...].
// Properties: a Complete scan lies inside the input; the prefix of a Complete frame is never Complete with a
// different length; a seqid rewritten into a frame reads back and the frame still scans Complete; skipValue
// never reports consuming more than it was given.
#include <cstddef>
#include <cstdint>
#include <string>

#include "fuzz_check.h"
#include "sluice/thrift_wire.h"

using namespace sluice::thrift;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size < 3) {
    return 0;
  }
  const auto transport = static_cast<Transport>(data[0] % 3);
  const auto protocol = static_cast<Protocol>(data[1] % 2);
  const uint8_t ttype = data[2];
  const uint8_t* p = data + 3;
  const size_t n = size - 3;
  const uint32_t maxFrame = 1 << 16;

  size_t skipped = skipValue(protocol, ttype, p, n);
  FUZZ_CHECK(skipped == SIZE_MAX || skipped <= n);

  MessageHeader header;
  size_t hb = readMessageBegin(protocol, p, n, header);
  FUZZ_CHECK(hb <= n);
  if (hb > 0 && !header.name.empty()) {
    FUZZ_CHECK(reinterpret_cast<const uint8_t*>(header.name.data()) >= p &&
               reinterpret_cast<const uint8_t*>(header.name.data()) + header.name.size() <= p + n);
  }
  ApplicationException ex;
  (void)decodeApplicationException(protocol, p, n, ex);

  FrameScan scan = findMessageEnd(transport, protocol, p, n, maxFrame);
  if (scan.status != ScanStatus::Complete) {
    return 0;
  }
  FUZZ_CHECK(scan.frameLength > 0 && scan.frameLength <= n);
  FUZZ_CHECK(scan.payloadOffset + scan.payloadLength <= scan.frameLength);
  // One byte short of the frame is never a complete frame of another length.
  FrameScan shorter = findMessageEnd(transport, protocol, p, scan.frameLength - 1, maxFrame);
  FUZZ_CHECK(shorter.status != ScanStatus::Complete || shorter.frameLength < scan.frameLength);
  FrameScan exact = findMessageEnd(transport, protocol, p, scan.frameLength, maxFrame);
  FUZZ_CHECK(exact.status == ScanStatus::Complete && exact.frameLength == scan.frameLength);

  int32_t seqid = 0;
  if (!readSeqid(transport, protocol, p, scan.frameLength, seqid)) {
    return 0;
  }
  for (int32_t want : {int32_t{0}, int32_t{-1}, int32_t{0x7fffffff}, seqid ^ 0x5a5a}) {
    std::string frame(reinterpret_cast<const char*>(p), scan.frameLength);
    if (!rewriteSeqid(transport, protocol, frame, want)) {
      continue;
    }
    const auto* fp = reinterpret_cast<const uint8_t*>(frame.data());
    int32_t got = 0;
    FUZZ_CHECK(readSeqid(transport, protocol, fp, frame.size(), got));
    FUZZ_CHECK(got == want);
    FrameScan rescanned = findMessageEnd(transport, protocol, fp, frame.size(), UINT32_MAX);
    FUZZ_CHECK(rescanned.status == ScanStatus::Complete && rescanned.frameLength == frame.size());
    std::string inplace(reinterpret_cast<const char*>(p), scan.frameLength);
    if (rewriteSeqidInPlace(transport, protocol, reinterpret_cast<uint8_t*>(inplace.data()), inplace.size(), want)) {
      FUZZ_CHECK(inplace == frame);
    }
  }
  return 0;
}
