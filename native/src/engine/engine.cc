#include "engine/engine.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cstdlib>
#include <cstring>
#include <thread>

#include "engine/thrift_listener_counters.h"
#include "engine/timer_wheel.h"
#include "engine/worker.h"

namespace sluice {
namespace {

// One listener per worker, all in the same SO_REUSEPORT group. TCP_NODELAY is set here because
// accepted sockets inherit it (native-dataplane.md §3), which saves a setsockopt per connection.
int makeListener(const sockaddr_storage& addr, socklen_t len, std::string* why) {
  int fd = socket(addr.ss_family, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
  if (fd < 0) {
    *why = std::string("socket: ") + strerror(errno);
    return -1;
  }
  int one = 1;
  setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
  setsockopt(fd, SOL_SOCKET, SO_REUSEPORT, &one, sizeof one);
  setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
  if (bind(fd, reinterpret_cast<const sockaddr*>(&addr), len) != 0) {
    *why = std::string("bind: ") + strerror(errno);
    ::close(fd);
    return -1;
  }
  if (listen(fd, 4096) != 0) {
    *why = std::string("listen: ") + strerror(errno);
    ::close(fd);
    return -1;
  }
  return fd;
}

}  // namespace

std::unique_ptr<Engine> Engine::start(const EngineConfig& cfg, std::shared_ptr<Snapshot> initial, std::string* why) {
  std::unique_ptr<Engine> e(new Engine());
  if (cfg.backend == "epoll") {
    e->kind_ = BackendKind::Epoll;
  } else {
    std::string reason;
    // SLUICE_TEST_DISABLE_IO_URING simulates a seccomp-blocked or sysctl-disabled io_uring (tests).
    const char* disabled = getenv("SLUICE_TEST_DISABLE_IO_URING");
    bool available = disabled != nullptr && disabled[0] == '1' ? (reason = "disabled by SLUICE_TEST_DISABLE_IO_URING", false)
                                                                : ioUringAvailable(&reason);
    if (available) {
      e->kind_ = BackendKind::IoUring;
    } else if (cfg.backend == "io_uring") {
      *why = "io_backend io_uring is unavailable: " + reason;
      return nullptr;
    } else {
      e->kind_ = BackendKind::Epoll;
      e->fallbackReason_ = reason;
    }
  }
  size_t n = cfg.workers;
  if (n == 0) { n = std::max(1u, std::thread::hardware_concurrency()); }
  e->registry_.reset(new CounterRegistry(n));
  e->publish(std::move(initial));

  Endpoint ep;
  if (!resolveEndpoint(cfg.host + ":" + std::to_string(cfg.port), &ep, why)) { return nullptr; }
  std::vector<int> fds;
  for (size_t i = 0; i < n; i++) {
    int fd = makeListener(ep.addr, ep.addrLen, why);
    if (fd < 0) {
      for (int f : fds) { ::close(f); }
      return nullptr;
    }
    if (i == 0) {
      // Port 0: the first bind picks the port; the others join its SO_REUSEPORT group.
      sockaddr_storage bound{};
      socklen_t bl = sizeof bound;
      getsockname(fd, reinterpret_cast<sockaddr*>(&bound), &bl);
      uint16_t port = bound.ss_family == AF_INET6 ? ntohs(reinterpret_cast<sockaddr_in6*>(&bound)->sin6_port)
                                                  : ntohs(reinterpret_cast<sockaddr_in*>(&bound)->sin_port);
      e->port_ = port;
      if (ep.addr.ss_family == AF_INET6) {
        reinterpret_cast<sockaddr_in6*>(&ep.addr)->sin6_port = htons(port);
      } else {
        reinterpret_cast<sockaddr_in*>(&ep.addr)->sin_port = htons(port);
      }
    }
    fds.push_back(fd);
  }
  for (size_t i = 0; i < n; i++) {
    e->workers_.emplace_back(new Worker(e.get(), i, e->kind_, fds[i], cfg.limits));
  }
  // Thrift listeners (contract §8): bound once here from the initial snapshot, one SO_REUSEPORT socket per
  // worker each. Their addresses are fixed for the engine's lifetime; later snapshots remap services/upstreams.
  for (const ThriftListener& tl : e->snap_->thriftListeners) {
    Endpoint lep;
    if (!resolveEndpoint(tl.listen, &lep, why)) {
      *why = "thrift listener " + tl.listen + ": " + *why;
      return nullptr;
    }
    auto counters = std::make_shared<ListenerCounters>(tl.listen, n);
    for (size_t i = 0; i < n; i++) {
      int fd = makeListener(lep.addr, lep.addrLen, why);
      if (fd < 0) {
        *why = "thrift listener " + tl.listen + ": " + *why;
        return nullptr;  // the workers (not started) close the sockets they already hold
      }
      if (i == 0) {
        sockaddr_storage bound{};
        socklen_t bl = sizeof bound;
        getsockname(fd, reinterpret_cast<sockaddr*>(&bound), &bl);
        lep.addr = bound;  // port 0: the others join the port the first bind picked
        counters->port = bound.ss_family == AF_INET6 ? ntohs(reinterpret_cast<sockaddr_in6*>(&bound)->sin6_port)
                                                     : ntohs(reinterpret_cast<sockaddr_in*>(&bound)->sin_port);
      }
      e->workers_[i]->addThriftListener(BoundThriftListener{tl.listen, fd, counters});
    }
    e->listenerCounters_.push_back(std::move(counters));
  }
  for (size_t i = 0; i < n; i++) {
    std::string werr;
    if (!e->workers_[i]->start(&werr)) {
      *why = "worker " + std::to_string(i) + " failed to start on " + e->backendName() + ": " + werr;
      e->drain(0);
      e->waitStopped();
      return nullptr;
    }
  }
  return e;
}

Engine::~Engine() {
  if (!joined_) {
    drain(0);
    waitStopped();
  }
}

void Engine::publish(std::shared_ptr<Snapshot> s) {
  for (Route& r : s->routes) { r.counters = registry_->forRoute(r.id); }
  s->pseudoCounters.clear();
  for (const auto& p : s->pseudo.policies) { s->pseudoCounters.push_back(registry_->forPolicy(p->name())); }
  {
    std::lock_guard<std::mutex> g(snapMu_);
    snap_ = std::move(s);
  }
  generation_.fetch_add(1, std::memory_order_acq_rel);
  for (auto& w : workers_) { w->wake(); }
}

SnapshotConstSharedPtr Engine::snapshot() const {
  std::lock_guard<std::mutex> g(snapMu_);
  return snap_;
}

void Engine::drain(uint64_t graceMs) {
  if (drainRequested_.load()) { return; }
  drainDeadlineMs_.store(monotonicMs() + graceMs, std::memory_order_release);
  drainRequested_.store(true, std::memory_order_release);
  for (auto& w : workers_) { w->wake(); }
}

void Engine::waitStopped() {
  for (auto& w : workers_) { w->join(); }
  joined_ = true;
}

}  // namespace sluice
