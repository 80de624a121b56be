// Snapshot decoding (the bytes src/native/snapshot.ts writes) and the upstream request builder.
#include <arpa/inet.h>

#include <cstring>
#include <vector>

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

// No routes, one Thrift upstream and one listener in front of it; `plan` is the first function's plan.
std::string listenerSnapshot(const std::string& plan) {
  Bytes w;
  w.b = "SLS1";
  w.u64(9);
  w.u32(0);  // routes
  w.u32(1);  // thrift upstreams
  w.str("users");
  w.u32(1);
  w.str("127.0.0.1:9090");
  w.u8(2);  // header
  w.u8(1);  // compact
  w.u32(100);
  w.u32(2000);
  w.u32(8);
  w.str("Users");
  w.u32(1);  // listeners
  w.str("127.0.0.1:9191");
  w.u8(0);  // framed
  w.u8(0);  // binary
  w.str("users");
  w.u32(1);  // services
  w.str("users.Users");
  w.u32(1);
  w.str("Users");
  w.str("Users");
  w.u32(2);  // functions
  w.str("get");
  w.u8(0);
  w.str(plan);
  w.str("notify");
  w.u8(1);
  w.str("");
  return w.b;
}

std::shared_ptr<Snapshot> decode(const std::string& bytes, std::string* why) {
  return decodeSnapshot(reinterpret_cast<const uint8_t*>(bytes.data()), bytes.size(), why);
}

// One proxy route with two endpoints and one Thrift upstream with a third: every place an endpoint is resolved.
std::string threeEndpointSnapshot() {
  Bytes w;
  w.b = "SLS1";
  w.u64(3);
  w.u32(1);  // routes
  w.str("api");
  w.u8(1);  // any method
  w.u32(0);
  w.str("/api/*rest");
  w.u8(1);  // proxy
  w.u32(2);
  w.str("backend-a.internal:8080");
  w.str("backend-b.internal:8080");
  w.str("");
  w.u8(0);
  w.u32(100);
  w.u32(200);
  w.u32(4);
  w.u32(1);  // thrift upstreams
  w.str("users");
  w.u32(1);
  w.str("users.internal:9090");
  w.u8(0);
  w.u8(0);
  w.u32(100);
  w.u32(2000);
  w.u32(8);
  w.str("");
  w.u32(0);  // listeners
  return w.b;
}

// A resolver that looks nothing up: records every name it is asked for, refuses `refuse` (with `refuseWhy`, which
// may be empty) and maps every other name to 192.0.2.7 on a port that counts the calls.
struct FakeDns {
  static std::vector<std::string> asked;
  static std::string refuse;
  static std::string refuseWhy;
  static bool resolve(const std::string& hostPort, Endpoint* out, std::string* why) {
    asked.push_back(hostPort);
    if (hostPort == refuse) {
      *why = refuseWhy;
      return false;
    }
    auto* sin = reinterpret_cast<sockaddr_in*>(&out->addr);
    sin->sin_family = AF_INET;
    sin->sin_port = htons(static_cast<uint16_t>(7000 + asked.size()));
    sin->sin_addr.s_addr = htonl(0xc0000207);
    out->addrLen = sizeof(sockaddr_in);
    return true;
  }
  static void reset(const std::string& name, const std::string& message) {
    asked.clear();
    refuse = name;
    refuseWhy = message;
  }
};
std::vector<std::string> FakeDns::asked;
std::string FakeDns::refuse;
std::string FakeDns::refuseWhy;

std::shared_ptr<Snapshot> decodeWith(const std::string& bytes, std::string* why, EndpointResolver resolve) {
  return decodeSnapshot(reinterpret_cast<const uint8_t*>(bytes.data()), bytes.size(), why, resolve);
}

uint16_t portOf(const Endpoint& e) { return ntohs(reinterpret_cast<const sockaddr_in*>(&e.addr)->sin_port); }

}  // namespace

TEST(decodesAThriftUpstreamAndAListenerInFrontOfIt) {
  std::string why;
  auto s = decode(listenerSnapshot(""), &why);
  CHECK(s != nullptr);
  if (!s) { return; }
  CHECK_EQ(s->version, 9u);
  CHECK_EQ(s->thriftUpstreams.size(), 1u);
  const ThriftUpstream& u = s->thriftUpstreams[0];
  CHECK(u.transport == ThriftTransport::Header);
  CHECK(u.protocol == ThriftProtocol::Compact);
  CHECK_EQ(u.timeoutMs, 2000u);
  CHECK_EQ(u.multiplexedName, "Users");
  CHECK_EQ(u.poolKeys.size(), 1u);
  CHECK_EQ(s->thriftListeners.size(), 1u);
  const ThriftListener& l = s->thriftListeners[0];
  CHECK_EQ(l.listen, "127.0.0.1:9191");
  CHECK(l.transport == ThriftTransport::Framed);
  CHECK_EQ(l.upstreamIndex, 0);
  CHECK_EQ(l.services.size(), 1u);
  CHECK_EQ(l.services[0].muxNames.size(), 1u);
  CHECK_EQ(l.services[0].functions.size(), 2u);
  CHECK(l.services[0].functions.at("notify").oneway);
  CHECK(!l.services[0].functions.at("get").oneway);
}

TEST(rejectsACountLargerThanTheBytesLeftBeforeAllocating) {
  Bytes w;
  w.b = "SLS1";
  w.u64(1);
  w.u32(0xffffffffu);  // routes
  std::string why;
  CHECK(decode(w.b, &why) == nullptr);
  CHECK(why.find("truncated") != std::string::npos);
}

TEST(namesTheListenerFunctionWhosePlanDoesNotLoad) {
  std::string why;
  CHECK(decode(listenerSnapshot("not a plan"), &why) == nullptr);
  CHECK(why.find("127.0.0.1:9191") != std::string::npos);
  CHECK(why.find("get") != std::string::npos);
}

TEST(rejectsEveryTruncationOfAListenerSnapshot) {
  std::string bytes = listenerSnapshot("");
  std::string why;
  // The listener section is optional, so exactly one cut decodes: the one just before it. Any cut inside
  // it must not pass as "no listeners".
  size_t decoded = 0;
  for (size_t n = 4; n < bytes.size(); n++) {
    auto s = decode(bytes.substr(0, n), &why);
    if (s) {
      decoded++;
      CHECK(s->thriftListeners.empty());
      CHECK_EQ(s->thriftUpstreams.size(), 1u);
    }
  }
  CHECK_EQ(decoded, 1u);
}

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

TEST(resolvesEveryEndpointThroughTheGivenResolver) {
  FakeDns::reset("", "");
  std::string why;
  auto s = decodeWith(threeEndpointSnapshot(), &why, FakeDns::resolve);
  CHECK(s != nullptr);
  if (!s) { return; }
  CHECK_EQ(FakeDns::asked.size(), 3u);
  if (FakeDns::asked.size() != 3) { return; }
  CHECK_EQ(FakeDns::asked[0], "backend-a.internal:8080");
  CHECK_EQ(FakeDns::asked[1], "backend-b.internal:8080");
  CHECK_EQ(FakeDns::asked[2], "users.internal:9090");
  // Addresses are the resolver's; names stay as configured (they are the pool keys).
  const std::vector<Endpoint>& eps = s->routes[0].proxy.endpoints;
  CHECK_EQ(eps.size(), 2u);
  if (eps.size() != 2) { return; }
  CHECK_EQ(eps[0].name, "backend-a.internal:8080");
  CHECK_EQ(portOf(eps[0]), 7001);
  CHECK_EQ(portOf(eps[1]), 7002);
  CHECK_EQ(portOf(s->thriftUpstreams[0].endpoints[0]), 7003);
  CHECK(s->thriftUpstreams[0].poolKeys[0].find("users.internal:9090") != std::string::npos);
}

TEST(failsWithTheResolversMessageAndStopsAtTheEndpointItRefuses) {
  FakeDns::reset("backend-b.internal:8080", "fake dns: no such host backend-b.internal");
  std::string why;
  CHECK(decodeWith(threeEndpointSnapshot(), &why, FakeDns::resolve) == nullptr);
  CHECK_EQ(why, "fake dns: no such host backend-b.internal");
  CHECK_EQ(FakeDns::asked.size(), 2u);

  FakeDns::reset("users.internal:9090", "fake dns: refused");
  why.clear();
  CHECK(decodeWith(threeEndpointSnapshot(), &why, FakeDns::resolve) == nullptr);
  CHECK_EQ(why, "fake dns: refused");
  CHECK_EQ(FakeDns::asked.size(), 3u);
}

TEST(aResolverThatFailsWithoutAWordStillGetsTheEndpointNamed) {
  FakeDns::reset("backend-a.internal:8080", "");
  std::string why;
  CHECK(decodeWith(threeEndpointSnapshot(), &why, FakeDns::resolve) == nullptr);
  CHECK(why.find("backend-a.internal:8080") != std::string::npos);
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
