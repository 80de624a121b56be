// Both io backends through real sockets: provided-buffer receive (the pool is recycled, ENOBUFS
// re-arms), ordered delivery, short sends resumed until a large queue drains, and cross-thread wake.
#include <sys/eventfd.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cstdlib>
#include <new>
#include <string>
#include <thread>

#include "check.h"
#include "engine/io_backend.h"
#include "engine/out_queue.h"

using namespace sluice;

// Counts every allocation made through operator new in this test binary (the queue tests pin "no
// allocation" behaviour); storage still comes from malloc, so sanitizers see matching pairs.
static size_t gAllocations = 0;
void* operator new(size_t n) {
  gAllocations++;
  void* p = malloc(n == 0 ? 1 : n);
  if (p == nullptr) { abort(); }  // tests are built without exceptions
  return p;
}
void operator delete(void* p) noexcept { free(p); }
void operator delete(void* p, size_t) noexcept { free(p); }

namespace {

struct Sink : IoHandler, WakeHandler {
  std::string got;
  int ended = 1;  // 1 = not ended
  size_t lastQueued = SIZE_MAX;
  int wakes = 0;
  void onRecv(const char* d, size_t n) override { got.append(d, n); }
  void onRecvEnd(int err) override { ended = err; }
  void onSendProgress(size_t q) override { lastQueued = q; }
  void onSendError(int) override {}
  void onConnect(int) override {}
  void onWake() override { wakes++; }
};

std::unique_ptr<IoBackend> make(bool uring) { return uring ? makeIoUringBackend() : makeEpollBackend(); }

void receivesManyMessagesInOrder(bool uring) {
  int sv[2];
  CHECK_EQ(socketpair(AF_UNIX, SOCK_STREAM | SOCK_NONBLOCK, 0, sv), 0);
  int efd = eventfd(0, EFD_NONBLOCK);
  Sink sink;
  auto io = make(uring);
  std::string why;
  CHECK(io->init(efd, &sink, &why));
  IoSocket* s = io->open(sv[0], &sink);
  io->startRecv(s);
  // Far more completions than the 256 provided buffers: the pool must be recycled as it goes.
  std::string expect;
  for (int i = 0; i < 2000; i++) {
    std::string m = "message-" + std::to_string(i) + ";";
    expect += m;
    CHECK_EQ(write(sv[1], m.data(), m.size()), static_cast<ssize_t>(m.size()));
    if (i % 3 == 0) { io->poll(0); }
  }
  for (int i = 0; i < 200 && sink.got.size() < expect.size(); i++) { io->poll(10); }
  CHECK_EQ(sink.got, expect);
  close(sv[1]);
  for (int i = 0; i < 100 && sink.ended == 1; i++) { io->poll(10); }
  CHECK_EQ(sink.ended, 0);
  io->close(s);
  io.reset();
  close(efd);
}

void sendsALargeQueueThroughShortSends(bool uring) {
  int sv[2];
  CHECK_EQ(socketpair(AF_UNIX, SOCK_STREAM | SOCK_NONBLOCK, 0, sv), 0);
  int efd = eventfd(0, EFD_NONBLOCK);
  Sink sink;
  auto io = make(uring);
  std::string why;
  CHECK(io->init(efd, &sink, &why));
  IoSocket* s = io->open(sv[0], &sink);
  std::string payload;
  for (int i = 0; i < 300000; i++) { payload += static_cast<char>('a' + i % 26); }
  // Many appends: chunks coalesce but never while pinned by the in-flight send.
  for (size_t off = 0; off < payload.size(); off += 1000) { io->send(s, payload.data() + off, std::min<size_t>(1000, payload.size() - off)); }
  std::string got;
  std::thread reader([&] {
    char buf[65536];
    while (got.size() < payload.size()) {
      ssize_t r = read(sv[1], buf, sizeof buf);
      if (r > 0) { got.append(buf, static_cast<size_t>(r)); }
      else { usleep(200); }
    }
  });
  for (int i = 0; i < 4000 && !s->out.empty(); i++) { io->poll(5); }
  reader.join();
  CHECK_EQ(sink.lastQueued, 0u);
  CHECK(got == payload);
  io->close(s);
  io.reset();
  close(sv[1]);
  close(efd);
}

void wakesFromAnotherThread(bool uring) {
  int efd = eventfd(0, EFD_NONBLOCK);
  Sink sink;
  auto io = make(uring);
  std::string why;
  CHECK(io->init(efd, &sink, &why));
  std::thread t([efd] {
    uint64_t one = 1;
    CHECK_EQ(write(efd, &one, sizeof one), 8);
  });
  for (int i = 0; i < 100 && sink.wakes == 0; i++) { io->poll(50); }
  t.join();
  CHECK_EQ(sink.wakes, 1);
  io.reset();
  close(efd);
}

// Echo through a socket the backend owns: bytes written by the peer arrive, bytes sent reach the peer.
void roundTrips(IoBackend* io, IoSocket* s, Sink* sink, int peer, const std::string& m) {
  sink->got.clear();
  CHECK_EQ(write(peer, m.data(), m.size()), static_cast<ssize_t>(m.size()));
  for (int i = 0; i < 100 && sink->got.size() < m.size(); i++) { io->poll(10); }
  CHECK_EQ(sink->got, m);
  io->send(s, m.data(), m.size());
  std::string back;
  char buf[256];
  for (int i = 0; i < 100 && back.size() < m.size(); i++) {
    io->poll(5);
    ssize_t r = read(peer, buf, sizeof buf);
    if (r > 0) { back.append(buf, static_cast<size_t>(r)); }
  }
  CHECK_EQ(back, m);
}

// The peer sees end-of-stream: nothing (such as a registered-file slot) keeps the socket open.
bool peerSeesClose(IoBackend* io, int peer) {
  char c;
  for (int i = 0; i < 100; i++) {
    io->poll(5);
    if (read(peer, &c, 1) == 0) { return true; }
  }
  return false;
}

// An initialized backend with its wake eventfd and sink, torn down in order.
struct Running {
  int efd = eventfd(0, EFD_NONBLOCK);
  Sink sink;
  std::unique_ptr<IoBackend> io;
  explicit Running(std::unique_ptr<IoBackend> b) : io(std::move(b)) {
    std::string why;
    CHECK(io->init(efd, &sink, &why));
  }
  ~Running() {
    io.reset();
    close(efd);
  }
};

}  // namespace

TEST(uringSocketsGoByRegisteredSlotsUntilTheTableIsFullThenByFd) {
  Running r(makeIoUringBackend(2));
  IoBackend* io = r.io.get();
  Sink& sink = r.sink;
  int sv[3][2];
  IoSocket* s[3];
  for (int i = 0; i < 3; i++) {
    CHECK_EQ(socketpair(AF_UNIX, SOCK_STREAM | SOCK_NONBLOCK, 0, sv[i]), 0);
    s[i] = io->open(sv[i][0], &sink);
    io->startRecv(s[i]);
  }
  CHECK_EQ(io->registeredFiles(), 2u);  // the third socket found the table full
  for (int i = 0; i < 3; i++) { roundTrips(io, s[i], &sink, sv[i][1], "ping-" + std::to_string(i)); }
  for (int i = 0; i < 3; i++) {
    io->close(s[i]);
    CHECK(peerSeesClose(io, sv[i][1]));
    close(sv[i][1]);
  }
  CHECK_EQ(io->registeredFiles(), 0u);  // every slot emptied and handed back
}

TEST(uringReusesARegisteredSlotOnlyAfterItWasEmptied) {
  Running r(makeIoUringBackend(1));
  IoBackend* io = r.io.get();
  Sink& sink = r.sink;
  // Close and reopen within one round, before the clear is submitted: the new socket must not take
  // (and then lose) the slot; it goes by fd, and the one after the clear gets the slot again.
  for (int round = 0; round < 50; round++) {
    int a[2], b[2];
    CHECK_EQ(socketpair(AF_UNIX, SOCK_STREAM | SOCK_NONBLOCK, 0, a), 0);
    CHECK_EQ(socketpair(AF_UNIX, SOCK_STREAM | SOCK_NONBLOCK, 0, b), 0);
    IoSocket* first = io->open(a[0], &sink);
    io->startRecv(first);
    CHECK_EQ(io->registeredFiles(), 1u);
    roundTrips(io, first, &sink, a[1], "first");
    io->close(first);
    IoSocket* second = io->open(b[0], &sink);
    io->startRecv(second);
    roundTrips(io, second, &sink, b[1], "second");
    CHECK(peerSeesClose(io, a[1]));
    io->close(second);
    CHECK(peerSeesClose(io, b[1]));
    close(a[1]);
    close(b[1]);
    for (int i = 0; i < 10 && io->registeredFiles() > 0; i++) { io->poll(1); }
    CHECK_EQ(io->registeredFiles(), 0u);
  }
}

TEST(uringReceivesManyMessagesInOrderThroughTheBufferRing) { receivesManyMessagesInOrder(true); }
TEST(epollReceivesManyMessagesInOrder) { receivesManyMessagesInOrder(false); }
TEST(uringSendsALargeQueueThroughShortSends) { sendsALargeQueueThroughShortSends(true); }
TEST(epollSendsALargeQueueThroughShortSends) { sendsALargeQueueThroughShortSends(false); }
TEST(uringWakesFromAnotherThread) { wakesFromAnotherThread(true); }
TEST(epollWakesFromAnotherThread) { wakesFromAnotherThread(false); }

TEST(outQueueNeverTouchesPinnedChunks) {
  OutQueue q;
  q.append("hello ", 6);
  struct iovec iov[OutQueue::kMaxIov];
  int n = q.fill(iov);
  CHECK_EQ(n, 1);
  const char* pinned = static_cast<const char*>(iov[0].iov_base);
  q.append("world", 5);  // must go to a new chunk: the first is referenced by the "in-flight send"
  CHECK_EQ(std::string(pinned, 6), "hello ");
  CHECK_EQ(q.bytes(), 11u);
  q.consume(4);  // short send
  n = q.fill(iov);
  CHECK_EQ(n, 2);
  CHECK_EQ(std::string(static_cast<const char*>(iov[0].iov_base), iov[0].iov_len), "o ");
  CHECK_EQ(std::string(static_cast<const char*>(iov[1].iov_base), iov[1].iov_len), "world");
  q.consume(7);
  CHECK(q.empty());
}

TEST(sentChunksLendTheirStorageToTheNextCopyIn) {
  std::string big(3000, 'x');
  const char* storage = nullptr;
  {
    OutQueue q;
    q.append(big.data(), big.size());
    struct iovec iov[OutQueue::kMaxIov];
    CHECK_EQ(q.fill(iov), 1);
    storage = static_cast<const char*>(iov[0].iov_base);
    q.consume(big.size());  // sent: the chunk's storage goes to this thread's pool
  }
  OutQueue q2;
  q2.append("reply", 5);  // copied into the kept storage, not a fresh allocation
  struct iovec iov[OutQueue::kMaxIov];
  CHECK_EQ(q2.fill(iov), 1);
  CHECK(static_cast<const char*>(iov[0].iov_base) == storage);
  CHECK_EQ(std::string(static_cast<const char*>(iov[0].iov_base), iov[0].iov_len), "reply");
  // Oversized storage is let go when its node comes back, and the pool never hands out storage too
  // small for the bytes; it keeps a bounded number of nodes.
  {
    OutQueue q3;
    std::string huge(ChunkPool::kMaxChunk * 2, 'y');
    q3.append(huge.data(), huge.size());
    q3.consume(huge.size());
  }
  std::string s = ChunkPool::take(ChunkPool::kMaxChunk * 2);
  CHECK(s.empty());
  CHECK(s.capacity() < ChunkPool::kMaxChunk * 2);
  {
    OutQueue many;
    for (size_t i = 0; i < ChunkPool::kMaxKept * 2; i++) {
      many.append("x", 1);
      struct iovec pin[OutQueue::kMaxIov];
      many.fill(pin);  // pinned: the next byte opens a new chunk
    }
    many.unpin();
  }  // every node comes back: the pool keeps at most kMaxKept
  CHECK(ChunkPool::kept() <= ChunkPool::kMaxKept);
}

TEST(anEmptyQueueOwnsNoStorageAndASteadyQueueAllocatesNothing) {
  // 10,000 idle keep-alive connections each own one: an empty queue must not allocate (std::deque did).
  size_t before = gAllocations;
  { OutQueue idle; }
  CHECK_EQ(gAllocations, before);
  OutQueue q;
  q.append("warm-up", 7);
  q.consume(7);
  before = gAllocations;
  for (int i = 0; i < 100; i++) {
    q.append("HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nhello", 43);
    struct iovec iov[OutQueue::kMaxIov];
    CHECK_EQ(q.fill(iov), 1);
    q.consume(43);
  }
  CHECK_EQ(gAllocations, before);  // every response reused the node and storage of the one before
  CHECK(q.empty());
}

int main() { return sluice_test::runAll(); }
