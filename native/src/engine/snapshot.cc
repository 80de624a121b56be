// Snapshot wire format (all integers little-endian; str = u32 length + bytes):
//   "SLS1" u64 version
//   u32 nroutes, each: str id; u8 anyMethod; u32 nmethods, str*; str path; u8 kind
//     kind 1 (proxy):  u32 nendpoints, str*; str stripPrefix; u8 balance; u32 connectTimeoutMs; u32 timeoutMs; u32 maxConnections
//     kind 2 (thrift): str upstream; str plan
//   u32 nupstreams, each: str name; u32 nendpoints, str*; u8 transport; u8 protocol;
//     u32 connectTimeoutMs; u32 timeoutMs; u32 maxConnections; str multiplexedName
//   [optional] u32 nlisteners, each: str listen; u8 transport; u8 protocol; str upstream; u32 nservices, each:
//     str qname; u32 nmux, str*; str upstreamMuxName; u32 nfunctions, each: str name; u8 oneway; str plan (empty:
//     none; a plan of the function with its pseudonymization positions, src/plan)
//   optional pseudonymization section (engine/pseudo_set.cc; absent = no policies)
#include "engine/snapshot.h"

#include "engine/thrift_listener_pseudo.h"
#include "transcode/blob_reader.h"
#include "transcode/plan.h"

#include <arpa/inet.h>
#include <netdb.h>

#include <cstring>

namespace sluice {
namespace {

using transcode::BlobReader;

// Smallest encodings, so a count can be checked against the bytes left before anything is allocated.
constexpr size_t kMinStr = 4;
constexpr size_t kMinFunction = kMinStr + 1 + kMinStr;
constexpr size_t kMinService = kMinStr + 4 + kMinStr + 4;

ThriftTransport transportOf(uint8_t tr) {
  return tr == 1 ? ThriftTransport::Buffered : tr == 2 ? ThriftTransport::Header : ThriftTransport::Framed;
}
ThriftProtocol protocolOf(uint8_t pr) { return pr == 1 ? ThriftProtocol::Compact : ThriftProtocol::Binary; }

// False with r.bad() when truncated, or without it (and *why) when an endpoint does not resolve.
bool readEndpoints(BlobReader& r, EndpointResolver resolve, std::vector<Endpoint>* out, std::string* why) {
  uint32_t n = r.count(kMinStr);
  for (uint32_t i = 0; i < n; i++) {
    std::string hp = r.str();
    if (r.bad()) { return false; }
    Endpoint e;
    std::string rwhy;
    if (!resolve(hp, &e, &rwhy)) {
      // A caller's resolver may fail without a word; the decode still has to say why it returned nullptr.
      *why = rwhy.empty() ? "endpoint '" + hp + "' does not resolve" : std::move(rwhy);
      return false;
    }
    e.name = hp;  // the pool key is the configured text, whatever the resolver wrote there
    out->push_back(std::move(e));
  }
  return true;
}

// False with r.bad() when truncated, or without it (and *why) when a function's plan does not load.
bool readListeners(BlobReader& r, std::vector<ThriftListener>* out, std::string* why) {
  uint32_t n = r.count(kMinStr + 2 + kMinStr + 4);
  for (uint32_t i = 0; i < n && !r.bad(); i++) {
    ThriftListener l;
    l.listen = r.str();
    l.transport = transportOf(r.u8());
    l.protocol = protocolOf(r.u8());
    l.upstream = r.str();
    uint32_t ns = r.count(kMinService);
    for (uint32_t k = 0; k < ns && !r.bad(); k++) {
      ListenerService svc;
      svc.qname = r.str();
      uint32_t nm = r.count(kMinStr);
      for (uint32_t j = 0; j < nm && !r.bad(); j++) { svc.muxNames.push_back(r.str()); }
      svc.upstreamMuxName = r.str();
      uint32_t nf = r.count(kMinFunction);
      for (uint32_t j = 0; j < nf && !r.bad(); j++) {
        std::string fn = r.str();
        bool oneway = r.u8() != 0;
        std::string plan = r.str();
        if (r.bad()) { return false; }
        ListenerFunction& f = svc.functions[fn];
        f.oneway = oneway;
        if (!plan.empty()) {
          transcode::LoadStatus ls = transcode::LoadStatus::Ok;
          f.plan = transcode::loadPlan(reinterpret_cast<const uint8_t*>(plan.data()), plan.size(), ls);
          if (!f.plan) {
            *why = "thrift listener " + l.listen + " " + fn + ": plan does not load (status " +
                   std::to_string(static_cast<int>(ls)) + ")";
            return false;
          }
        }
      }
      l.services.push_back(std::move(svc));
    }
    out->push_back(std::move(l));
  }
  return !r.bad();
}

}  // namespace

bool resolveEndpoint(const std::string& hostPort, Endpoint* out, std::string* why) {
  out->name = hostPort;
  std::string host, port;
  if (!hostPort.empty() && hostPort[0] == '[') {
    size_t close = hostPort.find(']');
    if (close == std::string::npos || close + 1 >= hostPort.size() || hostPort[close + 1] != ':') {
      *why = "endpoint '" + hostPort + "' is not [ipv6]:port";
      return false;
    }
    host = hostPort.substr(1, close - 1);
    port = hostPort.substr(close + 2);
  } else {
    size_t colon = hostPort.rfind(':');
    if (colon == std::string::npos || colon == 0) {
      *why = "endpoint '" + hostPort + "' is not host:port";
      return false;
    }
    host = hostPort.substr(0, colon);
    port = hostPort.substr(colon + 1);
  }
  addrinfo hints{};
  hints.ai_family = AF_UNSPEC;
  hints.ai_socktype = SOCK_STREAM;
  addrinfo* res = nullptr;
  int rc = getaddrinfo(host.c_str(), port.c_str(), &hints, &res);
  if (rc != 0 || res == nullptr) {
    *why = "endpoint '" + hostPort + "' does not resolve: " + gai_strerror(rc);
    return false;
  }
  memcpy(&out->addr, res->ai_addr, res->ai_addrlen);
  out->addrLen = res->ai_addrlen;
  freeaddrinfo(res);
  return true;
}

std::shared_ptr<Snapshot> decodeSnapshot(const uint8_t* data, size_t len, std::string* why, EndpointResolver resolve) {
  if (len < 4 || memcmp(data, "SLS1", 4) != 0) {
    *why = "snapshot does not start with SLS1";
    return nullptr;
  }
  BlobReader r(data + 4, len - 4);
  auto s = std::make_shared<Snapshot>();
  s->version = r.u64();
  uint32_t nroutes = r.count(kMinStr + 1 + 4 + kMinStr + 1);
  for (uint32_t i = 0; i < nroutes && !r.bad(); i++) {
    Route rt;
    rt.id = r.str();
    bool any = r.u8() != 0;
    uint32_t nm = r.count(kMinStr);
    for (uint32_t k = 0; k < nm && !r.bad(); k++) { rt.methods.push_back(r.str()); }
    if (any) { rt.methods.clear(); }
    rt.path = r.str();
    uint8_t kind = r.u8();
    if (r.bad()) { break; }
    if (kind == 1) {
      rt.kind = RouteKind::Proxy;
      if (!readEndpoints(r, resolve, &rt.proxy.endpoints, why)) {
        if (!r.bad()) { return nullptr; }
        break;
      }
      rt.proxy.stripPrefix = r.str();
      rt.proxy.balance = r.u8() == 1 ? Balance::LeastRequest : Balance::RoundRobin;
      rt.proxy.connectTimeoutMs = r.u32();
      rt.proxy.timeoutMs = r.u32();
      rt.proxy.maxConnections = r.u32();
    } else if (kind == 2) {
      rt.kind = RouteKind::Thrift;
      rt.thrift.upstream = r.str();
      rt.thrift.plan = r.str();
    } else {
      *why = "route '" + rt.id + "' has unknown kind " + std::to_string(kind);
      return nullptr;
    }
    if (r.bad()) { break; }
    std::string rwhy;
    if (!s->router.add(static_cast<int>(s->routes.size()), rt.methods, rt.path, &rwhy)) {
      *why = "route '" + rt.id + "': " + rwhy;
      return nullptr;
    }
    s->routes.push_back(std::move(rt));
  }
  uint32_t nup = r.count(kMinStr + 4 + 2 + 12 + kMinStr);
  for (uint32_t i = 0; i < nup && !r.bad(); i++) {
    ThriftUpstream u;
    u.name = r.str();
    if (!readEndpoints(r, resolve, &u.endpoints, why)) {
      if (!r.bad()) { return nullptr; }
      break;
    }
    uint8_t tr = r.u8(), pr = r.u8();
    u.transport = transportOf(tr);
    u.protocol = protocolOf(pr);
    u.connectTimeoutMs = r.u32();
    u.timeoutMs = r.u32();
    u.maxConnections = r.u32();
    u.multiplexedName = r.str();
    if (r.bad()) { break; }
    for (const Endpoint& ep : u.endpoints) {
      u.poolKeys.push_back(u.name + '|' + ep.name + '|' + std::to_string(tr) + std::to_string(pr) + '|' +
                           std::to_string(u.timeoutMs));
    }
    s->thriftUpstreams.push_back(std::move(u));
  }
  if (!r.bad() && !r.atEnd() && !readListeners(r, &s->thriftListeners, why) && !r.bad()) {  // absent = none
    return nullptr;
  }
  if (!r.bad() && !r.atEnd()) {
    size_t used = decodePseudoSection(r.pos(), r.left(), &s->pseudo, why);
    if (used == 0) { return nullptr; }
    r.skip(used);
  }
  if (r.bad() || !r.atEnd()) {
    *why = "snapshot is truncated or has trailing bytes";
    return nullptr;
  }
  for (ThriftListener& l : s->thriftListeners) {
    for (ListenerService& svc : l.services) {
      for (auto& kv : svc.functions) {
        ListenerFunction& f = kv.second;
        if (!f.plan) { continue; }
        if (f.plan->policyNames.empty() || !f.plan->hasFunction) {
          f.plan.reset();  // nothing to apply: calls stay on the lazy path
          continue;
        }
        std::string pwhy;
        if (!resolvePlanPolicies(s->pseudo, *f.plan, &f.policies, &pwhy)) {
          *why = "thrift listener " + l.listen + " " + kv.first + ": " + pwhy;
          return nullptr;
        }
        f.hot = thriftin::policyReach(*f.plan);
      }
    }
    for (size_t k = 0; k < s->thriftUpstreams.size(); k++) {
      if (s->thriftUpstreams[k].name == l.upstream) { l.upstreamIndex = static_cast<int>(k); }
    }
    if (l.upstreamIndex < 0) {
      *why = "thrift listener " + l.listen + " names unknown thrift upstream '" + l.upstream + "'";
      return nullptr;
    }
  }
  for (Route& rt : s->routes) {
    if (rt.kind != RouteKind::Thrift) { continue; }
    for (size_t k = 0; k < s->thriftUpstreams.size(); k++) {
      if (s->thriftUpstreams[k].name == rt.thrift.upstream) { rt.thrift.upstreamIndex = static_cast<int>(k); }
    }
    if (rt.thrift.upstreamIndex < 0) {
      *why = "route '" + rt.id + "' names unknown thrift upstream '" + rt.thrift.upstream + "'";
      return nullptr;
    }
    transcode::LoadStatus ls = transcode::LoadStatus::Ok;
    rt.thrift.loaded = transcode::loadPlan(reinterpret_cast<const uint8_t*>(rt.thrift.plan.data()), rt.thrift.plan.size(), ls);
    if (!rt.thrift.loaded) {
      *why = "route '" + rt.id + "' has a plan that does not load (status " + std::to_string(static_cast<int>(ls)) + ")";
      return nullptr;
    }
    std::string pwhy;
    if (!resolvePlanPolicies(s->pseudo, *rt.thrift.loaded, &rt.thrift.policies, &pwhy)) {
      *why = "route '" + rt.id + "': " + pwhy;
      return nullptr;
    }
  }
  return s;
}

}  // namespace sluice
