// Thrift listener message helpers: dialect sniffing, binary <-> compact body translation against the golden
// vectors of thrift-wire.md §3 (python3-thrift 0.17), depth limits, and framing in the caller's dialect.
#include <string>

#include "check.h"
#include "engine/thrift_listener_codec.h"

using namespace sluice;
using namespace sluice::thriftin;

namespace {

std::string hex(const std::string& b) {
  static const char* d = "0123456789abcdef";
  std::string out;
  for (unsigned char c : b) {
    if (!out.empty()) { out += ' '; }
    out += d[c >> 4];
    out += d[c & 15];
  }
  return out;
}

std::string bytes(std::initializer_list<int> v) {
  std::string s;
  for (int b : v) { s.push_back(static_cast<char>(b)); }
  return s;
}

/// Builds a buffered message around `body` in `from`, then re-encodes it into `to` and returns the new body.
std::string translateBody(thrift::Protocol from, thrift::Protocol to, const std::string& body, bool* ok) {
  std::string out;
  Dialect d{thrift::Transport::Buffered, to, 0};
  *ok = buildMessage(d, "m", thrift::MessageType::Reply, 1, from, reinterpret_cast<const uint8_t*>(body.data()), body.size(), out);
  if (!*ok) { return ""; }
  Message m;
  *ok = splitMessage(to, reinterpret_cast<const uint8_t*>(out.data()), out.size(), m);
  return std::string(reinterpret_cast<const char*>(m.body), m.bodyLen);
}

}  // namespace

TEST(sniffsEveryDialectAnApacheHeaderServerAccepts) {
  Dialect d;
  std::string ub = bytes({0x80, 0x01, 0x00, 0x01});
  CHECK(sniffDialect(reinterpret_cast<const uint8_t*>(ub.data()), ub.size(), d) == Sniff::Ok);
  CHECK(d.transport == thrift::Transport::Buffered && d.protocol == thrift::Protocol::Binary);
  std::string uc = bytes({0x82, 0x21, 0x01, 0x04});
  CHECK(sniffDialect(reinterpret_cast<const uint8_t*>(uc.data()), uc.size(), d) == Sniff::Ok);
  CHECK(d.transport == thrift::Transport::Buffered && d.protocol == thrift::Protocol::Compact);
  std::string fb = bytes({0, 0, 0, 16, 0x80, 0x01, 0, 1});
  CHECK(sniffDialect(reinterpret_cast<const uint8_t*>(fb.data()), 4, d) == Sniff::NeedMore);
  CHECK(sniffDialect(reinterpret_cast<const uint8_t*>(fb.data()), fb.size(), d) == Sniff::Ok);
  CHECK(d.transport == thrift::Transport::Framed && d.protocol == thrift::Protocol::Binary);
  std::string fc = bytes({0, 0, 0, 16, 0x82, 0x21, 1, 4});
  CHECK(sniffDialect(reinterpret_cast<const uint8_t*>(fc.data()), fc.size(), d) == Sniff::Ok);
  CHECK(d.transport == thrift::Transport::Framed && d.protocol == thrift::Protocol::Compact);
  std::string th = bytes({0, 0, 0, 30, 0x0f, 0xff, 0x00, 0x01});
  CHECK(sniffDialect(reinterpret_cast<const uint8_t*>(th.data()), th.size(), d) == Sniff::Ok);
  CHECK(d.transport == thrift::Transport::Header && d.headerFlags == 1);
  std::string http = "GET / HTTP/1.1\r\n";
  CHECK(sniffDialect(reinterpret_cast<const uint8_t*>(http.data()), http.size(), d) == Sniff::Invalid);
}

TEST(translatesTheGoldenVectorsBothWays) {
  // thrift-wire.md §3 rows: {binary, compact} encodings of the same struct.
  const std::pair<std::string, std::string> rows[] = {
      {bytes({0x02, 0x00, 0x01, 0x01, 0x02, 0x00, 0x02, 0x00, 0x00}), bytes({0x11, 0x12, 0x00})},
      {bytes({0x06, 0x00, 0x04, 0xff, 0xff, 0x08, 0x00, 0x05, 0x00, 0x00, 0x00, 0x01, 0x0a, 0x00, 0x06, 0x80, 0, 0, 0, 0, 0, 0, 0, 0x00}),
       bytes({0x44, 0x01, 0x15, 0x02, 0x16, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x01, 0x00})},
      {bytes({0x04, 0x00, 0x07, 0x3f, 0xf0, 0, 0, 0, 0, 0, 0, 0x00}), bytes({0x77, 0, 0, 0, 0, 0, 0, 0xf0, 0x3f, 0x00})},
      {bytes({0x0b, 0x00, 0x08, 0, 0, 0, 3, 0x68, 0xc3, 0xa9, 0x0f, 0x00, 0x0a, 0x02, 0, 0, 0, 2, 0x01, 0x00, 0x00}),
       bytes({0x88, 0x03, 0x68, 0xc3, 0xa9, 0x29, 0x21, 0x01, 0x02, 0x00})},
      {bytes({0x08, 0x00, 0x1d, 0, 0, 0, 2, 0x08, 0x00, 0x1e, 0, 0, 0, 1, 0x00}), bytes({0x05, 0x3a, 0x04, 0x15, 0x02, 0x00})},
      {bytes({0x03, 0x00, 0x03, 0xff, 0x0c, 0x00, 0x0d, 0x02, 0x00, 0x01, 0x01, 0x00, 0x00}), bytes({0x33, 0xff, 0xac, 0x11, 0x00, 0x00})},
  };
  for (const auto& r : rows) {
    bool ok = false;
    CHECK_EQ(hex(translateBody(thrift::Protocol::Binary, thrift::Protocol::Compact, r.first, &ok)), hex(r.second));
    CHECK(ok);
    CHECK_EQ(hex(translateBody(thrift::Protocol::Compact, thrift::Protocol::Binary, r.second, &ok)), hex(r.first));
    CHECK(ok);
  }
}

TEST(copiesTheBodyAsRawBytesWhenTheProtocolsMatch) {
  std::string body = bytes({0x0b, 0x00, 0x01, 0, 0, 0, 1, 0x41, 0x00});
  bool ok = false;
  CHECK_EQ(hex(translateBody(thrift::Protocol::Binary, thrift::Protocol::Binary, body, &ok)), hex(body));
  CHECK(ok);
}

TEST(rejectsBodiesDeeperThanTheLimitAndTrailingBytes) {
  std::string deep;
  for (int i = 0; i < 100; i++) { deep += bytes({0x0c, 0x00, 0x01}); }
  deep += std::string(101, '\0');
  bool ok = true;
  translateBody(thrift::Protocol::Binary, thrift::Protocol::Compact, deep, &ok);
  CHECK(!ok);
  std::string msg;
  Dialect d{thrift::Transport::Buffered, thrift::Protocol::Binary, 0};
  std::string empty = bytes({0x00});
  CHECK(buildMessage(d, "m", thrift::MessageType::Call, 1, thrift::Protocol::Binary, reinterpret_cast<const uint8_t*>(empty.data()), 1, msg));
  Message m;
  CHECK(splitMessage(thrift::Protocol::Binary, reinterpret_cast<const uint8_t*>(msg.data()), msg.size(), m));
  msg.push_back('\0');
  CHECK(!splitMessage(thrift::Protocol::Binary, reinterpret_cast<const uint8_t*>(msg.data()), msg.size(), m));
  std::string bombMsg;
  thrift::writeMessageBegin(thrift::Protocol::Binary, "m", thrift::MessageType::Call, 1, bombMsg);
  bombMsg += deep;
  CHECK(!splitMessage(thrift::Protocol::Binary, reinterpret_cast<const uint8_t*>(bombMsg.data()), bombMsg.size(), m));
}

TEST(answersTHeaderCallersWithTheirFlagsAndProtocol) {
  std::string out;
  Dialect d{thrift::Transport::Header, thrift::Protocol::Compact, 0x0001};
  buildAppException(d, "ping", -1, kInternalError, "boom", out);
  const auto* p = reinterpret_cast<const uint8_t*>(out.data());
  thrift::FrameScan scan = thrift::findMessageEnd(thrift::Transport::Header, thrift::Protocol::Binary, p, out.size());
  CHECK(scan.status == thrift::ScanStatus::Complete);
  CHECK(scan.headerProtocol == thrift::Protocol::Compact);
  CHECK_EQ(static_cast<int>(p[6] << 8 | p[7]), 1);
  Message m;
  CHECK(splitMessage(thrift::Protocol::Compact, p + scan.payloadOffset, scan.payloadLength, m));
  CHECK(m.header.type == thrift::MessageType::Exception);
  CHECK_EQ(m.header.seqid, -1);
  thrift::ApplicationException ae;
  CHECK(thrift::decodeApplicationException(thrift::Protocol::Compact, m.body, m.bodyLen, ae));
  CHECK_EQ(ae.type, static_cast<int32_t>(kInternalError));
  CHECK_EQ(ae.message, std::string("boom"));
}

TEST(readsTheAuthorizationInfoHeaderOfATHeaderFrame) {
  // length, magic, flags, seqid, 4 words of header: proto 0, 0 transforms, KV (id 1) with 2 pairs, padding.
  std::string f = bytes({0, 0, 0, 0, 0x0f, 0xff, 0, 0, 0, 0, 0, 1, 0, 6, 0x00, 0x00, 0x01, 0x02});
  f += bytes({1}) + "a" + bytes({1}) + "b";
  f += bytes({13}) + "authorization" + bytes({8}) + "Bearer t";
  while ((f.size() - 14) % 4 != 0) { f.push_back(0); }
  CHECK_EQ(static_cast<int>((f.size() - 14) / 4), 8);
  f[13] = 8;
  const auto* p = reinterpret_cast<const uint8_t*>(f.data());
  std::string_view v;
  CHECK(headerInfo(p, f.size(), "authorization", v));
  CHECK_EQ(std::string(v), std::string("Bearer t"));
  CHECK(!headerInfo(p, f.size(), "Authorization", v));
  // A length that runs past the header is refused, not read.
  f[36] = 100;
  CHECK(!headerInfo(p, f.size(), "authorization", v));
}

int main() { return sluice_test::runAll(); }
