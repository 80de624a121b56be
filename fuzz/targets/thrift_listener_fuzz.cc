// Fuzzes what a Thrift listener does with a client's first bytes (native/src/engine/thrift_listener_codec.cc):
// dialect sniffing, the frame scan (THeader frames with their transform list, framed, unframed), the bounded
// ZLIB inflate, the message split and the THeader info lookup. Properties:
// - a Complete scan names a frame and a payload that lie inside the input;
// - the scan is prefix-stable: any shorter prefix of a complete frame is NeedMore, never Complete or Invalid
//   (a client sending byte by byte must get the same answer as one sending all at once);
// - a message that splits can be rebuilt in the client's own dialect, and the rebuilt frame scans, inflates and
//   splits back to the same name, type, seqid and body bytes.
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>

#include "engine/thrift_listener_codec.h"
#include "fuzz_check.h"

using namespace sluice;
using namespace sluice::thriftin;

namespace {

constexpr uint32_t kMaxFrame = 1 << 16;

const uint8_t* bytes(const std::string& s) { return reinterpret_cast<const uint8_t*>(s.data()); }

// The payload of a Complete frame, inflated when it carries ZLIB transforms; false when it does not inflate.
bool payloadOf(const uint8_t* p, const thrift::FrameScan& fs, uint8_t zlib, std::string& out) {
  if (zlib == 0) {
    out.assign(reinterpret_cast<const char*>(p + fs.payloadOffset), fs.payloadLength);
    return true;
  }
  return inflatePayload(p + fs.payloadOffset, fs.payloadLength, zlib, kMaxFrame, out);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  Dialect d;
  if (sniffDialect(data, size, d) != Sniff::Ok) { return 0; }
  uint8_t zlib = 0;
  thrift::FrameScan fs = scanClientFrame(d, data, size, kMaxFrame, zlib);
  if (fs.status != thrift::ScanStatus::Complete) { return 0; }
  FUZZ_CHECK(fs.frameLength <= size);
  FUZZ_CHECK(fs.payloadOffset + fs.payloadLength <= fs.frameLength);
  FUZZ_CHECK(zlib <= kMaxZlibTransforms);
  // Prefix stability (sampled: at most 64 cuts, so long inputs stay fast).
  size_t step = fs.frameLength / 64 + 1;
  for (size_t cut = 0; cut < fs.frameLength; cut += step) {
    uint8_t z = 0;
    thrift::FrameScan part = scanClientFrame(d, data, cut, kMaxFrame, z);
    FUZZ_CHECK(part.status == thrift::ScanStatus::NeedMore);
  }
  if (d.transport == thrift::Transport::Header) {
    std::string_view v;
    (void)headerInfo(data, fs.frameLength, "client_id", v);
  }
  std::string payload;
  if (!payloadOf(data, fs, zlib, payload)) { return 0; }
  FUZZ_CHECK(payload.size() <= kMaxFrame);
  thrift::Protocol proto = d.transport == thrift::Transport::Header ? fs.headerProtocol : d.protocol;
  Message m;
  if (!splitMessage(proto, bytes(payload), payload.size(), m)) { return 0; }
  // Round trip in the client's dialect (replies go out that way).
  Dialect reply = d;
  reply.protocol = proto;
  reply.zlib = zlib;
  std::string name(m.header.name);
  std::string body(reinterpret_cast<const char*>(m.body), m.bodyLen);
  std::string out;
  FUZZ_CHECK(buildMessage(reply, name, m.header.type, m.header.seqid, proto, bytes(body), body.size(), out));
  uint8_t z2 = 0;
  thrift::FrameScan back = scanClientFrame(reply, bytes(out), out.size(), kMaxFrame * 2, z2);
  FUZZ_CHECK(back.status == thrift::ScanStatus::Complete);
  FUZZ_CHECK(back.frameLength == out.size());
  FUZZ_CHECK(z2 == zlib);
  std::string payload2;
  FUZZ_CHECK(payloadOf(bytes(out), back, z2, payload2));
  Message m2;
  FUZZ_CHECK(splitMessage(proto, bytes(payload2), payload2.size(), m2));
  FUZZ_CHECK(m2.header.name == name);
  FUZZ_CHECK(m2.header.type == m.header.type);
  FUZZ_CHECK(m2.header.seqid == m.header.seqid);
  FUZZ_CHECK(m2.bodyLen == body.size() && std::memcmp(m2.body, body.data(), body.size()) == 0);
  return 0;
}
