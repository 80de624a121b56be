// ThriftConn state chain: Connecting --connected--> Ready --error/EOF/garbage--> Closed (every pending call
// failed). A call that times out retires its connection (no new calls; closed once the others are answered),
// so one slow call cannot hold up the calls queued behind it on a serial backend.
#include "engine/thrift_pool.h"

#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/socket.h>

#include <unordered_set>
#include <vector>

#include "engine/endpoint_health.h"
#include "engine/io_backend.h"
#include "engine/worker.h"

namespace sluice {
namespace {
constexpr size_t kCallsPerConnection = 32;  // open another connection (up to max_connections) beyond this
constexpr size_t kMaxAbandoned = 1024;
}  // namespace

struct ThriftPools::Pool {
  Endpoint endpoint;
  std::vector<ThriftConn*> conns;  // Not owned here: each conn frees itself through the worker's graveyard.
  EndpointHealth health;
};

class ThriftConn final : public IoHandler, public TimerTarget {
 public:
  ThriftConn(Worker* w, ThriftPools::Pool* pool, const ThriftUpstream& up, int fd)
      : pool_(pool), w_(w), transport_(static_cast<thrift::Transport>(up.transport)),
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
  int32_t nextSeqid() { return nextSeq_++ & 0x7fffffff; }

  void send(int32_t seqid, std::string&& frame, ThriftCall* call) {
    if (call != nullptr) {
      call->conn = this;
      call->worker = w_;
      call->upstreamSeqid = seqid;
      pending_[seqid] = call;
      w_->timers().arm(&call->timer, w_->now() + timeoutMs_);
      w_->counters().poolActive.add();
    }
    if (state_ == State::Ready) {
      w_->io().send(sock_, std::move(frame));
    } else {
      waiting_ += frame;  // Owned here until the connection is up.
    }
  }

  void forget(ThriftCall* call) {
    auto it = pending_.find(call->upstreamSeqid);
    if (it != pending_.end() && it->second == call) {
      pending_.erase(it);
      w_->counters().poolActive.sub();
      abandoned_.insert(call->upstreamSeqid);  // its late reply is dropped, not taken for a protocol error
      if (abandoned_.size() > kMaxAbandoned) { retire(); }
    }
    call->conn = nullptr;
    w_->timers().cancel(&call->timer);
  }

  void retire() {
    retired_ = true;
    if (pending_.empty()) { failAll(ThriftFailure::Unavailable, "thrift upstream connection retired", false); }
  }

  /// Closes the connection and fails every pending call (pools being torn down use this too).
  void failAll(ThriftFailure kind, const char* message, bool countFailure) {
    if (state_ == State::Closed) { return; }
    state_ = State::Closed;
    w_->timers().cancel(&timer_);
    if (pool_ != nullptr) {
      if (countFailure) { pool_->health.failed(w_->now()); }
      auto& v = pool_->conns;
      for (size_t i = 0; i < v.size(); i++) {
        if (v[i] == this) {
          v[i] = v.back();
          v.pop_back();
          break;
        }
      }
    }
    w_->io().close(sock_);
    sock_ = nullptr;
    w_->deferDelete(this);
    // One at a time from the live map: an owner's callback may delete its other calls, which unlink themselves
    // from pending_ (ThriftCall's destructor), so nothing here can point at a freed call.
    while (!pending_.empty()) {
      auto it = pending_.begin();
      ThriftCall* call = it->second;
      pending_.erase(it);
      w_->counters().poolActive.sub();
      w_->timers().cancel(&call->timer);
      call->conn = nullptr;
      call->owner->callFailed(call, kind, message);
    }
  }

  // IoHandler
  void onConnect(int err) override {
    if (state_ != State::Connecting) { return; }
    if (err != 0) {
      failAll(ThriftFailure::Error, "thrift upstream refused the connection", true);
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
    in_.append(data, len);  // Owned here; replies are handed out as views valid during callReplied only.
    size_t off = 0;
    while (state_ == State::Ready && off < in_.size()) {
      const auto* base = reinterpret_cast<const uint8_t*>(in_.data() + off);
      thrift::FrameScan scan = thrift::findMessageEnd(transport_, protocol_, base, in_.size() - off);
      if (scan.status == thrift::ScanStatus::NeedMore) { break; }
      if (scan.status == thrift::ScanStatus::Invalid) {
        failAll(ThriftFailure::Error, "thrift upstream sent bytes that are not a Thrift message", true);
        return;
      }
      int32_t seqid = 0;
      if (!thrift::readSeqid(transport_, protocol_, base, scan.frameLength, seqid)) {
        failAll(ThriftFailure::Error, "thrift upstream sent a Thrift message that does not decode", true);
        return;
      }
      auto it = pending_.find(seqid);
      if (it != pending_.end()) {
        ThriftCall* call = it->second;
        pending_.erase(it);
        w_->counters().poolActive.sub();
        w_->timers().cancel(&call->timer);
        call->conn = nullptr;
        if (pool_ != nullptr) { pool_->health.succeeded(); }
        call->owner->callReplied(call, base, scan);
      } else if (abandoned_.erase(seqid) == 0) {
        // No call on this connection ever carried this seqid: the upstream is confused or hostile, and every
        // reply still to come on this connection is suspect.
        failAll(ThriftFailure::Error, "thrift upstream answered with a seqid no call carries", true);
        return;
      }
      off += scan.frameLength;
    }
    if (state_ == State::Closed) { return; }
    in_.erase(0, off);
    if (retired_ && pending_.empty()) { failAll(ThriftFailure::Unavailable, "thrift upstream connection retired", false); }
  }
  void onRecvEnd(int) override { failAll(ThriftFailure::Error, "thrift upstream closed the connection", !pending_.empty()); }
  void onSendProgress(size_t) override {}
  void onSendError(int) override { failAll(ThriftFailure::Error, "thrift upstream reset the connection", true); }
  void onTimer() override { failAll(ThriftFailure::Timeout, "thrift upstream connect timed out", true); }

  ThriftPools::Pool* pool_;  // Not owned; null once the pools are gone.

 private:
  enum class State { Connecting, Ready, Closed };
  Worker* w_;                 // Not owned.
  IoSocket* sock_ = nullptr;  // Owned by the backend until closed.
  thrift::Transport transport_;
  thrift::Protocol protocol_;
  uint32_t timeoutMs_;
  State state_ = State::Connecting;
  TimerEntry timer_;
  std::string in_;
  std::string waiting_;
  int32_t nextSeq_ = 1;
  bool retired_ = false;
  std::unordered_map<int32_t, ThriftCall*> pending_;  // Not owned: each call belongs to its owner.
  std::unordered_set<int32_t> abandoned_;
};

ThriftCall::~ThriftCall() {
  if (conn != nullptr) { thriftForget(this); }
  if (worker != nullptr) { worker->timers().cancel(&timer); }
}

void ThriftCall::onTimer() {
  ThriftConn* k = conn;
  if (k == nullptr) { return; }
  k->forget(this);
  k->retire();
  owner->callFailed(this, ThriftFailure::Timeout, "thrift upstream did not answer within timeout_ms");
}

ThriftPools::ThriftPools(Worker* w) : w_(w) {}

ThriftPools::~ThriftPools() {
  for (auto& kv : pools_) {
    std::vector<ThriftConn*> all;
    all.swap(kv.second->conns);
    for (ThriftConn* c : all) {
      c->pool_ = nullptr;
      c->failAll(ThriftFailure::Unavailable, "worker is stopping", false);
    }
  }
}

ThriftConn* ThriftPools::pick(const ThriftUpstream& up, std::string* why) {
  // Round-robin over endpoints not ejected; when all are, one probe per second (EndpointHealth), as the REST path.
  Pool* pool = pickHealthy<Pool>(up.endpoints.size(), rr_[up.name]++, w_->now(), [&](size_t i) {
    const Endpoint& ep = up.endpoints[i];
    auto it = pools_.find(up.poolKeys[i]);
    if (it == pools_.end()) { it = pools_.emplace(up.poolKeys[i], std::unique_ptr<Pool>(new Pool{ep, {}, {}})).first; }
    it->second->endpoint.addr = ep.addr;  // a republished snapshot may have re-resolved the name
    it->second->endpoint.addrLen = ep.addrLen;
    return it->second.get();
  });
  if (pool == nullptr) {
    *why = up.endpoints.empty() ? "thrift upstream '" + up.name + "' has no endpoints"
                                : "every endpoint of thrift upstream '" + up.name + "' is ejected after failures";
    return nullptr;
  }
  ThriftConn* conn = nullptr;
  for (ThriftConn* k : pool->conns) {
    if (k->usable() && (conn == nullptr || k->load() < conn->load())) { conn = k; }
  }
  if (conn == nullptr || (conn->load() >= kCallsPerConnection && pool->conns.size() < up.maxConnections)) {
    int fd = socket(pool->endpoint.addr.ss_family, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
    if (fd < 0) {
      if (conn != nullptr) { return conn; }
      *why = "cannot open a socket to the thrift upstream";
      return nullptr;
    }
    int one = 1;
    setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
    conn = new ThriftConn(w_, pool, up, fd);  // freed through the worker's graveyard once closed
    pool->conns.push_back(conn);
  }
  return conn;
}

void thriftSend(ThriftConn* conn, int32_t seqid, std::string&& frame, ThriftCall* call) {
  conn->send(seqid, std::move(frame), call);
}

int32_t thriftNextSeqid(ThriftConn* conn) { return conn->nextSeqid(); }

void thriftForget(ThriftCall* call) {
  if (call->conn != nullptr) { call->conn->forget(call); }
}

}  // namespace sluice
