// THeader ZLIB transform: bounded inflate (round trips, Python's bytes, corrupt and truncated streams, bombs over
// the limit), and the listener codec's zlib frames (scan, inflate, replies deflated as many times as the call).
#include <string>

#include "check.h"
#include "engine/thrift_header_zlib.h"
#include "engine/thrift_listener_codec.h"

using namespace sluice;
using namespace sluice::thriftin;

namespace {

const uint8_t* u8(const std::string& s) { return reinterpret_cast<const uint8_t*>(s.data()); }

std::string deflated(const std::string& in) {
  std::string out;
  CHECK(zlibDeflate(u8(in), in.size(), out));
  return out;
}

std::string unhex(const char* h) {
  std::string out;
  for (size_t i = 0; h[i] != 0 && h[i + 1] != 0; i += 2) {
    auto nib = [](char c) { return c <= '9' ? c - '0' : c - 'a' + 10; };
    out.push_back(static_cast<char>(nib(h[i]) << 4 | nib(h[i + 1])));
  }
  return out;
}

/// A THeader frame (binary protocol id) around `payload` listing `ids` as transforms.
std::string theader(const std::string& payload, std::initializer_list<uint8_t> ids) {
  std::string head{0, static_cast<char>(ids.size())};
  for (uint8_t id : ids) { head.push_back(static_cast<char>(id)); }
  while (head.size() % 4 != 0) { head.push_back(0); }
  std::string f = std::string{0x0f, static_cast<char>(0xff), 0, 0, 0, 0, 0, 7, 0, static_cast<char>(head.size() / 4)} + head + payload;
  uint32_t n = static_cast<uint32_t>(f.size());
  return std::string{static_cast<char>(n >> 24), static_cast<char>(n >> 16), static_cast<char>(n >> 8), static_cast<char>(n)} + f;
}

std::string callMessage() {
  std::string out;
  Dialect buffered{thrift::Transport::Buffered, thrift::Protocol::Binary, 0};
  const std::string body{11, 0, 1, 0, 0, 0, 2, 'h', 'i', 0};  // struct { 1: string "hi" }
  CHECK(buildMessage(buffered, "echo", thrift::MessageType::Call, 5, thrift::Protocol::Binary, u8(body), body.size(), out));
  return out;
}

const Dialect kHeader{thrift::Transport::Header, thrift::Protocol::Binary, 0};

}  // namespace

TEST(inflatesWhatItDeflatesForEmptySmallAndLargePayloads) {
  std::string large;
  for (size_t i = 0; i < 300000; i++) { large.push_back(static_cast<char>((i * 7919) % 251)); }
  for (const std::string& in : {std::string(), std::string("hello"), large}) {
    std::string out;
    std::string z = deflated(in);
    CHECK(zlibInflate(u8(z), z.size(), in.size(), out) == InflateResult::Ok);  // the limit is inclusive
    CHECK(out == in);
  }
}

TEST(inflatesTheBytesOfPythonZlibCompress) {
  std::string z = unhex("789ccb48cdc9c90700062c0215");  // python3 zlib.compress(b'hello')
  std::string out;
  CHECK(zlibInflate(u8(z), z.size(), 1000, out) == InflateResult::Ok);
  CHECK_EQ(out, std::string("hello"));
}

TEST(treatsCorruptTruncatedTrailingAndEmptyStreamsAsCorrupt) {
  std::string z = deflated(std::string(1000, 'a') + "tail");
  std::string out;
  std::string flipped = z;
  flipped[z.size() / 2] = static_cast<char>(flipped[z.size() / 2] ^ 0x55);
  CHECK(zlibInflate(u8(flipped), flipped.size(), 1 << 20, out) == InflateResult::Corrupt);
  std::string badChecksum = z;
  badChecksum.back() = static_cast<char>(badChecksum.back() ^ 1);
  CHECK(zlibInflate(u8(badChecksum), badChecksum.size(), 1 << 20, out) == InflateResult::Corrupt);
  CHECK(zlibInflate(u8(z), z.size() - 3, 1 << 20, out) == InflateResult::Corrupt);
  std::string trailing = z + "x";
  CHECK(zlibInflate(u8(trailing), trailing.size(), 1 << 20, out) == InflateResult::Corrupt);
  CHECK(zlibInflate(u8(z), 0, 1 << 20, out) == InflateResult::Corrupt);
  std::string notZlib = "\x80\x01\x00\x01garbage";
  CHECK(zlibInflate(u8(notZlib), notZlib.size(), 1 << 20, out) == InflateResult::Corrupt);
  CHECK(out.empty());
}

TEST(stopsABombAtTheLimitWithoutAllocatingPastIt) {
  std::string z = deflated(std::string(64 << 20, '\0'));  // 64 MiB of zeros deflate to about 64 KiB
  CHECK(z.size() < (128 << 10));
  const size_t limit = 1 << 20;
  std::string out;
  CHECK(zlibInflate(u8(z), z.size(), limit, out) == InflateResult::TooLarge);
  CHECK(out.empty());
  std::string exact;
  std::string z2 = deflated(std::string(limit + 1, 'b'));
  CHECK(zlibInflate(u8(z2), z2.size(), limit, exact) == InflateResult::TooLarge);
  CHECK(exact.capacity() <= limit + 1 + 64);  // grown by doubling but capped at the limit (+ allocator slack)
}

TEST(scansTHeaderFramesWithZlibTransformsAndInflatesTheirPayload) {
  std::string msg = callMessage();
  for (uint8_t rounds : {1, 2}) {
    std::string payload = rounds == 1 ? deflated(msg) : deflated(deflated(msg));
    std::string f = rounds == 1 ? theader(payload, {1}) : theader(payload, {1, 1});
    uint8_t zlib = 9;
    thrift::FrameScan scan = scanClientFrame(kHeader, u8(f), f.size(), thrift::kDefaultMaxFrameBytes, zlib);
    CHECK(scan.status == thrift::ScanStatus::Complete);
    CHECK_EQ(int{zlib}, int{rounds});
    CHECK_EQ(scan.frameLength, f.size());
    std::string plain;
    CHECK(inflatePayload(u8(f) + scan.payloadOffset, scan.payloadLength, zlib, 1 << 20, plain));
    CHECK(plain == msg);
    Message m;
    CHECK(splitMessage(thrift::Protocol::Binary, u8(plain), plain.size(), m));
    CHECK_EQ(m.header.name, std::string_view("echo"));
    CHECK(scanClientFrame(kHeader, u8(f), f.size() - 1, thrift::kDefaultMaxFrameBytes, zlib).status == thrift::ScanStatus::NeedMore);
  }
  std::string plainFrame = theader(msg, {});
  uint8_t zlib = 9;
  CHECK(scanClientFrame(kHeader, u8(plainFrame), plainFrame.size(), thrift::kDefaultMaxFrameBytes, zlib).status == thrift::ScanStatus::Complete);
  CHECK_EQ(int{zlib}, 0);
}

TEST(rejectsOtherTransformsAndTooManyZlibRounds) {
  std::string msg = callMessage();
  uint8_t zlib = 0;
  for (const std::string& f : {theader(msg, {2}), theader(msg, {3}), theader(msg, {1, 2}), theader(msg, {1, 1, 1}), theader(msg, {0x7f})}) {
    CHECK(scanClientFrame(kHeader, u8(f), f.size(), thrift::kDefaultMaxFrameBytes, zlib).status == thrift::ScanStatus::Invalid);
  }
  std::string big = theader(std::string(2000, 'x'), {1});
  CHECK(scanClientFrame(kHeader, u8(big), big.size(), 1000, zlib).status == thrift::ScanStatus::Invalid);
}

TEST(inflatePayloadRefusesBombsAndCorruptDataInEveryRound) {
  std::string bomb = deflated(std::string(8 << 20, '\0'));
  std::string out;
  CHECK(!inflatePayload(u8(bomb), bomb.size(), 1, 1 << 20, out));
  std::string inner = deflated(deflated(std::string(8 << 20, '\0')));  // small after two rounds, huge after both
  CHECK(!inflatePayload(u8(inner), inner.size(), 2, 1 << 20, out));
  std::string corrupt = deflated(std::string("not a zlib stream"));  // round 2 fails: round 1's output is not zlib
  CHECK(!inflatePayload(u8(corrupt), corrupt.size(), 2, 1 << 20, out));
}

TEST(repliesToZlibCallersWithAsManyZlibTransforms) {
  const std::string body{11, 0, 0, 0, 0, 0, 2, 'o', 'k', 0};
  for (uint8_t rounds : {1, 2}) {
    for (thrift::Protocol p : {thrift::Protocol::Binary, thrift::Protocol::Compact}) {
      Dialect d{thrift::Transport::Header, p, 0x1234, rounds};
      std::string out;
      CHECK(buildMessage(d, "echo", thrift::MessageType::Reply, 42, thrift::Protocol::Binary, u8(body), body.size(), out));
      CHECK_EQ(static_cast<uint8_t>(out[6]), 0x12);  // the caller's flags are kept
      CHECK_EQ(static_cast<uint8_t>(out[7]), 0x34);
      uint8_t zlib = 0;
      thrift::FrameScan scan = scanClientFrame(kHeader, u8(out), out.size(), thrift::kDefaultMaxFrameBytes, zlib);
      CHECK(scan.status == thrift::ScanStatus::Complete);
      CHECK_EQ(int{zlib}, int{rounds});
      CHECK(scan.headerProtocol == p);
      std::string plain;
      CHECK(inflatePayload(u8(out) + scan.payloadOffset, scan.payloadLength, zlib, 1 << 20, plain));
      Message m;
      CHECK(splitMessage(p, u8(plain), plain.size(), m));
      CHECK_EQ(m.header.seqid, 42);
      CHECK(m.header.type == thrift::MessageType::Reply);
      // The header still parses for info lookups: the transform list is skipped correctly.
      std::string_view v;
      CHECK(!headerInfo(u8(out), out.size(), "authorization", v));
    }
  }
  std::string ex;
  buildAppException(Dialect{thrift::Transport::Header, thrift::Protocol::Binary, 0, 1}, "echo", 3, kProtocolError, "bad", ex);
  uint8_t zlib = 0;
  CHECK(scanClientFrame(kHeader, u8(ex), ex.size(), thrift::kDefaultMaxFrameBytes, zlib).status == thrift::ScanStatus::Complete);
  CHECK_EQ(int{zlib}, 1);
}

int main() { return sluice_test::runAll(); }
