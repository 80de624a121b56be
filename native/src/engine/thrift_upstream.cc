// ThriftConn state chain: Connecting --connected--> Ready --error/EOF--> closed (every pending call
// answered 502/504). Calls are multiplexed: each carries its own seqid and timer (PendingCall).
#include "engine/thrift_upstream.h"

#include <netinet/in.h>
#include <netinet/tcp.h>
#include <strings.h>
#include <sys/socket.h>

#include <cstdio>
#include <cstring>
#include <unordered_map>
#include <unordered_set>

#include "engine/client_conn.h"
#include "engine/endpoint_health.h"
#include "engine/engine.h"
#include "engine/error_response.h"
#include "engine/exchange.h"
#include "engine/http_upstream.h"
#include "engine/pseudo_tally.h"
#include "engine/worker.h"
#include "sluice/thrift_wire.h"
#include "sluice/transcode.h"

namespace sluice {
namespace {

constexpr size_t kCallsPerConnection = 32;  // open another connection (up to max_connections) beyond this

class ThriftConn;

struct ThriftPool {
  Worker* worker;  // Not owned.
  Endpoint endpoint;
  std::vector<ThriftConn*> conns;  // Owned until closed (then the worker's graveyard frees them).
  EndpointHealth health;
  ~ThriftPool();
};

struct ThriftPools final : WorkerPlugin {
  std::unordered_map<std::string, std::unique_ptr<ThriftPool>> byEndpoint;  // key: "<upstream>|<endpoint>"
  std::unordered_map<std::string, uint32_t> rr;
};

/// One call waiting for its reply. Owned by its ThriftConn's pending map.
class PendingCall final : public UpstreamCall, public TimerTarget {
 public:
  PendingCall(ThriftConn* conn, ClientConn* c, Exchange* ex, int32_t seqid) : conn(conn), client(c), ex(ex), seqid(seqid) {
    timer.target = this;
  }
  ~PendingCall() override;
  void clientDrained() override {}
  void clientGone() override;
  void onTimer() override;

  ThriftConn* conn;    // Not owned.
  ClientConn* client;  // Not owned; detaches via clientGone().
  Exchange* ex;        // Not owned; lives in client.
  int32_t seqid;
  TimerEntry timer;
  // The caller whose bearer token carries the reidentify scope, or null. Not owned: lives in ex->snapshot.
  const ReidentifyToken* reidentify = nullptr;
};

void respond(ClientConn* c, int status, std::string&& headerLines, const std::string& body, bool json) {
  std::string head;
  head.reserve(64 + headerLines.size());
  appendStatusLine(head, status);
  head += headerLines;
  if (json && !body.empty()) { head += "Content-Type: application/json; charset=utf-8\r\n"; }
  BodyFraming f = status == 204 || status == 304 ? BodyFraming::None : BodyFraming::Length;
  c->respondHead(status, std::move(head), f, body.size());
  c->respondBody(body.data(), body.size());
  c->respondEnd();
}

class ThriftConn final : public IoHandler, public TimerTarget {
 public:
  ThriftConn(ThriftPool* pool, const ThriftUpstream& up, int fd)
      : pool_(pool), w_(pool->worker), transport_(static_cast<thrift::Transport>(up.transport)),
        protocol_(static_cast<thrift::Protocol>(up.protocol)), timeoutMs_(up.timeoutMs) {
    timer_.target = this;
    sock_ = w_->io().open(fd, this);
    w_->counters().upstreamConnects.add();
    w_->timers().arm(&timer_, w_->now() + up.connectTimeoutMs);
    w_->io().connect(sock_, reinterpret_cast<const sockaddr*>(&pool->endpoint.addr), pool->endpoint.addrLen);
  }
  ~ThriftConn() override { w_->timers().cancel(&timer_); }

  size_t load() const { return pending_.size(); }
  bool usable() const { return state_ != State::Closed && !retired_; }

  /// A call on this connection timed out: its late reply would delay every call behind it on a
  /// serial backend, so take no new calls and close once the remaining calls are answered.
  void retire() {
    retired_ = true;
    if (pending_.empty()) { failAll(503, "upstream_unavailable", "retired", false); }
  }
  int32_t nextSeqid() { return nextSeq_++ & 0x7fffffff; }

  /// Sends a framed call; registers it for a reply unless it is oneway.
  void send(std::string&& frame, PendingCall* call) {
    if (call != nullptr) {
      pending_[call->seqid] = call;
      w_->timers().arm(&call->timer, w_->now() + timeoutMs_);
      w_->counters().poolActive.add();
    }
    if (state_ == State::Ready) {
      w_->io().send(sock_, std::move(frame));
    } else {
      waiting_ += frame;
    }
  }

  void forget(PendingCall* call) {
    auto it = pending_.find(call->seqid);
    if (it != pending_.end() && it->second == call) {
      pending_.erase(it);
      w_->counters().poolActive.sub();
      // Its reply may still come; remember the seqid so that reply is dropped, not taken for a protocol error.
      abandoned_.insert(call->seqid);
      if (abandoned_.size() > kMaxAbandoned) { retire(); }
    }
  }

  // IoHandler
  void onConnect(int err) override {
    if (state_ != State::Connecting) { return; }
    if (err != 0) {
      failAll(502, "upstream_error", "thrift upstream refused the connection", true);
      return;
    }
    state_ = State::Ready;
    w_->timers().cancel(&timer_);
    w_->io().startRecv(sock_);
    if (!waiting_.empty()) {
      w_->io().send(sock_, std::move(waiting_));
      waiting_.clear();
    }
  }

  void onRecv(const char* data, size_t len) override {
    in_.append(data, len);
    size_t off = 0;
    while (state_ == State::Ready && off < in_.size()) {
      const auto* base = reinterpret_cast<const uint8_t*>(in_.data() + off);
      size_t avail = in_.size() - off;
      thrift::FrameScan scan = thrift::findMessageEnd(transport_, protocol_, base, avail);
      if (scan.status == thrift::ScanStatus::NeedMore) { break; }
      if (scan.status == thrift::ScanStatus::Invalid) {
        failAll(502, "upstream_error", "thrift upstream sent bytes that are not a message", true);
        return;
      }
      int32_t seqid = 0;
      if (!thrift::readSeqid(transport_, protocol_, base, scan.frameLength, seqid)) {
        failAll(502, "upstream_error", "thrift upstream sent a message that does not decode", true);
        return;
      }
      auto it = pending_.find(seqid);
      if (it != pending_.end()) {
        PendingCall* call = it->second;
        pending_.erase(it);
        w_->counters().poolActive.sub();
        pool_->health.succeeded();
        transcode::ResponseOut out;
        const ThriftTarget& target = call->ex->route->thrift;
        if (call->reidentify != nullptr) {
          // Only authorized callers get values reversed (and only they are counted and audited in this direction).
          std::vector<transcode::PseudoCounts> counts(target.policies.byPlanIndex.size());
          transcode::PseudoCall pc;
          pc.policies = target.policies.byPlanIndex.data();
          pc.policyCount = target.policies.byPlanIndex.size();
          pc.reidentify = true;
          pc.counts = counts.data();
          transcode::decodeReply(*target.loaded, base + scan.payloadOffset, scan.payloadLength, out, &pc);
          tallyPseudo(*call->ex->snapshot, target.policies, counts.data(), w_->index(), 1);
          auditReidentified(w_->engine()->audit(), *call->reidentify, call->ex->route->id, target.policies, counts.data());
        } else {
          transcode::decodeReply(*target.loaded, base + scan.payloadOffset, scan.payloadLength, out);
        }
        std::string headers;
        for (const auto& h : out.headers) {
          headers += h.first;
          headers += ": ";
          headers += h.second;
          headers += "\r\n";
        }
        if (out.status >= 500) { w_->counters().upstreamErrors.add(); }
        ClientConn* c = call->client;
        c->setUpstream(nullptr);
        delete call;
        respond(c, out.status, std::move(headers), out.body, true);
      }
      else if (abandoned_.erase(seqid) == 0) {
        // No call on this connection ever carried this seqid: the upstream is confused or hostile, and every
        // reply still to come on this connection is suspect.
        failAll(502, "upstream_error", "thrift upstream answered with a seqid no call carries", true);
        return;
      }
      // else: the late reply of a call whose client went away or timed out; dropped.
      off += scan.frameLength;
    }
    if (state_ == State::Closed) { return; }
    in_.erase(0, off);
    if (retired_ && pending_.empty()) { failAll(503, "upstream_unavailable", "retired", false); }
  }

  void onRecvEnd(int err) override { failAll(502, "upstream_error", "thrift upstream closed the connection", !pending_.empty()); }
  void onSendProgress(size_t) override {}
  void onSendError(int) override { failAll(502, "upstream_error", "thrift upstream reset the connection", true); }
  void onTimer() override { failAll(504, "upstream_timeout", "thrift upstream connect timed out", true); }

 private:
  enum class State { Connecting, Ready, Closed };

  void failAll(int status, const char* code, const char* message, bool countFailure) {
    if (state_ == State::Closed) { return; }
    state_ = State::Closed;
    w_->timers().cancel(&timer_);
    if (countFailure) { pool_->health.failed(w_->now()); }
    for (size_t i = 0; i < pool_->conns.size(); i++) {
      if (pool_->conns[i] == this) {
        pool_->conns[i] = pool_->conns.back();
        pool_->conns.pop_back();
        break;
      }
    }
    w_->io().close(sock_);
    sock_ = nullptr;
    w_->deferDelete(this);
    std::unordered_map<int32_t, PendingCall*> calls;
    calls.swap(pending_);
    for (auto& kv : calls) {
      PendingCall* call = kv.second;
      w_->counters().poolActive.sub();
      if (status == 504) { w_->counters().upstreamTimeouts.add(); } else { w_->counters().upstreamErrors.add(); }
      ClientConn* c = call->client;
      call->conn = nullptr;
      delete call;
      if (c != nullptr) {
        c->setUpstream(nullptr);
        c->sendError(status, code, message, false);
      }
    }
  }

  friend struct ThriftPool;
  ThriftPool* pool_;       // Not owned; the pool outlives its connections.
  Worker* w_;              // Not owned.
  IoSocket* sock_ = nullptr;  // Owned by the backend until closed.
  thrift::Transport transport_;
  thrift::Protocol protocol_;
  uint32_t timeoutMs_;
  State state_ = State::Connecting;
  TimerEntry timer_;
  std::string in_;
  std::string waiting_;  // frames queued while connecting
  int32_t nextSeq_ = 1;
  bool retired_ = false;
  std::unordered_map<int32_t, PendingCall*> pending_;  // Owned.
  std::unordered_set<int32_t> abandoned_;  // seqids of calls forgotten before their reply arrived
  static constexpr size_t kMaxAbandoned = 1024;
};

PendingCall::~PendingCall() { client->worker()->timers().cancel(&timer); }

void PendingCall::clientGone() {
  client->worker()->timers().cancel(&timer);
  conn->forget(this);
  delete this;
}

void PendingCall::onTimer() {
  ClientConn* c = client;
  c->worker()->counters().upstreamTimeouts.add();
  ThriftConn* k = conn;
  k->forget(this);
  c->setUpstream(nullptr);
  delete this;
  k->retire();
  c->sendError(504, "upstream_timeout", "thrift upstream did not answer within timeout_ms", false);
}

ThriftPool::~ThriftPool() {
  std::vector<ThriftConn*> all;
  all.swap(conns);
  for (ThriftConn* c : all) {
    c->pool_ = this;
    c->failAll(503, "upstream_unavailable", "worker is stopping", false);
  }
}

std::string percentDecode(std::string_view v) {
  std::string out;
  out.reserve(v.size());
  for (size_t i = 0; i < v.size(); i++) {
    auto hex = [](char c) { return c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1; };
    if (v[i] == '%' && i + 2 < v.size() && hex(v[i + 1]) >= 0 && hex(v[i + 2]) >= 0) {
      out += static_cast<char>(hex(v[i + 1]) * 16 + hex(v[i + 2]));
      i += 2;
    } else {
      out += v[i];
    }
  }
  return out;
}

}  // namespace

void startThriftCall(ClientConn* c, Exchange* ex) {
  Worker* w = c->worker();
  const Snapshot& snap = *ex->snapshot;
  const ThriftTarget& t = ex->route->thrift;
  const ThriftUpstream& up = snap.thriftUpstreams[static_cast<size_t>(t.upstreamIndex)];
  if (!w->thriftState()) { w->thriftState().reset(new ThriftPools()); }
  auto& pools = static_cast<ThriftPools&>(*w->thriftState());

  // Pick an endpoint: round-robin over those not ejected; when all are, one probe per second (EndpointHealth).
  ThriftPool* pool = pickHealthy<ThriftPool>(up.endpoints.size(), pools.rr[up.name]++, w->now(), [&](size_t i) {
    const Endpoint& ep = up.endpoints[i];
    auto it = pools.byEndpoint.find(up.poolKeys[i]);
    if (it == pools.byEndpoint.end()) {
      it = pools.byEndpoint.emplace(up.poolKeys[i], std::unique_ptr<ThriftPool>(new ThriftPool{w, ep, {}, {}})).first;
    }
    it->second->endpoint.addr = ep.addr;  // a republished snapshot may have re-resolved the name
    it->second->endpoint.addrLen = ep.addrLen;
    return it->second.get();
  });
  if (pool == nullptr) {
    w->counters().upstreamUnavailable.add();
    c->sendError(503, "upstream_unavailable", up.endpoints.empty() ? "thrift upstream '" + up.name + "' has no endpoints" : "every endpoint of thrift upstream '" + up.name + "' is ejected after failures", false);
    return;
  }
  ThriftConn* conn = nullptr;
  for (ThriftConn* k : pool->conns) {
    if (k->usable() && (conn == nullptr || k->load() < conn->load())) { conn = k; }
  }
  if (conn == nullptr || (conn->load() >= kCallsPerConnection && pool->conns.size() < up.maxConnections)) {
    int fd = socket(pool->endpoint.addr.ss_family, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
    if (fd < 0) {
      w->counters().upstreamUnavailable.add();
      c->sendError(503, "upstream_unavailable", "cannot open a socket to the thrift upstream", false);
      return;
    }
    int one = 1;
    setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
    conn = new ThriftConn(pool, up, fd);
    pool->conns.push_back(conn);
  }

  // Build the call from the request (views stay valid: they point into the exchange).
  std::vector<std::string> decoded;
  decoded.reserve(ex->params.size());
  std::vector<transcode::NameValue> params;
  for (const PathParam& p : ex->params) {
    decoded.push_back(percentDecode(p.value));
    params.push_back({p.name, decoded.back()});
  }
  std::vector<transcode::NameValue> headers;
  headers.reserve(ex->head.headers.size());
  for (const HeaderField& h : ex->head.headers) { headers.push_back({h.name, h.value}); }
  transcode::RequestView view;
  view.method = ex->head.method;
  view.pathParams = params.data();
  view.pathParamCount = params.size();
  view.rawQuery = ex->head.query;
  view.headers = headers.data();
  view.headerCount = headers.size();
  view.body = ex->body;
  view.rawTarget = ex->head.target;
  int32_t seqid = conn->nextSeqid();
  std::string frame;
  transcode::TranscodeError err;
  // Request-direction pseudonymization (contract §7): policies resolved at publish, counts per call.
  std::vector<transcode::PseudoCounts> counts(t.policies.byPlanIndex.size());
  transcode::PseudoCall pc;
  pc.policies = t.policies.byPlanIndex.data();
  pc.policyCount = t.policies.byPlanIndex.size();
  pc.counts = counts.empty() ? nullptr : counts.data();
  bool encoded = transcode::encodeCall(*t.loaded, view, seqid, frame, err, &pc);
  tallyPseudo(snap, t.policies, pc.counts, w->index(), 0);
  if (!encoded) {
    std::string body;
    transcode::renderErrorBody(err, body);
    respond(c, err.status != 0 ? err.status : 400, std::string(), body, true);
    return;
  }
  // Oneway calls get no reply: answer 204 once the call is queued.
  bool oneway = false;
  thrift::FrameScan scan = thrift::findMessageEnd(static_cast<thrift::Transport>(up.transport), static_cast<thrift::Protocol>(up.protocol),
                                                  reinterpret_cast<const uint8_t*>(frame.data()), frame.size());
  thrift::MessageHeader mh;
  if (scan.status == thrift::ScanStatus::Complete &&
      thrift::readMessageBegin(static_cast<thrift::Protocol>(up.protocol), reinterpret_cast<const uint8_t*>(frame.data()) + scan.payloadOffset, scan.payloadLength, mh) > 0) {
    oneway = mh.type == thrift::MessageType::Oneway;
  }
  if (oneway) {
    conn->send(std::move(frame), nullptr);
    respond(c, 204, std::string(), std::string(), false);
    return;
  }
  auto* call = new PendingCall(conn, c, ex, seqid);
  if (t.policies.anyReversible && !snap.pseudo.reidentify.empty()) {
    for (const HeaderField& h : ex->head.headers) {
      if (h.name.size() == 13 && strncasecmp(h.name.data(), "authorization", 13) == 0) {
        call->reidentify = snap.pseudo.callerForAuthorization(h.value);
        break;
      }
    }
  }
  c->setUpstream(call);
  conn->send(std::move(frame), call);
}

}  // namespace sluice
