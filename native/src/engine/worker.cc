#include "engine/worker.h"

#include <malloc.h>
#include <pthread.h>
#include <sys/eventfd.h>
#include <sys/random.h>
#include <unistd.h>

#include <string>

#include "engine/client_conn.h"
#include "engine/engine.h"
#include "engine/http_upstream.h"
#include "engine/thrift_listener.h"

namespace sluice {
namespace {

constexpr size_t kSpareExchanges = 256;       // finished exchanges kept for reuse (bounded: idle is cheap)
constexpr uint64_t kQuietBeforeTrimMs = 1000;  // traffic stopped this long: give freed heap back to the kernel

}  // namespace

Worker::Worker(Engine* engine, size_t index, BackendKind kind, int listenFd, const Limits& limits)
    : engine_(engine), index_(index), kind_(kind), listenFd_(listenFd), limits_(limits) {}

Worker::~Worker() {
  join();
  if (listenFd_ >= 0) { ::close(listenFd_); }
  for (BoundThriftListener& l : thriftListeners_) {
    if (l.fd >= 0) { ::close(l.fd); }
  }
}

bool Worker::start(std::string* why) {
  wakeFd_ = eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC);
  if (wakeFd_ < 0) {
    *why = "eventfd failed";
    return false;
  }
  thread_ = std::thread([this] {
    // Named so `top -H`, perf and /proc/<pid>/task/*/comm tell the data-plane threads from Node's own.
    std::string name = "sluice-w" + std::to_string(index_);
    pthread_setname_np(pthread_self(), name.c_str());
    run();
  });
  // The ring must be created on its own thread (SINGLE_ISSUER): wait for the thread to report.
  while (startState_.load(std::memory_order_acquire) == 0) { std::this_thread::yield(); }
  if (startState_.load() < 0) {
    *why = startError_;
    thread_.join();
    return false;
  }
  return true;
}

void Worker::join() {
  if (thread_.joinable()) { thread_.join(); }
  if (wakeFd_ >= 0) {
    ::close(wakeFd_);
    wakeFd_ = -1;
  }
}

void Worker::wake() {
  uint64_t one = 1;
  ssize_t r = write(wakeFd_, &one, sizeof one);
  (void)r;
}

UpstreamPool& Worker::pool(const Endpoint& ep) {
  auto it = pools_.find(ep.name);
  if (it == pools_.end()) { it = pools_.emplace(ep.name, std::unique_ptr<UpstreamPool>(new UpstreamPool(this, ep))).first; }
  UpstreamPool& p = *it->second;
  p.endpoint.addr = ep.addr;  // a republished snapshot may have re-resolved the name
  p.endpoint.addrLen = ep.addrLen;
  return p;
}

uint32_t Worker::nextRoundRobin(const std::string& routeId) { return rr_[routeId]++; }

void Worker::newRequestId(std::string* out) {
  // xorshift128+ seeded from getrandom(): unique enough for tracing, never a secret.
  uint64_t s1 = rng_[0];
  const uint64_t s0 = rng_[1];
  rng_[0] = s0;
  s1 ^= s1 << 23;
  rng_[1] = s1 ^ s0 ^ (s1 >> 17) ^ (s0 >> 26);
  uint64_t a = rng_[1] + s0;
  uint64_t b = a * 0x9E3779B97F4A7C15ull ^ (static_cast<uint64_t>(index_) << 56) ^ nowMs_;
  // 32 lowercase hex digits, written by hand: snprintf showed up in the proxy's profile.
  static constexpr char kHex[] = "0123456789abcdef";
  std::string& id = *out;
  id.assign(32, '0');
  for (int i = 0; i < 16; i++) {
    id[static_cast<size_t>(15 - i)] = kHex[(a >> (4 * i)) & 15];
    id[static_cast<size_t>(31 - i)] = kHex[(b >> (4 * i)) & 15];
  }
}

std::unique_ptr<Exchange> Worker::takeExchange() {
  std::unique_ptr<Exchange> ex;
  if (spareExchanges_.empty()) {
    ex.reset(new Exchange());
  } else {
    ex = std::move(spareExchanges_.back());
    spareExchanges_.pop_back();
  }
  return ex;
}

void Worker::giveExchange(std::unique_ptr<Exchange> ex) {
  if (!ex) { return; }
  ex->recycle();
  if (spareExchanges_.size() < kSpareExchanges) { spareExchanges_.push_back(std::move(ex)); }
}

void Worker::onAccept(int fd) {
  if (draining_) {
    ::close(fd);
    return;
  }
  auto* c = new ClientConn(this, fd);
  c->index = conns_.size();
  conns_.push_back(c);
  counters_.activeConnections.add();
  counters_.acceptedConnections.add();
}

void Worker::connectionClosed(ClientConn* c) {
  conns_[c->index] = conns_.back();
  conns_[c->index]->index = c->index;
  conns_.pop_back();
  counters_.activeConnections.sub();
  graveyard_.push_back(c);
}

bool Worker::trimAfterQuiet() {
  // A burst (large bodies, thousands of connections) leaves freed heap that malloc keeps; once the worker has
  // been quiet for a second, malloc_trim returns it, so resident memory follows the load back down.
  uint64_t seen = counters_.requests.get() + counters_.acceptedConnections.get();
  if (seen != trafficSeen_) {
    trafficSeen_ = seen;
    lastTrafficMs_ = nowMs_;
    trimPending_ = true;
  } else if (trimPending_ && nowMs_ - lastTrafficMs_ >= kQuietBeforeTrimMs) {
    malloc_trim(0);
    trimPending_ = false;
  }
  return trimPending_;
}

void Worker::onWaitReturned() {
  uint64_t us = monotonicUs();
  nowUs_ = us;
  nowMs_ = us / 1000;
}

void Worker::onWake() {
  refreshSnapshot();
  if (!draining_ && engine_->drainRequested()) { beginDrain(); }
}

void Worker::refreshSnapshot() {
  uint64_t g = engine_->generation();
  if (g != snapshotGen_) {
    snapshot_ = engine_->snapshot();
    snapshotGen_ = g;
  }
}

void Worker::beginDrain() {
  draining_ = true;
  drainDeadlineMs_ = engine_->drainDeadlineMs();
  io_->closeListener();  // first: SO_REUSEPORT keeps hashing SYNs to a listener until it is gone
  std::vector<ClientConn*> snapshot = conns_;
  for (ClientConn* c : snapshot) { c->beginDrain(); }
  if (thriftIn_) { thriftIn_->beginDrain(); }
}

void Worker::forceCloseAll() {
  while (!conns_.empty()) { conns_.back()->forceClose(); }
  if (thriftIn_) { thriftIn_->forceCloseAll(); }
}

void Worker::run() {
  if (getrandom(rng_, sizeof rng_, 0) != static_cast<ssize_t>(sizeof rng_) || (rng_[0] | rng_[1]) == 0) {
    rng_[0] = 0x853c49e6748fea9bull ^ reinterpret_cast<uintptr_t>(this);
    rng_[1] = 0xda3e39cb94b95bdbull;
  }
  onWaitReturned();  // the clock starts
  io_ = kind_ == BackendKind::IoUring ? makeIoUringBackend() : makeEpollBackend();
  std::string why;
  if (!io_->init(wakeFd_, this, &why)) {
    startError_ = why;
    io_.reset();
    startState_.store(-1, std::memory_order_release);
    exited_.store(true, std::memory_order_release);
    return;
  }
  wheel_.reset(new TimerWheel(nowMs_));
  refreshSnapshot();
  io_->listen(listenFd_, this);
  listenFd_ = -1;  // the backend owns it now
  if (!thriftListeners_.empty()) {
    thriftIn_ = makeThriftIn(this, std::move(thriftListeners_));  // the backend owns their fds now
    thriftListeners_.clear();
  }
  startState_.store(1, std::memory_order_release);

  while (true) {
    refreshSnapshot();
    if (!draining_ && engine_->drainRequested()) { beginDrain(); }
    if (draining_ && conns_.empty() && (!thriftIn_ || thriftIn_->liveConnections() == 0)) { break; }
    if (draining_ && nowMs_ >= drainDeadlineMs_) {
      forceCloseAll();
      break;
    }
    int64_t wait = wheel_->nextWaitMs(nowMs_);
    if (draining_ && (wait < 0 || wait > 20)) { wait = 20; }
    if (trimAfterQuiet() && (wait < 0 || wait > static_cast<int64_t>(kQuietBeforeTrimMs))) { wait = kQuietBeforeTrimMs; }
    io_->poll(static_cast<int>(wait));
    wheel_->advance(nowMs_);
    for (IoHandler* h : graveyard_) { delete h; }
    graveyard_.clear();
    counters_.enobufs.v.store(io_->enobufs(), std::memory_order_relaxed);
  }
  // Teardown (notes §9): clients are gone; close pooled upstream connections, then the backend
  // cancels and drains whatever is still in flight before its memory is freed.
  thriftIn_.reset();
  pools_.clear();
  thrift_.reset();
  for (IoHandler* h : graveyard_) { delete h; }
  graveyard_.clear();
  io_.reset();
  wheel_.reset();
  snapshot_.reset();
  exited_.store(true, std::memory_order_release);
}

}  // namespace sluice
