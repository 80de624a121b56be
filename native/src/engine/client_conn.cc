#include "engine/client_conn.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>

#include <cstdio>
#include <cstring>

#include "engine/error_response.h"
#include "engine/http_upstream.h"
#include "engine/thrift_upstream.h"
#include "engine/worker.h"

namespace sluice {
namespace {

constexpr size_t kPipelineBufferCap = 1 << 20;  // pause reading when this much waits unparsed
constexpr uint64_t kLingerMs = 2000;            // after our last byte, wait this long for the peer's FIN

std::string peerAddress(int fd) {
  sockaddr_storage ss{};
  socklen_t len = sizeof ss;
  if (getpeername(fd, reinterpret_cast<sockaddr*>(&ss), &len) != 0) { return "unknown"; }
  char buf[INET6_ADDRSTRLEN] = {0};
  if (ss.ss_family == AF_INET) {
    inet_ntop(AF_INET, &reinterpret_cast<sockaddr_in*>(&ss)->sin_addr, buf, sizeof buf);
  } else if (ss.ss_family == AF_INET6) {
    inet_ntop(AF_INET6, &reinterpret_cast<sockaddr_in6*>(&ss)->sin6_addr, buf, sizeof buf);
  }
  return buf;
}

bool isIdempotent(std::string_view m) {
  return m == "GET" || m == "HEAD" || m == "PUT" || m == "DELETE" || m == "OPTIONS" || m == "TRACE";
}

// Moves the views of a head parsed in one buffer onto a copy of the same bytes.
std::string_view rebase(std::string_view v, const char* from, const char* to) {
  if (v.data() == nullptr || v.empty()) { return v; }
  return std::string_view(to + (v.data() - from), v.size());
}

}  // namespace

ClientConn::ClientConn(Worker* w, int fd) : w_(w) {
  timer_.target = this;
  peerIp_ = peerAddress(fd);
  sock_ = w_->io().open(fd, this);
  w_->io().startRecv(sock_);
  armTimer(w_->limits().headerTimeoutMs);
}

ClientConn::~ClientConn() { w_->timers().cancel(&timer_); }

void ClientConn::armTimer(uint64_t ms) { w_->timers().arm(&timer_, w_->now() + ms); }

void ClientConn::onRecv(const char* data, size_t len) {
  if (state_ == State::Closed) { return; }
  if (state_ == State::Closing) { return; }  // lingering close: discard
  bool wasEmpty = in_.size() == inOff_;
  in_.append(data, len);
  if (state_ == State::Head && wasEmpty && !ex_) { armTimer(w_->limits().headerTimeoutMs); }
  if (state_ == State::Body) { armTimer(w_->limits().headerTimeoutMs); }  // body progress resets the clock
  process();
  if (state_ != State::Closed && in_.size() - inOff_ > kPipelineBufferCap && !readPaused_) {
    readPaused_ = true;
    w_->io().pauseRecv(sock_);
  }
}

void ClientConn::onRecvEnd(int err) {
  if (state_ == State::Closed) { return; }
  peerEof_ = true;
  if (err == 0 && state_ != State::Closing && queuedBytes() > 0) {
    closeAfter_ = true;
    if (state_ != State::Waiting) { state_ = State::Closing; }  // let the queued response go out first
    return;
  }
  if (state_ == State::Closing || err != 0 || state_ != State::Waiting) {
    closeNow();
    return;
  }
  closeAfter_ = true;  // half-close while waiting: answer, then close
}

void ClientConn::onSendProgress(size_t queued) {
  if (state_ == State::Closed) { return; }
  if (upstream_ != nullptr && queued < (256u << 10)) { upstream_->clientDrained(); }
  if (queued > 0) {
    armTimer(w_->limits().sendTimeoutMs);
    return;
  }
  if (state_ == State::Closing) {
    // Lingering close: stop sending, let the peer read our response and send its FIN.
    shutdown(sock_->fd, SHUT_WR);
    armTimer(kLingerMs);
    if (peerEof_) { closeNow(); }
    return;
  }
  if (state_ == State::Head && in_.size() == inOff_) { armTimer(w_->limits().idleTimeoutMs); }
  else if (state_ == State::Waiting) { w_->timers().cancel(&timer_); }
}

void ClientConn::onSendError(int err) { closeNow(); }

void ClientConn::onTimer() {
  if (state_ == State::Closed) { return; }
  if (state_ == State::Waiting && queuedBytes() == 0) { return; }  // upstream timers own this phase
  closeNow();  // header/body/idle/send timeout or linger expiry
}

size_t ClientConn::queuedBytes() const { return sock_ == nullptr ? 0 : sock_->out.bytes(); }

void ClientConn::process() {
  if (processing_) { return; }  // re-entered from a synchronous answer: the outer loop continues
  processing_ = true;
  while (state_ == State::Head || state_ == State::Body) {
    if (state_ == State::Head) {
      if (!readHead()) { break; }
    }
    if (state_ == State::Body) {
      if (!readBody()) { break; }
    }
  }
  processing_ = false;
}

void ClientConn::failParse(HttpError e) {
  w_->counters().badRequests.add();
  switch (e) {
    case HttpError::HeadersTooLarge:
      sendError(431, "headers_too_large", "request headers exceed limits.max_header_bytes", true);
      break;
    case HttpError::BodyTooLarge:
      sendError(413, "payload_too_large", "request body exceeds limits.max_body_bytes", true);
      break;
    case HttpError::NotImplemented:
      sendError(400, "bad_request", "unsupported transfer-coding (only chunked is accepted)", true);
      break;
    default:
      sendError(400, "bad_request", "malformed HTTP request", true);
      break;
  }
}

bool ClientConn::readHead() {
  const char* base = in_.data() + inOff_;
  size_t avail = in_.size() - inOff_;
  if (avail == 0) { return false; }
  ParseLimits pl;
  pl.maxHeaderBytes = w_->limits().maxHeaderBytes;
  pl.maxBodyBytes = w_->limits().maxBodyBytes;
  RequestHead& head = w_->scratchHead();  // the worker's: its header storage is reused
  HttpError err = HttpError::None;
  ParseStatus st = parseRequestHead(base, avail, pl, &head, &err);
  if (st == ParseStatus::Incomplete) { return false; }
  if (st == ParseStatus::Error) {
    failParse(err);
    return false;
  }
  ex_ = w_->takeExchange();
  Exchange* ex = ex_.get();
  ex->startUs = w_->nowUs();
  // Copy the head so the exchange's views survive in_ growing (pipelined bytes) or compacting.
  ex->rawHead.assign(base, head.headBytes);
  const char* to = ex->rawHead.data();
  ex->head = head;
  RequestHead& h = ex->head;
  h.method = rebase(h.method, base, to);
  h.target = rebase(h.target, base, to);
  h.path = rebase(h.path, base, to);
  h.query = rebase(h.query, base, to);
  h.host = rebase(h.host, base, to);
  h.connection = rebase(h.connection, base, to);
  h.requestId = rebase(h.requestId, base, to);
  h.forwardedFor = rebase(h.forwardedFor, base, to);
  for (HeaderField& f : h.headers) {
    f.name = rebase(f.name, base, to);
    f.value = rebase(f.value, base, to);
  }
  inOff_ += head.headBytes;
  clientKeepAlive_ = h.keepAlive;
  ex->isHead = h.method == "HEAD";
  ex->idempotent = isIdempotent(h.method);
  ex->snapshot = w_->snapshot();
  w_->counters().requests.add();
  if (h.chunked) {
    ex->chunked.reset(w_->limits().maxBodyBytes);
  } else {
    ex->bodyRemaining = h.contentLength;
  }
  bool needBody = h.chunked || h.contentLength > 0;
  if (needBody && h.expectContinue && h.versionMinor == 1 && in_.size() == inOff_) {
    static const char kContinue[] = "HTTP/1.1 100 Continue\r\n\r\n";
    w_->io().send(sock_, kContinue, sizeof kContinue - 1);
  }
  state_ = State::Body;
  armTimer(w_->limits().headerTimeoutMs);
  return true;
}

bool ClientConn::readBody() {
  Exchange* ex = ex_.get();
  const char* p = in_.data() + inOff_;
  size_t avail = in_.size() - inOff_;
  if (ex->head.chunked) {
    size_t used = ex->chunked.feed(p, avail, &ex->body);
    inOff_ += used;
    if (ex->chunked.error() != HttpError::None) {
      failParse(ex->chunked.error());
      return false;
    }
    if (!ex->chunked.done()) { return false; }
  } else if (ex->bodyRemaining > 0) {
    size_t n = avail < ex->bodyRemaining ? avail : static_cast<size_t>(ex->bodyRemaining);
    ex->body.append(p, n);
    inOff_ += n;
    ex->bodyRemaining -= n;
    if (ex->bodyRemaining > 0) { return false; }
  }
  // Compact consumed input so a long keep-alive connection does not grow its buffer.
  if (inOff_ == in_.size()) {
    in_.clear();
    inOff_ = 0;
  } else if (inOff_ > 65536) {
    in_.erase(0, inOff_);
    inOff_ = 0;
  }
  state_ = State::Waiting;
  w_->timers().cancel(&timer_);
  dispatch();
  return state_ == State::Head;  // a synchronous answer (404, ...) lets pipelined requests proceed
}

void ClientConn::dispatch() {
  Exchange* ex = ex_.get();
  const Snapshot* snap = ex->snapshot.get();
  if (snap == nullptr) {
    sendError(503, "upstream_unavailable", "no configuration has been published", false);
    return;
  }
  RouteMatch m;
  snap->router.match(ex->head.method, ex->head.path, &m);
  if (m.kind == RouteMatch::Kind::NotFound) {
    w_->counters().unmatched.add();
    sendError(404, "route_not_found", "no route for " + std::string(ex->head.method) + " " + std::string(ex->head.path), false);
    return;
  }
  if (m.kind == RouteMatch::Kind::MethodNotAllowed) {
    w_->counters().unmatched.add();
    sendError(405, "method_not_allowed", "method " + std::string(ex->head.method) + " is not allowed for " + std::string(ex->head.path),
              false, m.allow);
    return;
  }
  ex->route = &snap->routes[static_cast<size_t>(m.routeIndex)];
  ex->params = std::move(m.params);
  if (ex->route->kind == RouteKind::Thrift) {
    startThriftCall(this, ex);
    return;
  }
  startProxy(this, ex);
}

void ClientConn::respondHead(int status, std::string&& head, BodyFraming upstreamFraming, uint64_t contentLength) {
  Exchange* ex = ex_.get();
  ex->status = status;
  ex->headSent = true;
  bool close = closeAfter_ || !clientKeepAlive_ || w_->draining();
  int minor = ex->head.versionMinor;
  switch (upstreamFraming) {
    case BodyFraming::None:
      ex->framing = BodyFraming::None;
      break;
    case BodyFraming::Length:
      ex->framing = BodyFraming::Length;
      head += "Content-Length: ";
      appendDecimal(head, contentLength);
      head += "\r\n";
      break;
    case BodyFraming::Chunked:
    case BodyFraming::UntilClose:
      if (minor == 1) {
        ex->framing = BodyFraming::Chunked;
        head += "Transfer-Encoding: chunked\r\n";
      } else {
        ex->framing = BodyFraming::UntilClose;  // HTTP/1.0 has no chunked: delimit by closing
        close = true;
      }
      break;
  }
  if (close) {
    closeAfter_ = true;
    head += "Connection: close\r\n";
  } else if (minor == 0) {
    head += "Connection: keep-alive\r\n";
  }
  head += "\r\n";
  w_->io().send(sock_, std::move(head));
}

void ClientConn::respondBody(const char* p, size_t n) {
  if (n == 0 || state_ == State::Closed) { return; }
  Exchange* ex = ex_.get();
  if (ex->isHead || ex->framing == BodyFraming::None) { return; }
  if (ex->framing == BodyFraming::Chunked) {
    char size[24];
    int k = snprintf(size, sizeof size, "%zx\r\n", n);
    w_->io().send(sock_, size, static_cast<size_t>(k));
    w_->io().send(sock_, p, n);
    w_->io().send(sock_, "\r\n", 2);
  } else {
    w_->io().send(sock_, p, n);
  }
  if (queuedBytes() > 0) { armTimer(w_->limits().sendTimeoutMs); }
}

void ClientConn::respondEnd() {
  if (state_ == State::Closed || !ex_) { return; }
  if (ex_->framing == BodyFraming::Chunked && !ex_->isHead) { w_->io().send(sock_, "0\r\n\r\n", 5); }
  finishExchange();
}

void ClientConn::finishExchange() {
  Exchange* ex = ex_.get();
  upstream_ = nullptr;
  if (ex->route != nullptr && ex->route->counters) {
    ex->route->counters->record(w_->index(), ex->status, w_->nowUs() - ex->startUs);
  }
  w_->giveExchange(std::move(ex_));
  if (closeAfter_ || peerEof_) {
    state_ = State::Closing;
    if (queuedBytes() == 0) { onSendProgress(0); }
    else { armTimer(w_->limits().sendTimeoutMs); }
    return;
  }
  state_ = State::Head;
  if (readPaused_) {
    readPaused_ = false;
    w_->io().startRecv(sock_);
  }
  if (queuedBytes() > 0) {
    armTimer(w_->limits().sendTimeoutMs);
  } else if (in_.size() == inOff_) {
    armTimer(w_->limits().idleTimeoutMs);
  } else {
    armTimer(w_->limits().headerTimeoutMs);
  }
  if (in_.size() != inOff_) { process(); }  // pipelined requests already buffered
}

void ClientConn::sendError(int status, const char* code, const std::string& message, bool close, const std::string& allow) {
  if (state_ == State::Closed) { return; }
  if (ex_ && ex_->headSent) {
    abortResponse();
    return;
  }
  std::string body = errorEnvelope(code, message);
  bool isHead = ex_ && ex_->isHead;
  if (close || !clientKeepAlive_ || w_->draining()) { closeAfter_ = true; }
  std::string head;
  head.reserve(256);
  appendStatusLine(head, status);
  head += "Content-Type: application/json; charset=utf-8\r\nContent-Length: ";
  appendDecimal(head, body.size());
  head += "\r\n";
  if (!allow.empty()) {
    head += "Allow: ";
    head += allow;
    head += "\r\n";
  }
  if (ex_ && !ex_->requestId.empty()) {
    head += "X-Request-Id: ";
    head += ex_->requestId;
    head += "\r\n";
  }
  head += closeAfter_ ? "Connection: close\r\n\r\n" : "\r\n";
  if (!isHead) { head += body; }
  w_->io().send(sock_, std::move(head));
  if (ex_) {
    ex_->status = status;
    finishExchange();
    return;
  }
  state_ = State::Closing;
  if (queuedBytes() == 0) { onSendProgress(0); }
  else { armTimer(w_->limits().sendTimeoutMs); }
}

void ClientConn::abortResponse() { closeNow(); }

void ClientConn::beginDrain() {
  if (state_ == State::Closed) { return; }
  if (state_ == State::Head && in_.size() == inOff_ && queuedBytes() == 0 && !ex_) {
    closeNow();
    return;
  }
  closeAfter_ = true;
}

void ClientConn::forceClose() { closeNow(); }

void ClientConn::closeNow() {
  if (state_ == State::Closed) { return; }
  state_ = State::Closed;
  w_->timers().cancel(&timer_);
  if (upstream_ != nullptr) {
    UpstreamCall* u = upstream_;
    upstream_ = nullptr;
    u->clientGone();
  }
  if (ex_ && ex_->route != nullptr && ex_->route->counters && ex_->status != 0) {
    ex_->route->counters->record(w_->index(), ex_->status, w_->nowUs() - ex_->startUs);
  }
  w_->giveExchange(std::move(ex_));
  w_->io().close(sock_);
  sock_ = nullptr;
  w_->connectionClosed(this);
}

}  // namespace sluice
