// Fuzzes native snapshot decoding (native/src/engine/snapshot.cc: decodeSnapshot, with the router it builds, the
// plans it loads, the pseudonymization section and the policies it creates). The bytes come from our own encoder
// (src/native/snapshot.ts), but a version skew or a corrupted store must yield a reason, never a crash.
// Endpoints go through a resolver that never touches the network: numeric addresses only (a hostname would be a
// DNS lookup per execution). Properties:
// - a decode returns a snapshot or says why not, never neither and never both;
// - what the numeric resolver accepts, the real one (resolveEndpoint) accepts too, with the same address (a
//   numeric host never reaches DNS, so the comparison stays offline);
// - every route's own path template, filled in, is Found by the router for a method the route takes, and names a
//   route of the snapshot with captured values inside the request path;
// - every reference a snapshot resolves at decode (thrift route and listener upstreams, plans, policies, pool
//   keys) is in range and consistent with what it names.
#include <arpa/inet.h>

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>
#include <vector>

#include "engine/router.h"
#include "engine/snapshot.h"
#include "fuzz_check.h"
#include "transcode/plan.h"

using namespace sluice;

namespace {

// Splits like resolveEndpoint does ("[v6]:port" or "host:port" at the last colon); false when it is neither.
bool splitHostPort(const std::string& hp, std::string* host, std::string* port) {
  if (!hp.empty() && hp[0] == '[') {
    size_t close = hp.find(']');
    if (close == std::string::npos || close + 1 >= hp.size() || hp[close + 1] != ':') { return false; }
    *host = hp.substr(1, close - 1);
    *port = hp.substr(close + 2);
    return true;
  }
  size_t colon = hp.rfind(':');
  if (colon == std::string::npos || colon == 0) { return false; }
  *host = hp.substr(0, colon);
  *port = hp.substr(colon + 1);
  return true;
}

// 1-5 decimal digits up to 65535: what getaddrinfo takes as a numeric service without consulting services(5).
bool numericPort(const std::string& s, uint16_t* out) {
  if (s.empty() || s.size() > 5) { return false; }
  uint32_t v = 0;
  for (char c : s) {
    if (c < '0' || c > '9') { return false; }
    v = v * 10 + static_cast<uint32_t>(c - '0');
  }
  if (v > 65535) { return false; }
  *out = static_cast<uint16_t>(v);
  return true;
}

// The fuzzer's resolver: IPv4 or IPv6 literals with a numeric port, in either form resolveEndpoint splits
// (it resolves with AF_UNSPEC, so "[127.0.0.1]:80" is IPv4 there too); anything else is refused, never looked up.
bool numericResolver(const std::string& hostPort, Endpoint* out, std::string* why) {
  std::string host, port;
  uint16_t p = 0;
  if (!splitHostPort(hostPort, &host, &port) || !numericPort(port, &p)) {
    *why = "endpoint '" + hostPort + "' is not a numeric host:port";
    return false;
  }
  out->name = hostPort;
  out->addr = sockaddr_storage{};
  in_addr a4{};
  in6_addr a6{};
  if (inet_pton(AF_INET, host.c_str(), &a4) == 1) {
    auto* sin = reinterpret_cast<sockaddr_in*>(&out->addr);
    sin->sin_family = AF_INET;
    sin->sin_port = htons(p);
    sin->sin_addr = a4;
    out->addrLen = sizeof(sockaddr_in);
  } else if (inet_pton(AF_INET6, host.c_str(), &a6) == 1) {
    auto* sin6 = reinterpret_cast<sockaddr_in6*>(&out->addr);
    sin6->sin6_family = AF_INET6;
    sin6->sin6_port = htons(p);
    sin6->sin6_addr = a6;
    out->addrLen = sizeof(sockaddr_in6);
  } else {
    *why = "endpoint '" + hostPort + "' is not a numeric address (the fuzz resolver looks nothing up)";
    return false;
  }
  // Differential: the production resolver must agree. Only reached for an address literal, which getaddrinfo
  // converts without NSS or DNS.
  Endpoint real;
  std::string rwhy;
  FUZZ_CHECK(resolveEndpoint(hostPort, &real, &rwhy));
  FUZZ_CHECK(real.addrLen == out->addrLen);
  FUZZ_CHECK(real.addr.ss_family == out->addr.ss_family);
  if (out->addr.ss_family == AF_INET) {
    const auto* x = reinterpret_cast<const sockaddr_in*>(&real.addr);
    FUZZ_CHECK(x->sin_port == htons(p) && std::memcmp(&x->sin_addr, &a4, sizeof a4) == 0);
  } else {
    const auto* x = reinterpret_cast<const sockaddr_in6*>(&real.addr);
    FUZZ_CHECK(x->sin6_port == htons(p) && std::memcmp(&x->sin6_addr, &a6, sizeof a6) == 0);
  }
  return true;
}

// A request path the template `tmpl` matches: literal segments as they are, one value per `:name` / `*name`.
std::string fillTemplate(const std::string& tmpl) {
  std::string out;
  size_t i = 1;  // Router::add accepted it, so it starts with '/'
  while (true) {
    size_t slash = tmpl.find('/', i);
    std::string_view seg(tmpl.data() + i, (slash == std::string::npos ? tmpl.size() : slash) - i);
    out += '/';
    if (!seg.empty() && seg[0] == ':') {
      out += "v";
    } else if (!seg.empty() && seg[0] == '*') {
      out += "r/s";
      break;  // the router accepts `*name` as the last segment only
    } else {
      out += seg;
    }
    if (slash == std::string::npos) { break; }
    i = slash + 1;
  }
  return out;
}

void checkEndpoints(const std::vector<Endpoint>& eps) {
  for (const Endpoint& e : eps) {
    FUZZ_CHECK(e.addrLen == sizeof(sockaddr_in) || e.addrLen == sizeof(sockaddr_in6));
  }
}

void checkSnapshot(const Snapshot& s) {
  const size_t nroutes = s.routes.size();
  const size_t nup = s.thriftUpstreams.size();
  for (const ThriftUpstream& u : s.thriftUpstreams) {
    checkEndpoints(u.endpoints);
    FUZZ_CHECK(u.poolKeys.size() == u.endpoints.size());
  }
  for (size_t i = 0; i < nroutes; i++) {
    const Route& rt = s.routes[i];
    if (rt.kind == RouteKind::Proxy) {
      checkEndpoints(rt.proxy.endpoints);
    } else {
      FUZZ_CHECK(rt.kind == RouteKind::Thrift);
      FUZZ_CHECK(rt.thrift.upstreamIndex >= 0 && static_cast<size_t>(rt.thrift.upstreamIndex) < nup);
      FUZZ_CHECK(s.thriftUpstreams[static_cast<size_t>(rt.thrift.upstreamIndex)].name == rt.thrift.upstream);
      FUZZ_CHECK(rt.thrift.loaded != nullptr);
      FUZZ_CHECK(rt.thrift.policies.byPlanIndex.size() == rt.thrift.loaded->policyNames.size());
      FUZZ_CHECK(rt.thrift.policies.snapshotIndex.size() == rt.thrift.loaded->policyNames.size());
      for (uint32_t k : rt.thrift.policies.snapshotIndex) { FUZZ_CHECK(k < s.pseudo.policies.size()); }
    }
    // The router holds every route: its own template, filled in, must be Found for a method it takes.
    std::string path = fillTemplate(rt.path);
    std::string method = rt.methods.empty() ? "GET" : rt.methods[0];
    RouteMatch m;
    s.router.match(method, path, &m);
    FUZZ_CHECK(m.kind == RouteMatch::Kind::Found);
    FUZZ_CHECK(m.routeIndex >= 0 && static_cast<size_t>(m.routeIndex) < nroutes);
    for (const PathParam& p : m.params) {
      FUZZ_CHECK(p.value.data() >= path.data() && p.value.data() + p.value.size() <= path.data() + path.size());
    }
  }
  for (const ThriftListener& l : s.thriftListeners) {
    FUZZ_CHECK(l.upstreamIndex >= 0 && static_cast<size_t>(l.upstreamIndex) < nup);
    FUZZ_CHECK(s.thriftUpstreams[static_cast<size_t>(l.upstreamIndex)].name == l.upstream);
    for (const ListenerService& svc : l.services) {
      for (const auto& kv : svc.functions) {
        const ListenerFunction& f = kv.second;
        if (!f.plan) { continue; }
        // Only plans with something to apply are kept, each with its policies and per-type reach.
        FUZZ_CHECK(f.plan->hasFunction && !f.plan->policyNames.empty());
        FUZZ_CHECK(f.policies.byPlanIndex.size() == f.plan->policyNames.size());
        FUZZ_CHECK(f.hot.size() == f.plan->types.size());
      }
    }
  }
  FUZZ_CHECK(s.pseudoCounters.empty());  // Engine::publish fills them, never the decoder
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string why;
  std::shared_ptr<Snapshot> s = decodeSnapshot(data, size, &why, numericResolver);
  if (!s) {
    FUZZ_CHECK(!why.empty());
    return 0;
  }
  FUZZ_CHECK(why.empty());
  checkSnapshot(*s);
  return 0;
}
