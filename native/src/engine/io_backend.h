// The seam between the HTTP engine and the kernel: one implementation on io_uring
// (io_uring_backend.cc), one on epoll (epoll_backend.cc). A backend is created, used and destroyed
// on exactly one worker thread; none of its methods are thread-safe except wake().
#pragma once
#include <sys/socket.h>

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>

#include "engine/out_queue.h"

namespace sluice {

/// Callbacks for one socket. After IoBackend::close(sock) no callback fires for it again.
/// Any callback may call close() on its own socket (or others); backends re-check afterwards.
class IoHandler {
 public:
  virtual ~IoHandler() = default;
  /// Bytes received; `data` is valid only during the call (its provided buffer is recycled after).
  virtual void onRecv(const char* data, size_t len) = 0;
  /// The receive side ended: 0 = orderly EOF, negative = -errno. No further onRecv.
  virtual void onRecvEnd(int err) = 0;
  /// A send completed; `queued` bytes are still waiting (0 = drained).
  virtual void onSendProgress(size_t queued) = 0;
  /// A send failed (peer reset, ...); the socket should be closed.
  virtual void onSendError(int err) = 0;
  /// connect() finished: 0 on success, else -errno.
  virtual void onConnect(int err) = 0;
};

class AcceptHandler {
 public:
  virtual ~AcceptHandler() = default;
  /// A new connection; the callee owns `fd`.
  virtual void onAccept(int fd) = 0;
};

class WakeHandler {
 public:
  virtual ~WakeHandler() = default;
  /// Another thread called wake(); the eventfd is already drained.
  virtual void onWake() = 0;
  /// The wait for events returned; completions are about to be dispatched (the loop's clock ticks here).
  virtual void onWaitReturned() {}
};

/// A socket known to a backend. Owned by the backend: freed after close() once no operation
/// references it any more.
struct IoSocket {
  int fd = -1;
  IoHandler* handler = nullptr;  // Not owned; cleared by close().
  OutQueue out;
  bool closed = false;
  bool recvWanted = false;  // caller wants data (startRecv without pauseRecv)
  bool dirty = false;       // has queued bytes not yet handed to the kernel (flushed once per round)
  virtual ~IoSocket() = default;
};

class IoBackend {
 public:
  virtual ~IoBackend() = default;
  virtual const char* name() const = 0;
  /// Thread affinity: call on the worker thread that will use the backend.
  virtual bool init(int wakeFd, WakeHandler* wake, std::string* why) = 0;
  /// Starts accepting on a bound, listening, non-blocking socket (multishot accept on io_uring). May be called
  /// once per listener (the HTTP listener and each Thrift listener); takes ownership of fd.
  virtual void listen(int fd, AcceptHandler* h) = 0;
  /// Stops accepting and closes every listener (SO_REUSEPORT: new SYNs go to other workers).
  virtual void closeListener() = 0;
  /// Wraps a connected or connecting non-blocking socket; takes ownership of fd.
  virtual IoSocket* open(int fd, IoHandler* h) = 0;
  virtual void startRecv(IoSocket* s) = 0;
  virtual void pauseRecv(IoSocket* s) = 0;
  virtual void connect(IoSocket* s, const sockaddr* addr, socklen_t len) = 0;
  /// Queues bytes; they leave in one send per socket at the end of the dispatch round (a response
  /// head and body queued separately still go out together). At most one send is in flight per
  /// socket; short sends are resumed.
  virtual void send(IoSocket* s, const char* p, size_t n) = 0;
  virtual void send(IoSocket* s, std::string&& bytes) = 0;
  /// Cancels the socket's operations and closes it. No callbacks afterwards.
  virtual void close(IoSocket* s) = 0;
  /// Submits pending work, waits up to timeoutMs (-1 = forever) and dispatches completions.
  virtual void poll(int timeoutMs) = 0;
  /// Number of ENOBUFS events (provided buffers ran dry) so far.
  virtual uint64_t enobufs() const { return 0; }
  /// Sockets that currently also sit in a registered-file slot (io_uring only).
  virtual size_t registeredFiles() const { return 0; }
};

/// Which backend a worker runs.
enum class BackendKind { IoUring, Epoll };

std::unique_ptr<IoBackend> makeEpollBackend();
/// fileSlots: size of the registered-file table mirroring socket fds (0: none); sockets beyond it go by fd.
std::unique_ptr<IoBackend> makeIoUringBackend(unsigned fileSlots = 16384);
/// Probes whether io_uring with our flags can be set up here (sysctl, seccomp, kernel). *why on failure.
bool ioUringAvailable(std::string* why);

}  // namespace sluice
