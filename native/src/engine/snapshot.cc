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
#include "transcode/plan.h"

#include <arpa/inet.h>
#include <netdb.h>

#include <cstring>

namespace sluice {
namespace {

class Reader {
 public:
  Reader(const uint8_t* p, size_t n) : p_(p), end_(p + n) {}
  bool u8(uint8_t* v) {
    if (end_ - p_ < 1) { return fail(); }
    *v = *p_++;
    return true;
  }
  bool u32(uint32_t* v) {
    if (end_ - p_ < 4) { return fail(); }
    *v = static_cast<uint32_t>(p_[0]) | static_cast<uint32_t>(p_[1]) << 8 | static_cast<uint32_t>(p_[2]) << 16 |
         static_cast<uint32_t>(p_[3]) << 24;
    p_ += 4;
    return true;
  }
  bool u64(uint64_t* v) {
    uint32_t lo = 0, hi = 0;
    if (!u32(&lo) || !u32(&hi)) { return false; }
    *v = static_cast<uint64_t>(hi) << 32 | lo;
    return true;
  }
  bool str(std::string* s) {
    uint32_t n = 0;
    if (!u32(&n)) { return false; }
    if (static_cast<size_t>(end_ - p_) < n) { return fail(); }
    s->assign(reinterpret_cast<const char*>(p_), n);
    p_ += n;
    return true;
  }
  bool count(uint32_t* n) { return u32(n) && (*n <= 1000000 || fail()); }
  bool atEnd() const { return p_ == end_; }
  bool failed() const { return failed_; }
  const uint8_t* pos() const { return p_; }
  size_t left() const { return static_cast<size_t>(end_ - p_); }
  void skip(size_t n) { p_ += n; }

 private:
  bool fail() {
    failed_ = true;
    return false;
  }
  const uint8_t* p_;
  const uint8_t* end_;
  bool failed_ = false;
};

bool readEndpoints(Reader& r, std::vector<Endpoint>* out, std::string* why) {
  uint32_t n = 0;
  if (!r.count(&n)) { return false; }
  for (uint32_t i = 0; i < n; i++) {
    std::string hp;
    if (!r.str(&hp)) { return false; }
    Endpoint e;
    if (!resolveEndpoint(hp, &e, why)) { return false; }
    out->push_back(std::move(e));
  }
  return true;
}

bool readListeners(Reader& r, std::vector<ThriftListener>* out) {
  uint32_t n = 0;
  if (!r.count(&n)) { return false; }
  for (uint32_t i = 0; i < n; i++) {
    ThriftListener l;
    uint8_t tr = 0, pr = 0;
    uint32_t ns = 0;
    if (!r.str(&l.listen) || !r.u8(&tr) || !r.u8(&pr) || !r.str(&l.upstream) || !r.count(&ns)) { return false; }
    l.transport = tr == 1 ? ThriftTransport::Buffered : tr == 2 ? ThriftTransport::Header : ThriftTransport::Framed;
    l.protocol = pr == 1 ? ThriftProtocol::Compact : ThriftProtocol::Binary;
    for (uint32_t k = 0; k < ns; k++) {
      ListenerService svc;
      uint32_t nm = 0, nf = 0;
      if (!r.str(&svc.qname) || !r.count(&nm)) { return false; }
      for (uint32_t j = 0; j < nm; j++) {
        std::string m;
        if (!r.str(&m)) { return false; }
        svc.muxNames.push_back(std::move(m));
      }
      if (!r.str(&svc.upstreamMuxName) || !r.count(&nf)) { return false; }
      for (uint32_t j = 0; j < nf; j++) {
        std::string fn, plan;
        uint8_t oneway = 0;
        if (!r.str(&fn) || !r.u8(&oneway) || !r.str(&plan)) { return false; }
        ListenerFunction& f = svc.functions[fn];
        f.oneway = oneway != 0;
        if (!plan.empty()) {
          transcode::LoadStatus ls = transcode::LoadStatus::Ok;
          f.plan = transcode::loadPlan(reinterpret_cast<const uint8_t*>(plan.data()), plan.size(), ls);
          if (!f.plan) { return false; }
        }
      }
      l.services.push_back(std::move(svc));
    }
    out->push_back(std::move(l));
  }
  return true;
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

std::shared_ptr<Snapshot> decodeSnapshot(const uint8_t* data, size_t len, std::string* why) {
  if (len < 4 || memcmp(data, "SLS1", 4) != 0) {
    *why = "snapshot does not start with SLS1";
    return nullptr;
  }
  Reader r(data + 4, len - 4);
  auto s = std::make_shared<Snapshot>();
  uint32_t nroutes = 0;
  if (!r.u64(&s->version) || !r.count(&nroutes)) {
    *why = "snapshot is truncated";
    return nullptr;
  }
  for (uint32_t i = 0; i < nroutes; i++) {
    Route rt;
    uint8_t any = 0, kind = 0;
    uint32_t nm = 0;
    if (!r.str(&rt.id) || !r.u8(&any) || !r.count(&nm)) { break; }
    for (uint32_t k = 0; k < nm; k++) {
      std::string m;
      if (!r.str(&m)) { break; }
      rt.methods.push_back(std::move(m));
    }
    if (any) { rt.methods.clear(); }
    if (!r.str(&rt.path) || !r.u8(&kind)) { break; }
    if (kind == 1) {
      rt.kind = RouteKind::Proxy;
      uint8_t bal = 0;
      if (!readEndpoints(r, &rt.proxy.endpoints, why)) {
        if (!r.failed()) { return nullptr; }
        break;
      }
      if (!r.str(&rt.proxy.stripPrefix) || !r.u8(&bal) || !r.u32(&rt.proxy.connectTimeoutMs) ||
          !r.u32(&rt.proxy.timeoutMs) || !r.u32(&rt.proxy.maxConnections)) { break; }
      rt.proxy.balance = bal == 1 ? Balance::LeastRequest : Balance::RoundRobin;
    } else if (kind == 2) {
      rt.kind = RouteKind::Thrift;
      if (!r.str(&rt.thrift.upstream) || !r.str(&rt.thrift.plan)) { break; }
    } else {
      *why = "route '" + rt.id + "' has unknown kind " + std::to_string(kind);
      return nullptr;
    }
    std::string rwhy;
    if (!s->router.add(static_cast<int>(s->routes.size()), rt.methods, rt.path, &rwhy)) {
      *why = "route '" + rt.id + "': " + rwhy;
      return nullptr;
    }
    s->routes.push_back(std::move(rt));
  }
  uint32_t nup = 0;
  if (!r.failed() && r.count(&nup)) {
    for (uint32_t i = 0; i < nup; i++) {
      ThriftUpstream u;
      uint8_t tr = 0, pr = 0;
      if (!r.str(&u.name)) { break; }
      if (!readEndpoints(r, &u.endpoints, why)) {
        if (!r.failed()) { return nullptr; }
        break;
      }
      if (!r.u8(&tr) || !r.u8(&pr) || !r.u32(&u.connectTimeoutMs) || !r.u32(&u.timeoutMs) ||
          !r.u32(&u.maxConnections) || !r.str(&u.multiplexedName)) { break; }
      u.transport = tr == 1 ? ThriftTransport::Buffered : tr == 2 ? ThriftTransport::Header : ThriftTransport::Framed;
      u.protocol = pr == 1 ? ThriftProtocol::Compact : ThriftProtocol::Binary;
      for (const Endpoint& ep : u.endpoints) {
        u.poolKeys.push_back(u.name + '|' + ep.name + '|' + std::to_string(tr) + std::to_string(pr) + '|' +
                             std::to_string(u.timeoutMs));
      }
      s->thriftUpstreams.push_back(std::move(u));
    }
  }
  if (!r.failed() && !r.atEnd()) { readListeners(r, &s->thriftListeners); }  // absent = none
  if (!r.failed() && !r.atEnd()) {
    size_t used = decodePseudoSection(r.pos(), r.left(), &s->pseudo, why);
    if (used == 0) { return nullptr; }
    r.skip(used);
  }
  if (r.failed() || !r.atEnd()) {
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
