// epoll backend: edge-triggered sockets, readv into one per-worker buffer, writev from the queue.
// Used where io_uring is unavailable (seccomp, kernel.io_uring_disabled) or chosen by io_backend.
#include <errno.h>
#include <sys/epoll.h>
#include <unistd.h>

#include <cstring>
#include <memory>
#include <vector>

#include "engine/io_backend.h"

namespace sluice {
namespace {

// epoll_event.data.u64 layout: low bit 0 = IoSocket*; EpollListener* | 1 = a listener; 3 = wake eventfd.
constexpr uint64_t kTagListener = 1;
constexpr uint64_t kTagWake = 3;

/// One listening socket (the HTTP listener or a Thrift listener).
struct alignas(8) EpollListener {
  int fd = -1;                       // Owned; closed by closeListener().
  AcceptHandler* handler = nullptr;  // Not owned.
};

struct EpollSocket : IoSocket {
  bool connecting = false;
  bool writable = true;  // last write did not hit EAGAIN
  bool readPending = false;  // an edge arrived while paused
  size_t index = 0;          // position in EpollBackend::live_
};

class EpollBackend final : public IoBackend {
 public:
  ~EpollBackend() override {
    for (EpollSocket* s : live_) { delete s; }
    reap();
    closeListener();
    if (ep_ >= 0) { ::close(ep_); }
  }
  const char* name() const override { return "epoll"; }

  bool init(int wakeFd, WakeHandler* wake, std::string* why) override {
    ep_ = epoll_create1(EPOLL_CLOEXEC);
    if (ep_ < 0) {
      *why = std::string("epoll_create1: ") + strerror(errno);
      return false;
    }
    wakeFd_ = wakeFd;
    wake_ = wake;
    epoll_event ev{};
    ev.events = EPOLLIN;
    ev.data.u64 = kTagWake;
    epoll_ctl(ep_, EPOLL_CTL_ADD, wakeFd, &ev);
    buf_.resize(65536);
    return true;
  }

  void listen(int fd, AcceptHandler* h) override {
    listeners_.emplace_back(new EpollListener{fd, h});
    epoll_event ev{};
    ev.events = EPOLLIN;
    ev.data.u64 = reinterpret_cast<uint64_t>(listeners_.back().get()) | kTagListener;
    epoll_ctl(ep_, EPOLL_CTL_ADD, fd, &ev);
  }

  void closeListener() override {
    for (auto& l : listeners_) {
      if (l->fd < 0) { continue; }
      epoll_ctl(ep_, EPOLL_CTL_DEL, l->fd, nullptr);
      ::close(l->fd);
      l->fd = -1;
    }
    // The objects stay until the backend dies: events already returned by epoll_wait may name one.
  }

  IoSocket* open(int fd, IoHandler* h) override {
    auto* s = new EpollSocket();
    s->fd = fd;
    s->handler = h;
    epoll_event ev{};
    ev.events = EPOLLIN | EPOLLOUT | EPOLLRDHUP | EPOLLET;
    ev.data.ptr = s;
    epoll_ctl(ep_, EPOLL_CTL_ADD, fd, &ev);
    live_.push_back(s);
    s->index = live_.size() - 1;
    return s;
  }

  void startRecv(IoSocket* base) override {
    auto* s = static_cast<EpollSocket*>(base);
    bool was = s->recvWanted;
    s->recvWanted = true;
    // Edge-triggered: bytes that arrived while paused raised no new edge, so read now.
    if (!was && s->readPending && !s->connecting) {
      s->readPending = false;
      readAll(s, true);  // the edges seen while paused may have included the peer's close
    }
  }

  void pauseRecv(IoSocket* s) override { s->recvWanted = false; }

  void connect(IoSocket* base, const sockaddr* addr, socklen_t len) override {
    auto* s = static_cast<EpollSocket*>(base);
    int rc = ::connect(s->fd, addr, len);
    if (rc == 0) {
      deferred_.push_back({s, 0});
      return;
    }
    if (errno == EINPROGRESS) {
      s->connecting = true;
      return;
    }
    deferred_.push_back({s, -errno});
  }

  void send(IoSocket* base, const char* p, size_t n) override {
    base->out.append(p, n);
    markDirty(static_cast<EpollSocket*>(base));
  }
  void send(IoSocket* base, std::string&& bytes) override {
    base->out.append(std::move(bytes));
    markDirty(static_cast<EpollSocket*>(base));
  }

  void close(IoSocket* base) override {
    auto* s = static_cast<EpollSocket*>(base);
    if (s->closed) { return; }
    s->closed = true;
    s->handler = nullptr;
    epoll_ctl(ep_, EPOLL_CTL_DEL, s->fd, nullptr);
    ::close(s->fd);
    s->fd = -1;
    // Swap-remove from the live list; free after this dispatch round (callers may still hold it).
    live_[s->index] = live_.back();
    live_[s->index]->index = s->index;
    live_.pop_back();
    dead_.push_back(s);
  }

  void poll(int timeoutMs) override {
    flushDirty();
    runDeferred();
    flushDirty();
    epoll_event evs[256];
    int n = epoll_wait(ep_, evs, 256, timeoutMs);
    wake_->onWaitReturned();
    for (int i = 0; i < n; i++) {
      uint64_t tag = evs[i].data.u64;
      if (tag == kTagWake) {
        uint64_t v;
        while (read(wakeFd_, &v, sizeof v) > 0) {}
        wake_->onWake();
        continue;
      }
      if ((tag & 7) == kTagListener) {
        acceptSome(reinterpret_cast<EpollListener*>(tag & ~static_cast<uint64_t>(7)));
        continue;
      }
      auto* s = static_cast<EpollSocket*>(evs[i].data.ptr);
      if (s->closed) { continue; }
      uint32_t e = evs[i].events;
      if (s->connecting && (e & (EPOLLOUT | EPOLLERR | EPOLLHUP))) {
        s->connecting = false;
        int err = 0;
        socklen_t l = sizeof err;
        getsockopt(s->fd, SOL_SOCKET, SO_ERROR, &err, &l);
        s->handler->onConnect(err == 0 ? 0 : -err);
        if (s->closed) { continue; }
        if (err != 0) { continue; }
      }
      if (e & EPOLLOUT) {
        s->writable = true;
        if (!s->out.empty()) {
          flush(s);
          if (s->closed) { continue; }
        }
      }
      if (e & (EPOLLIN | EPOLLRDHUP | EPOLLHUP | EPOLLERR)) {
        if (s->recvWanted) {
          readAll(s, (e & (EPOLLRDHUP | EPOLLHUP | EPOLLERR)) != 0);
        } else {
          s->readPending = true;
        }
      }
    }
    runDeferred();
    flushDirty();  // before reap(): the dirty list may name sockets closed this round
    reap();
  }

 private:
  struct Deferred {
    EpollSocket* s;
    int err;
  };

  void markDirty(EpollSocket* s) {
    if (s->dirty || s->closed) { return; }
    s->dirty = true;
    dirty_.push_back(s);
  }

  /// One writev per socket per round, however many pieces were queued.
  void flushDirty() {
    while (!dirty_.empty()) {
      std::vector<EpollSocket*> batch;
      batch.swap(dirty_);
      for (EpollSocket* s : batch) {
        s->dirty = false;
        if (!s->closed) { flush(s); }
      }
    }
  }

  void runDeferred() {
    while (!deferred_.empty()) {
      std::vector<Deferred> d;
      d.swap(deferred_);
      for (Deferred& x : d) {
        if (!x.s->closed) { x.s->handler->onConnect(x.err); }
      }
    }
  }

  void acceptSome(EpollListener* l) {
    for (int i = 0; i < 64 && l->fd >= 0; i++) {
      int fd = accept4(l->fd, nullptr, nullptr, SOCK_NONBLOCK | SOCK_CLOEXEC);
      if (fd < 0) { return; }  // EAGAIN, or EMFILE etc.: try again on the next readiness
      l->handler->onAccept(fd);
    }
  }

  /// Reads until EAGAIN, EOF or error. `peerClosing`: this edge already reported FIN/RST, so the EOF
  /// or error waits behind the data and no later edge will announce it: read on until it surfaces.
  void readAll(EpollSocket* s, bool peerClosing) {
    while (!s->closed && s->recvWanted) {
      ssize_t r = ::read(s->fd, buf_.data(), buf_.size());
      if (r > 0) {
        s->handler->onRecv(buf_.data(), static_cast<size_t>(r));
        // A short read means the socket buffer was empty at that instant; any later arrival raises a
        // new edge, so the extra read that would only return EAGAIN is skipped. Not so when the close
        // arrived with the data in this same edge: skipping would lose it until timeout_ms.
        if (!peerClosing && static_cast<size_t>(r) < buf_.size()) { return; }
        continue;
      }
      if (r == 0) {
        s->recvWanted = false;
        s->handler->onRecvEnd(0);
        return;
      }
      if (errno == EINTR) { continue; }
      if (errno == EAGAIN) { return; }
      s->recvWanted = false;
      s->handler->onRecvEnd(-errno);
      return;
    }
    if (!s->closed && !s->recvWanted) { s->readPending = true; }
  }

  void flush(EpollSocket* s) {
    if (s->connecting) { return; }
    size_t total = 0;
    while (!s->out.empty()) {
      struct iovec iov[OutQueue::kMaxIov];
      int n = s->out.fill(iov);
      ssize_t w = writev(s->fd, iov, n);
      if (w < 0) {
        s->out.unpin();
        if (errno == EINTR) { continue; }
        if (errno == EAGAIN) {
          s->writable = false;
          break;
        }
        int err = -errno;
        s->handler->onSendError(err);
        return;
      }
      s->out.consume(static_cast<size_t>(w));
      total += static_cast<size_t>(w);
    }
    if (total > 0 && !s->closed) { s->handler->onSendProgress(s->out.bytes()); }
  }

  void reap() {
    for (EpollSocket* s : dead_) { delete s; }
    dead_.clear();
  }

  int ep_ = -1;
  int wakeFd_ = -1;
  std::vector<std::unique_ptr<EpollListener>> listeners_;  // Owned; see closeListener().
  WakeHandler* wake_ = nullptr;      // Not owned; the worker outlives its backend.
  std::vector<char> buf_;            // One receive buffer per worker; bytes are handed out by view.
  std::vector<EpollSocket*> live_;   // Owned.
  std::vector<EpollSocket*> dead_;   // Owned; freed at the end of a dispatch round.
  std::vector<Deferred> deferred_;
  std::vector<EpollSocket*> dirty_;  // Not owned; closed sockets stay allocated until reap(), after the flush.
};

}  // namespace

std::unique_ptr<IoBackend> makeEpollBackend() { return std::unique_ptr<IoBackend>(new EpollBackend()); }

}  // namespace sluice
