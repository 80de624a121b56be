// io_uring backend: one ring per worker thread (SINGLE_ISSUER|DEFER_TASKRUN, large CQ), multishot
// accept, multishot recv into a provided buffer ring, one send in flight per socket.
//
// user_data layout: (pointer to the op's owner) | tag in the low 3 bits (owners are 8-aligned).
//   kRecv/kSend/kConnect/kCancel -> UringSocket*;  kAccept -> UringListener*;  kWake -> backend;
//   kFileSlot -> (registered-file slot << 3), the clear of a closed socket's slot.
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <sys/mman.h>
#include <unistd.h>

#include <cstring>
#include <memory>
#include <vector>

#include "engine/io_backend.h"
#include "engine/uring_compat.h"
#include "engine/uring_file_table.h"

namespace sluice {
namespace {

enum Tag : uint64_t { kRecv = 0, kSend = 1, kConnect = 2, kCancel = 3, kAccept = 4, kWake = 5, kIgnore = 6, kFileSlot = 7 };

constexpr unsigned kBufCount = 256;     // provided buffers per worker (power of two)
constexpr unsigned kBufSize = 16384;    // bytes each: 4 MiB of address space, touched on demand
constexpr int kBufGroup = 0;

/// One listening socket (the HTTP listener or a Thrift listener) and its multishot accept.
struct alignas(8) UringListener {
  int fd = -1;                     // Owned; closed by closeListener().
  AcceptHandler* handler = nullptr;  // Not owned.
};

/// The vector of a multi-chunk send: referenced by the in-flight SENDMSG until its CQE.
struct SendVec {
  struct iovec iov[OutQueue::kMaxIov];
  struct msghdr msg {};
};

// Kept small: an idle keep-alive connection is one of these plus its handler (10,000 idle ones are
// measured in bench/proxy). What only some sockets need is allocated when first needed.
struct UringSocket : IoSocket {
  size_t index = 0;       // position in UringBackend::live_
  uint32_t inflight = 0;  // SQEs whose final CQE has not arrived; the socket lives while > 0
  bool recvArmed = false;
  bool sendInflight = false;
  bool cancelIssued = false;
  int slot = -1;          // registered-file slot mirroring fd (recv/send SQEs use it), or -1: by fd
  std::unique_ptr<sockaddr_storage> peer;  // connect target (upstream sockets): must outlive the CONNECT SQE
  std::unique_ptr<SendVec> vec;            // first multi-chunk send allocates it; kept for the socket's life
};

uint64_t encode(const void* p, Tag t) { return reinterpret_cast<uint64_t>(p) | t; }

bool setupRing(io_uring* ring, std::string* why) {
  io_uring_params p{};
  p.flags = IORING_SETUP_SINGLE_ISSUER | IORING_SETUP_DEFER_TASKRUN | IORING_SETUP_CQSIZE;
  p.cq_entries = 16384;
  int rc = io_uring_queue_init_params(1024, ring, &p);
  if (rc == -EINVAL) {  // kernels before 6.1: no DEFER_TASKRUN
    p = io_uring_params{};
    p.flags = IORING_SETUP_COOP_TASKRUN | IORING_SETUP_TASKRUN_FLAG | IORING_SETUP_CQSIZE;
    p.cq_entries = 16384;
    rc = io_uring_queue_init_params(1024, ring, &p);
  }
  if (rc != 0) {
    *why = std::string("io_uring_queue_init: ") + strerror(-rc);
    return false;
  }
  return true;
}

class UringBackend final : public IoBackend {
 public:
  explicit UringBackend(unsigned fileSlots) : fileSlots_(fileSlots) {}
  ~UringBackend() override {
    if (!ready_) { return; }
    // Teardown order (notes §9): listener gone, cancel everything, drain final CQEs, exit ring, free.
    closeListener();
    while (!live_.empty()) { close(live_.back()); }
    for (int i = 0; i < 100 && pendingFree_ > 0; i++) { poll(10); }
    io_uring_queue_exit(&ring_);
    if (br_ != nullptr) { munmap(br_, kBufCount * sizeof(struct io_uring_buf)); }
    if (bufs_ != nullptr) { munmap(bufs_, static_cast<size_t>(kBufCount) * kBufSize); }
  }
  const char* name() const override { return "io_uring"; }

  bool init(int wakeFd, WakeHandler* wake, std::string* why) override {
    if (!setupRing(&ring_, why)) { return false; }
    ready_ = true;
    io_uring_register_ring_fd(&ring_);  // optional speed-up; ignore failure
    files_.init(&ring_, fileSlots_);    // optional too: without a table every socket goes by its fd
    int err = 0;
    br_ = compat::setupBufRing(&ring_, kBufCount, kBufGroup, &err);
    if (br_ == nullptr) {
      *why = std::string("provided buffer ring: ") + strerror(-err);
      return false;
    }
    void* mem = mmap(nullptr, static_cast<size_t>(kBufCount) * kBufSize, PROT_READ | PROT_WRITE,
                     MAP_ANONYMOUS | MAP_PRIVATE, -1, 0);
    if (mem == MAP_FAILED) {
      *why = "mmap of receive buffers failed";
      return false;
    }
    bufs_ = static_cast<char*>(mem);
    // Ownership: every buffer starts owned by the kernel (in the ring).
    for (unsigned i = 0; i < kBufCount; i++) {
      io_uring_buf_ring_add(br_, bufs_ + static_cast<size_t>(i) * kBufSize, kBufSize, static_cast<unsigned short>(i),
                            io_uring_buf_ring_mask(kBufCount), static_cast<int>(i));
    }
    io_uring_buf_ring_advance(br_, kBufCount);
    wakeFd_ = wakeFd;
    wake_ = wake;
    armWake();
    return true;
  }

  void listen(int fd, AcceptHandler* h) override {
    listeners_.emplace_back(new UringListener{fd, h});
    armAccept(listeners_.back().get());
  }

  void closeListener() override {
    for (auto& l : listeners_) {
      if (l->fd < 0) { continue; }
      io_uring_sqe* sqe = getSqe();
      io_uring_prep_cancel64(sqe, encode(l.get(), kAccept), 0);
      io_uring_sqe_set_data64(sqe, encode(this, kIgnore));
      io_uring_submit(&ring_);  // the cancel runs inline; the listener can go right after
      ::close(l->fd);
      l->fd = -1;
    }
    // The UringListener objects stay until the backend dies: a late accept CQE may still name one.
  }

  IoSocket* open(int fd, IoHandler* h) override {
    auto* s = new UringSocket();
    s->fd = fd;
    s->handler = h;
    s->index = live_.size();
    s->slot = files_.install(&ring_, fd);
    live_.push_back(s);
    return s;
  }

  void startRecv(IoSocket* base) override {
    auto* s = static_cast<UringSocket*>(base);
    s->recvWanted = true;
    if (!s->recvArmed && !s->closed) { armRecv(s); }
  }

  void pauseRecv(IoSocket* base) override {
    auto* s = static_cast<UringSocket*>(base);
    if (!s->recvWanted) { return; }
    s->recvWanted = false;
    if (s->recvArmed) {
      io_uring_sqe* sqe = getSqe();
      io_uring_prep_cancel64(sqe, encode(s, kRecv), 0);
      io_uring_sqe_set_data64(sqe, encode(s, kCancel));
      s->inflight++;
    }
  }

  void connect(IoSocket* base, const sockaddr* addr, socklen_t len) override {
    auto* s = static_cast<UringSocket*>(base);
    if (!s->peer) { s->peer.reset(new sockaddr_storage()); }
    memcpy(s->peer.get(), addr, len);
    io_uring_sqe* sqe = getSqe();
    io_uring_prep_connect(sqe, s->fd, reinterpret_cast<sockaddr*>(s->peer.get()), len);
    io_uring_sqe_set_data64(sqe, encode(s, kConnect));
    s->inflight++;
  }

  void send(IoSocket* base, const char* p, size_t n) override {
    base->out.append(p, n);
    markDirty(static_cast<UringSocket*>(base));
  }
  void send(IoSocket* base, std::string&& bytes) override {
    base->out.append(std::move(bytes));
    markDirty(static_cast<UringSocket*>(base));
  }

  void close(IoSocket* base) override {
    auto* s = static_cast<UringSocket*>(base);
    if (s->closed) { return; }
    s->closed = true;
    s->handler = nullptr;
    s->recvWanted = false;
    live_[s->index] = live_.back();
    live_[s->index]->index = s->index;
    live_.pop_back();
    pendingFree_++;
    if (s->slot >= 0) {
      // In-flight ops keep their own reference to the file; emptying the slot only drops the table's.
      io_uring_sqe* sqe = getSqe();
      UringFileTable::prepClear(sqe, s->slot);
      io_uring_sqe_set_data64(sqe, (static_cast<uint64_t>(s->slot) << 3) | kFileSlot);
      s->slot = -1;
    }
    if (s->inflight > 0) {
      // The fd must stay open until the cancel has matched it; it is closed in maybeFree().
      io_uring_sqe* sqe = getSqe();
      io_uring_prep_cancel_fd(sqe, s->fd, IORING_ASYNC_CANCEL_ALL);
      io_uring_sqe_set_data64(sqe, encode(s, kCancel));
      s->inflight++;
      return;
    }
    maybeFree(s);
  }

  void poll(int timeoutMs) override {
    flushDirty();
    io_uring_cqe* cqe = nullptr;
    if (timeoutMs < 0) {
      io_uring_submit_and_wait(&ring_, 1);
    } else {
      __kernel_timespec ts{};
      ts.tv_sec = timeoutMs / 1000;
      ts.tv_nsec = static_cast<long long>(timeoutMs % 1000) * 1000000;
      io_uring_submit_and_wait_timeout(&ring_, &cqe, 1, &ts, nullptr);
    }
    wake_->onWaitReturned();
    // Copy a batch out, release the CQ slots, then dispatch: handlers may queue new SQEs freely.
    for (int round = 0; round < 8; round++) {
      io_uring_cqe* batch[512];
      unsigned n = io_uring_peek_batch_cqe(&ring_, batch, 512);
      if (n == 0) { break; }
      struct Done {
        uint64_t data;
        int32_t res;
        uint32_t flags;
      } done[512];
      for (unsigned i = 0; i < n; i++) { done[i] = {batch[i]->user_data, batch[i]->res, batch[i]->flags}; }
      io_uring_cq_advance(&ring_, n);
      for (unsigned i = 0; i < n; i++) { dispatch(done[i].data, done[i].res, done[i].flags); }
      if (n < 512) { break; }
    }
  }

  uint64_t enobufs() const override { return enobufs_; }
  size_t registeredFiles() const override { return files_.inUse(); }

 private:
  io_uring_sqe* getSqe() {
    io_uring_sqe* sqe = io_uring_get_sqe(&ring_);
    while (sqe == nullptr) {  // SQ full: flush it and retry
      io_uring_submit(&ring_);
      sqe = io_uring_get_sqe(&ring_);
    }
    return sqe;
  }

  void markDirty(UringSocket* s) {
    if (s->dirty || s->closed) { return; }
    s->dirty = true;
    s->inflight++;  // the dirty list holds a reference until the flush
    dirty_.push_back(s);
  }

  /// Hands every socket's queued bytes to the kernel: one SQE per socket per round.
  void flushDirty() {
    while (!dirty_.empty()) {
      flushing_.swap(dirty_);  // both keep their storage across rounds
      for (UringSocket* s : flushing_) {
        s->dirty = false;
        s->inflight--;
        armSend(s);
        maybeFree(s);
      }
      flushing_.clear();
    }
  }

  void armWake() {
    io_uring_sqe* sqe = getSqe();
    io_uring_prep_poll_multishot(sqe, wakeFd_, POLLIN);
    io_uring_sqe_set_data64(sqe, encode(this, kWake));
  }

  void armAccept(UringListener* l) {
    io_uring_sqe* sqe = getSqe();
    io_uring_prep_multishot_accept(sqe, l->fd, nullptr, nullptr, SOCK_NONBLOCK | SOCK_CLOEXEC);
    io_uring_sqe_set_data64(sqe, encode(l, kAccept));
  }

  /// What a recv/send SQE names: the registered slot when the socket has one, else its fd.
  static int target(const UringSocket* s) { return s->slot >= 0 ? s->slot : s->fd; }
  static uint8_t fixedFlag(const UringSocket* s) { return s->slot >= 0 ? IOSQE_FIXED_FILE : 0; }

  void armRecv(UringSocket* s) {
    io_uring_sqe* sqe = getSqe();
    io_uring_prep_recv_multishot(sqe, target(s), nullptr, 0, 0);
    sqe->flags |= IOSQE_BUFFER_SELECT | fixedFlag(s);
    sqe->buf_group = kBufGroup;
    io_uring_sqe_set_data64(sqe, encode(s, kRecv));
    s->recvArmed = true;
    s->inflight++;
  }

  void armSend(UringSocket* s) {
    if (s->sendInflight || s->closed || s->out.empty()) { return; }
    struct iovec iov[OutQueue::kMaxIov];
    int n = s->out.fill(iov);  // pins the chunks until the CQE
    io_uring_sqe* sqe = getSqe();
    if (n == 1) {
      io_uring_prep_send(sqe, target(s), iov[0].iov_base, iov[0].iov_len, MSG_NOSIGNAL);
    } else {
      if (!s->vec) { s->vec.reset(new SendVec()); }
      memcpy(s->vec->iov, iov, sizeof(struct iovec) * static_cast<size_t>(n));
      s->vec->msg = msghdr{};
      s->vec->msg.msg_iov = s->vec->iov;
      s->vec->msg.msg_iovlen = static_cast<size_t>(n);
      io_uring_prep_sendmsg(sqe, target(s), &s->vec->msg, MSG_NOSIGNAL);
    }
    sqe->flags |= fixedFlag(s);
    io_uring_sqe_set_data64(sqe, encode(s, kSend));
    s->sendInflight = true;
    s->inflight++;
  }

  void recycle(unsigned bid) {
    // Ownership: the buffer goes back to the kernel; its bytes were consumed by the handler.
    io_uring_buf_ring_add(br_, bufs_ + static_cast<size_t>(bid) * kBufSize, kBufSize, static_cast<unsigned short>(bid),
                          io_uring_buf_ring_mask(kBufCount), 0);
    io_uring_buf_ring_advance(br_, 1);
  }

  void maybeFree(UringSocket* s) {
    if (!s->closed || s->inflight > 0) { return; }
    ::close(s->fd);
    delete s;
    pendingFree_--;
  }

  void dispatch(uint64_t data, int32_t res, uint32_t flags) {
    Tag tag = static_cast<Tag>(data & 7);
    void* owner = reinterpret_cast<void*>(data & ~static_cast<uint64_t>(7));
    bool more = (flags & IORING_CQE_F_MORE) != 0;
    switch (tag) {
      case kWake: {
        uint64_t v;
        while (read(wakeFd_, &v, sizeof v) > 0) {}
        if (!more) { armWake(); }
        wake_->onWake();
        return;
      }
      case kAccept: {
        auto* l = static_cast<UringListener*>(owner);
        if (res >= 0) {
          if (l->fd >= 0) {
            l->handler->onAccept(res);
          } else {
            ::close(res);
          }
        }
        if (!more && l->fd >= 0) { armAccept(l); }  // any CQE without F_MORE ends the multishot
        return;
      }
      case kIgnore:
        return;
      case kFileSlot: {
        int slot = static_cast<int>(data >> 3);
        // A clear that failed leaves the file in the table (the socket would never close): retry once
        // synchronously, and never reuse a slot that could not be emptied.
        int empty = -1;
        if (res >= 0 || io_uring_register_files_update(&ring_, static_cast<unsigned>(slot), &empty, 1) == 1) {
          files_.release(slot);
        }
        return;
      }
      default:
        break;
    }
    auto* s = static_cast<UringSocket*>(owner);
    // Hold the socket across the callbacks: a handler may close it, and it must not be freed under us.
    s->inflight++;
    dispatchSocket(s, tag, res, flags, more);
    s->inflight--;
    maybeFree(s);
  }

  void dispatchSocket(UringSocket* s, Tag tag, int32_t res, uint32_t flags, bool more) {
    switch (tag) {
      case kRecv: {
        if (res > 0 && (flags & IORING_CQE_F_BUFFER)) {
          unsigned bid = flags >> IORING_CQE_BUFFER_SHIFT;
          // Ownership: the kernel filled buffer `bid`; the handler borrows it for this call only.
          if (!s->closed) { s->handler->onRecv(bufs_ + static_cast<size_t>(bid) * kBufSize, static_cast<size_t>(res)); }
          recycle(bid);
        }
        if (!more) {
          s->recvArmed = false;
          s->inflight--;
          if (!s->closed) {
            if (res == -ENOBUFS) {
              enobufs_++;  // flow control, not an error: buffers were recycled already, re-arm
              if (s->recvWanted) { armRecv(s); }
            } else if (res == 0) {
              s->recvWanted = false;
              s->handler->onRecvEnd(0);
            } else if (res == -ECANCELED || res > 0) {
              if (s->recvWanted) { armRecv(s); }
            } else if (res < 0) {
              s->recvWanted = false;
              s->handler->onRecvEnd(res);
            }
          }
        }
        return;
      }
      case kSend:
        s->sendInflight = false;
        s->inflight--;
        if (!s->closed) {
          if (res < 0) {
            s->out.unpin();
            s->handler->onSendError(res);
          } else {
            s->out.consume(static_cast<size_t>(res));  // short send: the rest goes out next
            armSend(s);
            if (!s->closed) { s->handler->onSendProgress(s->out.bytes()); }
          }
        }
        return;
      case kConnect:
        s->inflight--;
        if (!s->closed) {
          s->handler->onConnect(res);
          if (!s->closed && res == 0) { armSend(s); }  // bytes queued while connecting
        }
        return;
      case kCancel:
        s->inflight--;
        return;
      default:
        return;
    }
  }

  io_uring ring_{};
  bool ready_ = false;
  io_uring_buf_ring* br_ = nullptr;  // Owned (mmap); registered as group kBufGroup.
  char* bufs_ = nullptr;             // Owned (mmap); kBufCount * kBufSize, slices lent to the kernel.
  int wakeFd_ = -1;
  std::vector<std::unique_ptr<UringListener>> listeners_;  // Owned; see closeListener().
  WakeHandler* wake_ = nullptr;      // Not owned; the worker outlives its backend.
  std::vector<UringSocket*> live_;   // Owned until close(); then owned by their pending ops.
  std::vector<UringSocket*> dirty_;  // Not owned; each entry holds one inflight reference.
  std::vector<UringSocket*> flushing_;  // Not owned; the round flushDirty() is working through.
  size_t pendingFree_ = 0;
  uint64_t enobufs_ = 0;
  unsigned fileSlots_;
  UringFileTable files_;  // registered-file mirror of socket fds; see uring_file_table.h
};

}  // namespace

std::unique_ptr<IoBackend> makeIoUringBackend(unsigned fileSlots) {
  return std::unique_ptr<IoBackend>(new UringBackend(fileSlots));
}

bool ioUringAvailable(std::string* why) {
  int fd = ::open("/proc/sys/kernel/io_uring_disabled", O_RDONLY | O_CLOEXEC);
  if (fd >= 0) {
    char c = '0';
    ssize_t r = read(fd, &c, 1);
    ::close(fd);
    if (r == 1 && c == '2') {
      *why = "kernel.io_uring_disabled = 2";
      return false;
    }
  }
  io_uring ring;
  if (!setupRing(&ring, why)) { return false; }
  io_uring_probe* probe = io_uring_get_probe_ring(&ring);
  bool ok = probe != nullptr && io_uring_opcode_supported(probe, IORING_OP_RECV) &&
            io_uring_opcode_supported(probe, IORING_OP_ACCEPT) && io_uring_opcode_supported(probe, IORING_OP_SEND) &&
            io_uring_opcode_supported(probe, IORING_OP_CONNECT) && io_uring_opcode_supported(probe, IORING_OP_PROVIDE_BUFFERS);
  if (probe != nullptr) { io_uring_free_probe(probe); }
  // Multishot recv + buffer rings need 6.0; register a tiny buffer ring to prove it works.
  int err = 0;
  io_uring_buf_ring* br = ok ? compat::setupBufRing(&ring, 8, 7, &err) : nullptr;
  if (br != nullptr) {
    io_uring_unregister_buf_ring(&ring, 7);
    munmap(br, 8 * sizeof(struct io_uring_buf));
  } else if (ok) {
    *why = std::string("provided buffer rings unsupported: ") + strerror(-err);
    ok = false;
  } else {
    *why = "io_uring lacks the network opcodes we need";
  }
  io_uring_queue_exit(&ring);
  return ok;
}

}  // namespace sluice
