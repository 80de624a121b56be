// Snapshot decoding (the bytes src/native/snapshot.ts writes) and the upstream request builder.
#include <cstring>

#include "check.h"
#include "engine/exchange.h"
#include "engine/http_upstream.h"
#include "engine/snapshot.h"

using namespace sluice;

namespace {

struct Bytes {
  std::string b;
  void u8(uint8_t v) { b.push_back(static_cast<char>(v)); }
  void u32(uint32_t v) {
    for (int i = 0; i < 4; i++) { b.push_back(static_cast<char>((v >> (8 * i)) & 0xff)); }
  }
  void u64(uint64_t v) {
    u32(static_cast<uint32_t>(v));
    u32(static_cast<uint32_t>(v >> 32));
  }
  void str(const std::string& s) {
    u32(static_cast<uint32_t>(s.size()));
    b += s;
  }
};

std::string proxySnapshot(const std::string& strip) {
  Bytes w;
  w.b = "SLS1";
  w.u64(7);
  w.u32(1);
  w.str("legacy");
  w.u8(0);
  w.u32(2);
  w.str("GET");
  w.str("POST");
  w.str("/legacy/*rest");
  w.u8(1);
  w.u32(1);
  w.str("127.0.0.1:9000");
  w.str(strip);
  w.u8(1);
  w.u32(111);
  w.u32(222);
  w.u32(3);
  w.u32(0);
  return w.b;
}

}  // namespace

TEST(decodesAProxySnapshot) {
  std::string bytes = proxySnapshot("/legacy");
  std::string why;
  auto s = decodeSnapshot(reinterpret_cast<const uint8_t*>(bytes.data()), bytes.size(), &why);
  CHECK(s != nullptr);
  if (!s) { return; }
  CHECK_EQ(s->version, 7u);
  CHECK_EQ(s->routes.size(), 1u);
  const Route& r = s->routes[0];
  CHECK_EQ(r.id, "legacy");
  CHECK_EQ(r.methods.size(), 2u);
  CHECK(r.proxy.balance == Balance::LeastRequest);
  CHECK_EQ(r.proxy.connectTimeoutMs, 111u);
  CHECK_EQ(r.proxy.timeoutMs, 222u);
  CHECK_EQ(r.proxy.maxConnections, 3u);
  CHECK_EQ(r.proxy.endpoints[0].name, "127.0.0.1:9000");
  RouteMatch m;
  s->router.match("GET", "/legacy/x", &m);
  CHECK(m.kind == RouteMatch::Kind::Found);
}

TEST(rejectsTruncatedOrTrailingBytes) {
  std::string bytes = proxySnapshot("");
  std::string why;
  for (size_t n = 0; n < bytes.size(); n++) {
    CHECK(decodeSnapshot(reinterpret_cast<const uint8_t*>(bytes.data()), n, &why) == nullptr);
  }
  bytes += "x";
  CHECK(decodeSnapshot(reinterpret_cast<const uint8_t*>(bytes.data()), bytes.size(), &why) == nullptr);
}

TEST(rejectsUnresolvableEndpoints) {
  Endpoint e;
  std::string why;
  CHECK(!resolveEndpoint("no-port", &e, &why));
  CHECK(!resolveEndpoint("[::1]9000", &e, &why));
  CHECK(resolveEndpoint("[::1]:9000", &e, &why));
  CHECK(resolveEndpoint("127.0.0.1:80", &e, &why));
}

TEST(buildsTheUpstreamRequest) {
  std::string bytes = proxySnapshot("/legacy");
  std::string why;
  auto s = decodeSnapshot(reinterpret_cast<const uint8_t*>(bytes.data()), bytes.size(), &why);
  CHECK(s != nullptr);
  if (!s) { return; }
  Exchange ex;
  ex.route = &s->routes[0];
  ex.rawHead =
      "POST /legacy/a?q=1 HTTP/1.1\r\nHost: front\r\nConnection: keep-alive, X-Hop\r\nX-Hop: 1\r\nKeep-Alive: 5\r\n"
      "Transfer-Encoding: chunked\r\nX-Forwarded-For: 10.0.0.1\r\nExpect: 100-continue\r\nX-Keep: y\r\n\r\n";
  ParseLimits l;
  HttpError e;
  CHECK(parseRequestHead(ex.rawHead.data(), ex.rawHead.size(), l, &ex.head, &e) == ParseStatus::Done);
  ex.body = "abc";
  ex.requestId = "rid";
  std::string out = buildUpstreamRequest(ex, "192.0.2.1");
  CHECK(out.find("POST /a?q=1 HTTP/1.1\r\n") == 0);
  CHECK(out.find("Host: front\r\n") != std::string::npos);
  CHECK(out.find("X-Hop") == std::string::npos);
  CHECK(out.find("Keep-Alive") == std::string::npos);
  CHECK(out.find("Transfer-Encoding") == std::string::npos);
  CHECK(out.find("Expect") == std::string::npos);
  CHECK(out.find("X-Keep: y\r\n") != std::string::npos);
  CHECK(out.find("X-Forwarded-For: 10.0.0.1, 192.0.2.1\r\n") != std::string::npos);
  CHECK(out.find("X-Forwarded-Proto: http\r\n") != std::string::npos);
  CHECK(out.find("X-Request-Id: rid\r\n") != std::string::npos);
  CHECK(out.size() > 3 && out.compare(out.size() - 24, 24, "Content-Length: 3\r\n\r\nabc") == 0);
}

TEST(stripPrefixLeavesARootPath) {
  std::string bytes = proxySnapshot("/legacy");
  std::string why;
  auto s = decodeSnapshot(reinterpret_cast<const uint8_t*>(bytes.data()), bytes.size(), &why);
  if (!s) { return; }
  Exchange ex;
  ex.route = &s->routes[0];
  ex.rawHead = "GET /legacy?x=1 HTTP/1.1\r\nHost: h\r\n\r\n";
  ParseLimits l;
  HttpError e;
  parseRequestHead(ex.rawHead.data(), ex.rawHead.size(), l, &ex.head, &e);
  std::string out = buildUpstreamRequest(ex, "1.2.3.4");
  CHECK(out.find("GET /?x=1 HTTP/1.1\r\n") == 0);
}

int main() { return sluice_test::runAll(); }
