// The fast Thrift backend of the REST bench (bench/rest/run.ts, BENCH_BACKEND=cpp, the default): Apache Thrift's
// own C++ library (Debian libthrift-dev 0.17) serving `thrift --gen cpp` output of bench.thrift, framed binary,
// answering the same prebuilt replies as backend.ts (bench/rest/payloads.js with id 42; the bench checks the bytes).
// TThreadedServer, not TNonblockingServer: the gateways hold 8 persistent connections each, and on this VM, where a
// system call costs microseconds, TNonblockingServer's ~10 per request (4 epoll_ctl re-arms, 2 epoll_wait, 2 recv,
// ioctl, send) cost 19-26 µs of CPU per Sluice request against 10-13 µs here (1 recv, 1 send, one thread wake-up).
// Usage: sluice-bench-backend PORT   (prints "listening" once the socket is bound)
#include <cstdio>
#include <cstdlib>
#include <memory>
#include <string>

#include <thrift/protocol/TBinaryProtocol.h>
#include <thrift/server/TThreadedServer.h>
#include <thrift/transport/TBufferTransports.h>
#include <thrift/transport/TServerSocket.h>

#include "Bench.h"

namespace {

// payloads.js small(42): six fields, about 200 bytes of JSON.
Small smallReply() {
  Small s;
  s.__set_id(42);
  s.__set_name("Augusta Ada King, Countess of Lovelace (n\xC3\xA9" "e Byron), mathematician");
  s.__set_email("augusta.ada.king.lovelace@analytical-engine.example.org");
  s.__set_active(true);
  s.__set_score(98.625);
  s.__set_visits(1234567);
  return s;
}

// payloads.js medium(42): 24 entries with three tags and five counts each, about 5 KB of JSON.
Medium mediumReply() {
  Medium m;
  m.__set_id(42);
  m.__set_owner("owner-of-the-medium-payload");
  std::vector<Entry> entries;
  for (int i = 0; i < 24; i++) {
    Entry e;
    e.__set_id(1000000 + i);
    e.__set_title("Entry number " + std::to_string(i) + " of the medium payload");
    e.__set_price(19.5 + i);
    std::vector<Tag> tags(3);
    tags[0].__set_key("color"), tags[0].__set_value("blue");
    tags[1].__set_key("size"), tags[1].__set_value("XL");
    tags[2].__set_key("origin"), tags[2].__set_value("made-in-eu");
    e.__set_tags(tags);
    e.__set_counts({i, i * 2, i * 3, 65536 + i, 1000000 + i});
    entries.push_back(e);
  }
  m.__set_entries(entries);
  return m;
}

// Like backend.ts, answers the prebuilt values whatever the requested id (both contenders ask for 42).
class BenchHandler : public BenchIf {
 public:
  void GetSmall(Small& out, const ById&) override { out = small_; }
  void GetMedium(Medium& out, const ById&) override { out = medium_; }

 private:
  const Small small_ = smallReply();
  const Medium medium_ = mediumReply();
};

// Announces readiness on stdout after the listening socket is bound (the bench waits for the line).
class ReadyLine : public apache::thrift::server::TServerEventHandler {
 public:
  void preServe() override {
    std::puts("listening");
    std::fflush(stdout);
  }
};

// Framed over buffered: the server peeks before each request; the buffered layer answers the peek with one recv that
// takes every byte the peer has sent (often several pipelined frames), so the framing then reads from memory.
class BufferedFramedFactory : public apache::thrift::transport::TTransportFactory {
 public:
  std::shared_ptr<apache::thrift::transport::TTransport> getTransport(
      std::shared_ptr<apache::thrift::transport::TTransport> socket) override {
    using namespace apache::thrift::transport;
    return std::make_shared<TFramedTransport>(std::make_shared<TBufferedTransport>(socket, 64 * 1024, 64 * 1024));
  }
};

}  // namespace

int main(int argc, char** argv) {
  if (argc != 2) {
    std::fprintf(stderr, "usage: %s PORT\n", argv[0]);
    return 2;
  }
  using namespace apache::thrift;
  auto socket = std::make_shared<transport::TServerSocket>("127.0.0.1", std::atoi(argv[1]));
  // Non-interruptible children read with plain blocking recv; interruptible ones poll() before every read.
  socket->setInterruptableChildren(false);
  server::TThreadedServer server(std::make_shared<BenchProcessor>(std::make_shared<BenchHandler>()), socket,
                                 std::make_shared<BufferedFramedFactory>(),
                                 std::make_shared<protocol::TBinaryProtocolFactory>());
  server.setServerEventHandler(std::make_shared<ReadyLine>());
  server.serve();
  return 0;
}
