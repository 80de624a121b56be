// HttpUpstreamConn state chain:
//   Connecting --connected--> Busy (request sent, response relayed) --response complete--> Idle (pool)
//   Idle --assigned--> Busy;  any state --error/timeout/EOF--> closed (and the call retried or failed).
#include "engine/http_upstream.h"

#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <cstring>

#include "engine/client_conn.h"
#include "engine/error_response.h"
#include "engine/worker.h"

namespace sluice {
namespace {

constexpr uint64_t kPoolIdleMs = 60000;
constexpr size_t kPauseUpstreamAt = 1u << 20;  // client send queue high watermark

enum class Failure { ConnectFailed, ConnectTimeout, Reset, BadResponse, Timeout };

void failCall(ClientConn* c, Exchange* ex, Failure f, bool reused, bool gotBytes);

}  // namespace

class HttpUpstreamConn final : public IoHandler, public TimerTarget, public UpstreamCall {
 public:
  enum class State { Connecting, Idle, Busy, Closed };

  HttpUpstreamConn(UpstreamPool* pool, int fd) : pool_(pool), w_(pool->worker) {
    timer_.target = this;
    sock_ = w_->io().open(fd, this);
    pool_->total++;
    w_->counters().upstreamConnects.add();
  }
  ~HttpUpstreamConn() override { w_->timers().cancel(&timer_); }

  void connect(uint32_t timeoutMs) {
    state_ = State::Connecting;
    w_->timers().arm(&timer_, w_->now() + timeoutMs);
    w_->io().connect(sock_, reinterpret_cast<const sockaddr*>(&pool_->endpoint.addr), pool_->endpoint.addrLen);
  }

  /// Hands the call to this connection; the request goes out now or once connected.
  void assign(ClientConn* c, Exchange* ex, std::string&& request, bool reused) {
    client_ = c;
    ex_ = ex;
    reused_ = reused;
    gotBytes_ = false;
    headDone_ = false;
    extra_ = false;
    in_.clear();
    pool_->active++;
    activeHeld_ = true;
    w_->counters().poolActive.add();
    c->setUpstream(this);
    request_ = std::move(request);
    if (state_ == State::Idle) {
      w_->counters().poolIdle.sub();
      state_ = State::Busy;
      sendRequest();
    }
  }

  void closeConn() {
    if (state_ == State::Closed) { return; }
    if (state_ == State::Idle) {
      w_->counters().poolIdle.sub();
      // An idle connection is still listed in the pool: unlist it before its deferred delete, or the next
      // request would pop a freed connection (use-after-free found by the soak; docs/hardening.md §6).
      auto& idle = pool_->idle;
      idle.erase(std::remove(idle.begin(), idle.end(), this), idle.end());
    }
    state_ = State::Closed;
    w_->timers().cancel(&timer_);
    releaseActive();
    pool_->total--;
    w_->io().close(sock_);
    sock_ = nullptr;
    w_->deferDelete(this);
  }

  // IoHandler
  void onConnect(int err) override {
    if (state_ != State::Connecting) { return; }
    if (err != 0) {
      fail(Failure::ConnectFailed);
      return;
    }
    w_->io().startRecv(sock_);
    state_ = State::Busy;
    sendRequest();
  }

  void onRecv(const char* data, size_t len) override {
    if (state_ != State::Busy || client_ == nullptr) {
      closeConn();  // bytes on an idle connection: the upstream broke the protocol
      return;
    }
    gotBytes_ = true;
    if (headDone_) {
      body(data, len);
      return;
    }
    in_.append(data, len);
    while (!headDone_) {
      ParseLimits pl;
      pl.maxHeaderBytes = 65536;
      HttpError err;
      ParseStatus st = parseResponseHead(in_.data(), in_.size(), pl, &rh_, &err);
      if (st == ParseStatus::Incomplete) { return; }
      if (st == ParseStatus::Error) {
        fail(Failure::BadResponse);
        return;
      }
      if (rh_.status < 200) {
        if (rh_.status == 101) {
          fail(Failure::BadResponse);  // we never ask for an upgrade
          return;
        }
        in_.erase(0, rh_.headBytes);  // 1xx interim responses are not relayed
        continue;
      }
      startResponse();
    }
  }

  void onRecvEnd(int err) override {
    if (state_ == State::Busy && client_ != nullptr) {
      if (err == 0 && headDone_ && framing_ == BodyFraming::UntilClose) {
        upstreamKeepAlive_ = false;
        complete();
        return;
      }
      fail(Failure::Reset);
      return;
    }
    closeConn();
  }

  void onSendProgress(size_t) override {}
  void onSendError(int) override {
    if (state_ == State::Busy && client_ != nullptr) {
      fail(Failure::Reset);
      return;
    }
    closeConn();
  }

  // TimerTarget
  void onTimer() override {
    switch (state_) {
      case State::Connecting: fail(Failure::ConnectTimeout); break;
      case State::Busy: fail(Failure::Timeout); break;
      default: closeConn(); break;  // idle too long
    }
  }

  // UpstreamCall
  void clientDrained() override {
    if (paused_ && sock_ != nullptr) {
      paused_ = false;
      w_->io().startRecv(sock_);
    }
  }
  void clientGone() override {
    releaseActive();
    client_ = nullptr;
    ex_ = nullptr;
    closeConn();  // mid-response: the connection's framing state is unknown to the next user
  }

 private:
  /// Ends the in-flight accounting of the assigned call (idempotent while client_ is set once).
  void releaseActive() {
    if (client_ == nullptr || !activeHeld_) { return; }
    activeHeld_ = false;
    pool_->active--;
    w_->counters().poolActive.sub();
  }

  void sendRequest() {
    w_->timers().arm(&timer_, w_->now() + ex_->route->proxy.timeoutMs);
    w_->io().send(sock_, std::move(request_));
    request_.clear();
  }

  void startResponse() {
    headDone_ = true;
    int status = rh_.status;
    if (ex_->isHead || status == 204 || status == 304) {
      framing_ = BodyFraming::None;
    } else if (rh_.chunked) {
      framing_ = BodyFraming::Chunked;
      dec_.reset(UINT64_MAX);
    } else if (rh_.hasContentLength) {
      framing_ = BodyFraming::Length;
      remaining_ = rh_.contentLength;
    } else {
      framing_ = BodyFraming::UntilClose;
    }
    upstreamKeepAlive_ = rh_.keepAlive && framing_ != BodyFraming::UntilClose;
    std::string head = ChunkPool::take(rh_.headBytes + 64);  // storage of an earlier sent chunk, when kept
    head.reserve(rh_.headBytes + 64);
    head += "HTTP/1.1 ";
    appendDecimal(head, static_cast<uint64_t>(status));  // the parser admits 3-digit statuses only
    head += ' ';
    head.append(rh_.reason.data(), rh_.reason.size());
    head += "\r\n";
    for (const HeaderField& h : rh_.headers) {
      if (isHopByHop(h, rh_.connection)) { continue; }
      // Framing is re-decided towards the client; a HEAD answer keeps the upstream's length.
      if (h.kind == HeaderKind::ContentLength && !ex_->isHead) { continue; }
      head.append(h.name.data(), h.name.size());
      head += ": ";
      head.append(h.value.data(), h.value.size());
      head += "\r\n";
    }
    BodyFraming toClient = framing_;
    if (framing_ == BodyFraming::None && !ex_->isHead && status != 204 && status != 304) { toClient = BodyFraming::Length; }
    client_->respondHead(status, std::move(head), toClient, framing_ == BodyFraming::Length ? remaining_ : 0);
    // in_ is cleared first (the next response starts clean); what followed the head moves to rest_, whose
    // storage is kept across responses.
    rest_.assign(in_, rh_.headBytes, std::string::npos);
    in_.clear();
    if (framing_ == BodyFraming::None) {
      if (!rest_.empty()) { extra_ = true; }
      complete();
      return;
    }
    if (!rest_.empty()) { body(rest_.data(), rest_.size()); }
    else if (framing_ == BodyFraming::Length && remaining_ == 0) { complete(); }
  }

  void body(const char* data, size_t len) {
    ClientConn* c = client_;
    switch (framing_) {
      case BodyFraming::Length: {
        size_t n = len < remaining_ ? len : static_cast<size_t>(remaining_);
        c->respondBody(data, n);
        remaining_ -= n;
        if (n < len) { extra_ = true; }
        if (remaining_ == 0) {
          complete();
          return;
        }
        break;
      }
      case BodyFraming::Chunked: {
        std::string out;
        size_t used = dec_.feed(data, len, &out);
        c->respondBody(out.data(), out.size());
        if (dec_.error() != HttpError::None) {
          fail(Failure::BadResponse);
          return;
        }
        if (dec_.done()) {
          if (used < len) { extra_ = true; }
          complete();
          return;
        }
        break;
      }
      case BodyFraming::UntilClose:
        c->respondBody(data, len);
        break;
      case BodyFraming::None:
        extra_ = true;
        break;
    }
    if (client_ != nullptr && client_->queuedBytes() > kPauseUpstreamAt && !paused_) {
      paused_ = true;
      w_->io().pauseRecv(sock_);
    }
  }

  /// The response is fully relayed: return the connection to the pool (before telling the client,
  /// whose next pipelined request may want it) and finish the client's exchange.
  void complete() {
    ClientConn* c = client_;
    releaseActive();
    client_ = nullptr;
    ex_ = nullptr;
    c->setUpstream(nullptr);
    pool_->health.succeeded();
    if (paused_) {
      paused_ = false;
      w_->io().startRecv(sock_);
    }
    if (upstreamKeepAlive_ && !extra_ && !w_->draining()) {
      state_ = State::Idle;
      w_->timers().arm(&timer_, w_->now() + kPoolIdleMs);
      pool_->idle.push_back(this);
      w_->counters().poolIdle.add();
    } else {
      closeConn();
    }
    c->respondEnd();
  }

  void fail(Failure f) {
    ClientConn* c = client_;
    Exchange* ex = ex_;
    bool reused = reused_;
    bool gotBytes = gotBytes_;
    // A stale keep-alive connection closed by the upstream is not the endpoint's fault.
    bool staleReuse = reused && !gotBytes && f == Failure::Reset;
    if (!staleReuse) {
      pool_->health.failed(w_->now());
    }
    closeConn();
    client_ = nullptr;
    ex_ = nullptr;
    if (c != nullptr) {
      c->setUpstream(nullptr);
      failCall(c, ex, f, reused, gotBytes);
    }
  }

  UpstreamPool* pool_;          // Not owned; pools outlive their connections (worker teardown closes these first).
  Worker* w_;                   // Not owned.
  IoSocket* sock_ = nullptr;    // Owned by the backend until closeConn().
  ClientConn* client_ = nullptr;  // Not owned; detaches via clientGone() before it dies.
  Exchange* ex_ = nullptr;      // Not owned; lives in client_.
  State state_ = State::Connecting;
  TimerEntry timer_;
  std::string request_;
  std::string rest_;  // body bytes that arrived with the response head
  std::string in_;
  ResponseHead rh_;
  ChunkedDecoder dec_;
  BodyFraming framing_ = BodyFraming::None;
  uint64_t remaining_ = 0;
  bool headDone_ = false;
  bool upstreamKeepAlive_ = false;
  bool reused_ = false;
  bool gotBytes_ = false;
  bool extra_ = false;
  bool paused_ = false;
  bool activeHeld_ = false;     // this call is counted in pool_->active
};

UpstreamPool::~UpstreamPool() {
  std::vector<HttpUpstreamConn*> conns;
  conns.swap(idle);
  for (HttpUpstreamConn* c : conns) { c->closeConn(); }
}

std::string buildUpstreamRequest(const Exchange& ex, const std::string& peerIp) {
  const RequestHead& h = ex.head;
  const ProxyTarget& t = ex.route->proxy;
  std::string out = ChunkPool::take(ex.rawHead.size() + 160 + ex.body.size());
  out.reserve(ex.rawHead.size() + 160 + ex.body.size());
  out.append(h.method.data(), h.method.size());
  out += ' ';
  std::string_view target = h.target;
  if (!t.stripPrefix.empty() && h.path.substr(0, t.stripPrefix.size()) == t.stripPrefix) {
    std::string_view rest = target.substr(t.stripPrefix.size());
    if (rest.empty() || (rest[0] != '/')) { out += '/'; }
    if (!rest.empty() && rest[0] == '?') {
      out.pop_back();
      out += '/';
    }
    out.append(rest.data(), rest.size());
  } else {
    out.append(target.data(), target.size());
  }
  out += " HTTP/1.1\r\n";
  bool hasHost = false;
  for (const HeaderField& f : h.headers) {
    switch (f.kind) {
      case HeaderKind::ContentLength:
      case HeaderKind::Expect:
      case HeaderKind::XForwardedFor:
      case HeaderKind::XForwardedProto:
      case HeaderKind::XRequestId:
        continue;  // re-decided below
      case HeaderKind::Host:
        hasHost = true;
        break;
      default:
        if (isHopByHop(f, h.connection)) { continue; }
        break;
    }
    out.append(f.name.data(), f.name.size());
    out += ": ";
    out.append(f.value.data(), f.value.size());
    out += "\r\n";
  }
  if (!hasHost) {
    out += "Host: ";
    out += ex.route->proxy.endpoints.empty() ? std::string("localhost") : ex.route->proxy.endpoints[0].name;
    out += "\r\n";
  }
  out += "X-Forwarded-For: ";
  if (!h.forwardedFor.empty()) {
    out.append(h.forwardedFor.data(), h.forwardedFor.size());
    out += ", ";
  }
  out += peerIp;
  out += "\r\nX-Forwarded-Proto: http\r\nX-Request-Id: ";
  out += ex.requestId;
  out += "\r\n";
  bool bodyMethod = h.method == "POST" || h.method == "PUT" || h.method == "PATCH";
  if (!ex.body.empty() || bodyMethod || h.hasContentLength || h.chunked) {
    out += "Content-Length: ";
    appendDecimal(out, ex.body.size());
    out += "\r\n";
  }
  out += "\r\n";
  out += ex.body;
  return out;
}

namespace {

int pickEndpoint(Worker* w, Exchange* ex) {
  const ProxyTarget& t = ex->route->proxy;
  size_t n = t.endpoints.size();
  if (n == 0) { return -1; }
  uint32_t start = t.balance == Balance::RoundRobin ? w->nextRoundRobin(ex->route->id) : 0;
  int best = -1;
  int fallback = -1;  // already tried but healthy: used when everything healthy was tried
  uint32_t bestActive = UINT32_MAX;
  for (size_t k = 0; k < n; k++) {
    size_t i = (start + k) % n;
    UpstreamPool& p = w->pool(t.endpoints[i]);
    if (!p.health.healthy(w->now())) { continue; }
    bool tried = i < 32 && (ex->triedMask & (1u << i)) != 0;
    if (tried) {
      if (fallback < 0) { fallback = static_cast<int>(i); }
      continue;
    }
    if (t.balance == Balance::RoundRobin) { return static_cast<int>(i); }
    if (p.active < bestActive) {
      bestActive = p.active;
      best = static_cast<int>(i);
    }
  }
  if (best >= 0 || fallback >= 0) { return best >= 0 ? best : fallback; }
  // Nothing healthy is left: let one request per second probe an ejected endpoint not tried yet.
  for (size_t k = 0; k < n; k++) {
    size_t i = (start + k) % n;
    bool tried = i < 32 && (ex->triedMask & (1u << i)) != 0;
    if (!tried && w->pool(t.endpoints[i]).health.claimProbe(w->now())) { return static_cast<int>(i); }
  }
  return -1;
}

void failCall(ClientConn* c, Exchange* ex, Failure f, bool reused, bool gotBytes) {
  Worker* w = c->worker();
  if (ex->headSent) {
    c->abortResponse();
    return;
  }
  bool neverReached = f == Failure::ConnectFailed || f == Failure::ConnectTimeout || (f == Failure::Reset && reused && !gotBytes);
  int maxAttempts = static_cast<int>(ex->route->proxy.endpoints.size()) + 1;
  if (maxAttempts > 4) { maxAttempts = 4; }
  if (ex->idempotent && neverReached && ex->attempts < maxAttempts) {
    w->counters().upstreamRetries.add();
    startProxy(c, ex);
    return;
  }
  if (f == Failure::ConnectTimeout || f == Failure::Timeout) {
    w->counters().upstreamTimeouts.add();
    c->sendError(504, "upstream_timeout", f == Failure::Timeout ? "upstream did not answer within timeout_ms" : "upstream connect timed out", false);
    return;
  }
  w->counters().upstreamErrors.add();
  const char* why = f == Failure::ConnectFailed ? "upstream refused the connection"
                    : f == Failure::BadResponse ? "upstream sent a malformed HTTP response"
                                                : "upstream closed or reset the connection";
  c->sendError(502, "upstream_error", why, false);
}

}  // namespace

void startProxy(ClientConn* c, Exchange* ex) {
  Worker* w = c->worker();
  if (ex->requestId.empty()) {
    if (ex->head.requestId.empty()) {
      w->newRequestId(&ex->requestId);
    } else {
      ex->requestId.assign(ex->head.requestId.data(), ex->head.requestId.size());
    }
  }
  int i = pickEndpoint(w, ex);
  if (i < 0) {
    w->counters().upstreamUnavailable.add();
    c->sendError(503, "upstream_unavailable", ex->route->proxy.endpoints.empty() ? "route has no upstream endpoints" : "every upstream endpoint is ejected after failures", false);
    return;
  }
  ex->attempts++;
  if (i < 32) { ex->triedMask |= 1u << i; }
  const ProxyTarget& t = ex->route->proxy;
  UpstreamPool& p = w->pool(t.endpoints[static_cast<size_t>(i)]);
  std::string req = buildUpstreamRequest(*ex, c->peerIp());
  if (!p.idle.empty()) {
    HttpUpstreamConn* u = p.idle.back();
    p.idle.pop_back();
    u->assign(c, ex, std::move(req), true);
    return;
  }
  if (p.total >= t.maxConnections) {
    w->counters().upstreamUnavailable.add();
    c->sendError(503, "upstream_unavailable", "upstream connection pool is full (max_connections per worker)", false);
    return;
  }
  int fd = socket(p.endpoint.addr.ss_family, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
  if (fd < 0) {
    w->counters().upstreamUnavailable.add();
    c->sendError(503, "upstream_unavailable", std::string("cannot open upstream socket: ") + strerror(errno), false);
    return;
  }
  int one = 1;
  setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
  auto* u = new HttpUpstreamConn(&p, fd);
  u->assign(c, ex, std::move(req), false);
  u->connect(t.connectTimeoutMs);
}

}  // namespace sluice
