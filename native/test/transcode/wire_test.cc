// Thrift wire helpers: message headers (golden vectors of thrift-wire.md §3), framing for all three transports,
// boundary detection at every split offset, seqid read/rewrite, TApplicationException, skip limits.
#include <cstring>
#include <string>

#include "sluice/thrift_wire.h"
#include "test_support.h"
#include "thrift/reader.h"

using namespace sluice::thrift;
using sluice::test::hex;
using sluice::test::unhex;

namespace {

const uint8_t* u8(const std::string& s) { return reinterpret_cast<const uint8_t*>(s.data()); }

// A minimal CALL message: header + empty args struct.
std::string message(Protocol p, const char* name, int32_t seqid) {
  std::string m;
  writeMessageBegin(p, name, MessageType::Call, seqid, m);
  m.push_back(0);  // STOP: empty struct
  return m;
}

void messageHeaderGoldenVectors() {
  std::string b;
  writeMessageBegin(Protocol::Binary, "ping", MessageType::Call, 1, b);
  CHECK_EQ(hex(b), std::string("800100010000000470696e6700000001"));
  std::string c;
  writeMessageBegin(Protocol::Compact, "ping", MessageType::Call, 1, c);
  CHECK_EQ(hex(c), std::string("8221010470696e67"));
  std::string neg;
  writeMessageBegin(Protocol::Compact, "ping", MessageType::Call, -1, neg);
  CHECK_EQ(hex(neg).substr(0, 14), std::string("8221ffffffff0f"));
  std::string reply;
  writeMessageBegin(Protocol::Compact, "", MessageType::Reply, 0, reply);
  CHECK_EQ(hex(reply).substr(0, 4), std::string("8241"));

  MessageHeader h;
  CHECK(readMessageBegin(Protocol::Compact, u8(neg), neg.size(), h) == neg.size());
  CHECK_EQ(h.seqid, -1);
  CHECK(h.name == "ping");
  // Old non-strict binary: name length, name, type byte, seqid.
  std::string old = unhex("0000000470696e670100000007");
  CHECK(readMessageBegin(Protocol::Binary, u8(old), old.size(), h) == old.size());
  CHECK(h.type == MessageType::Call && h.seqid == 7 && h.name == "ping");
  // Bad version and truncation are failures, not crashes.
  std::string bad = unhex("8002000100000000");
  CHECK_EQ(readMessageBegin(Protocol::Binary, u8(bad), bad.size(), h), size_t{0});
  CHECK_EQ(readMessageBegin(Protocol::Binary, u8(b), 10, h), size_t{0});
}

void framingRoundTripsAndSplits() {
  for (Protocol p : {Protocol::Binary, Protocol::Compact}) {
    for (Transport t : {Transport::Framed, Transport::Buffered, Transport::Header}) {
      std::string msg = message(p, "getItem", 42);
      std::string frame;
      frameMessage(t, p, 42, u8(msg), msg.size(), frame);
      FrameScan s = findMessageEnd(t, p, u8(frame), frame.size());
      CHECK(s.status == ScanStatus::Complete);
      CHECK_EQ(s.frameLength, frame.size());
      CHECK(frame.compare(s.payloadOffset, s.payloadLength, msg) == 0);
      CHECK(s.headerProtocol == p);
      // Every proper prefix needs more bytes.
      for (size_t cut = 0; cut < frame.size(); ++cut) {
        CHECK(findMessageEnd(t, p, u8(frame), cut).status == ScanStatus::NeedMore);
      }
      // Two messages back to back: the first is found alone.
      std::string two = frame + frame;
      CHECK_EQ(findMessageEnd(t, p, u8(two), two.size()).frameLength, frame.size());
      int32_t seq = 0;
      CHECK(readSeqid(t, p, u8(frame), frame.size(), seq) && seq == 42);
      // Rewrites: same size in place, and a size change for compact varints.
      for (int32_t ns : {43, -1, 0x7fffffff, 5}) {
        std::string copy = frame;
        CHECK(rewriteSeqid(t, p, copy, ns));
        CHECK(readSeqid(t, p, u8(copy), copy.size(), seq) && seq == ns);
        FrameScan s2 = findMessageEnd(t, p, u8(copy), copy.size());
        CHECK(s2.status == ScanStatus::Complete && s2.frameLength == copy.size());
        if (t == Transport::Header) {
          CHECK_EQ((static_cast<uint32_t>(static_cast<uint8_t>(copy[8])) << 24) |
                       (static_cast<uint32_t>(static_cast<uint8_t>(copy[11]))),
                   (static_cast<uint32_t>(ns) & 0xff000000u) | (static_cast<uint32_t>(ns) & 0xffu));
        }
      }
      std::string inplace = frame;
      bool ok = rewriteSeqidInPlace(t, p, reinterpret_cast<uint8_t*>(&inplace[0]), inplace.size(), -1);
      CHECK_EQ(ok, p == Protocol::Binary);  // compact -1 needs 5 varint bytes instead of 1
    }
  }
}

void invalidFrames() {
  std::string huge = unhex("7fffffff");
  CHECK(findMessageEnd(Transport::Framed, Protocol::Binary, u8(huge), huge.size()).status == ScanStatus::Invalid);
  CHECK(findMessageEnd(Transport::Header, Protocol::Binary, u8(huge), huge.size()).status == ScanStatus::Invalid);
  // A header frame without the 0x0FFF magic.
  std::string nomagic = unhex("0000000a12340000000000000000");
  CHECK(findMessageEnd(Transport::Header, Protocol::Binary, u8(nomagic), nomagic.size()).status == ScanStatus::Invalid);
  // THeader with a zlib transform is refused natively.
  std::string zlib = unhex("0000000e0fff0000000000010001000101000000");
  zlib.resize(4 + 14);
  CHECK(findMessageEnd(Transport::Header, Protocol::Binary, u8(zlib), zlib.size()).status == ScanStatus::Invalid);
  // Buffered garbage is invalid at once; a buffered message over the limit is invalid.
  std::string garbage = unhex("0102030405060708");
  CHECK(findMessageEnd(Transport::Buffered, Protocol::Binary, u8(garbage), garbage.size()).status ==
        ScanStatus::Invalid);
  std::string msg = message(Protocol::Binary, "getItem", 1);
  CHECK(findMessageEnd(Transport::Buffered, Protocol::Binary, u8(msg), msg.size(), 8).status == ScanStatus::Invalid);
}

void applicationException() {
  // {1: "nope", 2: 1}
  std::string bin = unhex("0b0001000000046e6f706508000200000001" "00");
  ApplicationException ax;
  CHECK(decodeApplicationException(Protocol::Binary, u8(bin), bin.size(), ax));
  CHECK(ax.message == "nope" && ax.type == 1);
  std::string cmp = unhex("18046e6f70651502" "00");
  ApplicationException cx;
  CHECK(decodeApplicationException(Protocol::Compact, u8(cmp), cmp.size(), cx));
  CHECK(cx.message == "nope" && cx.type == 1);
  CHECK(!decodeApplicationException(Protocol::Binary, u8(bin), bin.size() - 2, ax));
}

void skipLimits() {
  // 65 nested lists of lists: deeper than 64 → failure, not recursion without end.
  std::string deep;
  for (int i = 0; i < 70; ++i) deep += unhex("0f00000001");
  deep += unhex("0800000000");
  CHECK_EQ(skipValue(Protocol::Binary, ttype::List, u8(deep), deep.size()), size_t{0});
  // A list claiming 2^31-1 elements with a few bytes: truncated quickly.
  std::string big = unhex("087fffffff00000001");
  CHECK_EQ(skipValue(Protocol::Binary, ttype::List, u8(big), big.size()), SIZE_MAX);
  // Negative string length is malformed.
  std::string neg = unhex("ffffffff");
  CHECK_EQ(skipValue(Protocol::Binary, ttype::String, u8(neg), neg.size()), size_t{0});
  // Unknown type id is malformed.
  std::string st = unhex("0100010000");
  CHECK_EQ(skipValue(Protocol::Binary, ttype::Struct, u8(st), st.size()), size_t{0});
  // Over-long compact varint.
  std::string vi = unhex("ffffffffffffffffffffff01");
  CHECK_EQ(skipValue(Protocol::Compact, ttype::I64, u8(vi), vi.size()), size_t{0});
  // Compact golden struct (thrift-wire §3): skip consumes it exactly.
  std::string g = unhex("1803 68c3a9 16feffffffffffffffff01 21 17000000000000f03f 00");
  CHECK_EQ(skipValue(Protocol::Compact, ttype::Struct, u8(g), g.size()), g.size());
}

}  // namespace

int main() {
  messageHeaderGoldenVectors();
  framingRoundTripsAndSplits();
  invalidFrames();
  applicationException();
  skipLimits();
  return sluice::test::finish("wire_test");
}
