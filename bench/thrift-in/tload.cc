// Thrift-in benchmark peers, small enough that neither is the bottleneck (single-threaded epoll, no allocation per
// call): `tload server PORT` answers every framed-binary call `echo(1: string s)` or `echo(1: Contact c)` with a
// REPLY carrying field 0 = the first string argument (for a Contact, its email) and the caller's seqid;
// `tload client PORT CONNS SECONDS binary|compact|contact [DEPTH]` keeps DEPTH calls in flight on each of CONNS
// connections for SECONDS and prints `calls=N errors=E` (each reply's seqid is checked against the calls in flight).
// `binary` and `compact` send echo(1: string s) in that protocol; `contact` sends echo(1: Contact c) in binary, the
// two-field call the bench pseudonymizes. Build: g++ -O2 -std=c++17 -o tload tload.cc
#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/epoll.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <deque>
#include <string>
#include <vector>

namespace {

const std::string kPayload(64, 'x');  // the echoed argument: a small call, as in most RPC traffic
const std::string kEmail = "ada.lovelace@example.com";  // Contact.email (siv in the bench config)
const std::string kPhone = "+44 20 7946 0958";          // Contact.phone (ff1 over the digits, "+ " passed through)

enum class CallKind { kBinary, kCompact, kContact };

uint32_t be32(const uint8_t* p) { return uint32_t(p[0]) << 24 | uint32_t(p[1]) << 16 | uint32_t(p[2]) << 8 | p[3]; }
void putBe32(std::string& o, uint32_t v) {
  char b[4] = {char(v >> 24), char(v >> 16), char(v >> 8), char(v)};
  o.append(b, 4);
}
void putVarint(std::string& o, uint32_t v) {
  while (v >= 0x80) {
    o.push_back(char((v & 0x7f) | 0x80));
    v >>= 7;
  }
  o.push_back(char(v));
}

double now() {
  timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return ts.tv_sec + ts.tv_nsec / 1e9;
}

int listenOn(int port) {
  int fd = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK, 0);
  int one = 1;
  setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
  sockaddr_in a{};
  a.sin_family = AF_INET;
  a.sin_port = htons(port);
  a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  if (bind(fd, (sockaddr*)&a, sizeof a) != 0 || listen(fd, 1024) != 0) {
    perror("bind/listen");
    exit(1);
  }
  return fd;
}

struct Conn {
  int fd;
  std::string in, out;
  std::deque<int32_t> inflight;  // client: seqids sent, in order
  int32_t next = 1;
};

bool flush(Conn& c) {
  while (!c.out.empty()) {
    ssize_t n = send(c.fd, c.out.data(), c.out.size(), MSG_NOSIGNAL);
    if (n < 0) return errno == EAGAIN;
    c.out.erase(0, size_t(n));
  }
  return true;
}

// Server: binary framed. Reply = header(REPLY, same name, same seqid) + field 0 string + STOP.
int server(int port) {
  int lfd = listenOn(port);
  int ep = epoll_create1(0);
  epoll_event ev{EPOLLIN, {.ptr = nullptr}};
  epoll_ctl(ep, EPOLL_CTL_ADD, lfd, &ev);
  printf("listening\n");
  fflush(stdout);
  epoll_event evs[256];
  char buf[65536];
  for (;;) {
    int n = epoll_wait(ep, evs, 256, -1);
    for (int i = 0; i < n; i++) {
      if (evs[i].data.ptr == nullptr) {
        for (;;) {
          int fd = accept4(lfd, nullptr, nullptr, SOCK_NONBLOCK);
          if (fd < 0) break;
          int one = 1;
          setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
          auto* c = new Conn{fd, {}, {}, {}, 1};
          epoll_event e{EPOLLIN | EPOLLOUT | EPOLLET, {.ptr = c}};
          epoll_ctl(ep, EPOLL_CTL_ADD, fd, &e);
        }
        continue;
      }
      auto* c = static_cast<Conn*>(evs[i].data.ptr);
      bool dead = false;
      for (;;) {
        ssize_t r = read(c->fd, buf, sizeof buf);
        if (r > 0) { c->in.append(buf, size_t(r)); continue; }
        if (r == 0 || errno != EAGAIN) dead = true;
        break;
      }
      size_t off = 0;
      while (c->in.size() - off >= 4) {
        const auto* p = reinterpret_cast<const uint8_t*>(c->in.data() + off);
        uint32_t len = be32(p);
        if (c->in.size() - off - 4 < len) break;
        const uint8_t* m = p + 4;  // 80 01 00 01, name len, name, seqid, args
        uint32_t nameLen = be32(m + 4);
        int32_t seqid = int32_t(be32(m + 8 + nameLen));
        const uint8_t* args = m + 12 + nameLen;  // field 1: 0b 00 01 len bytes, or 0c 00 01 (Contact) then its fields
        const uint8_t* s = args[0] == 0x0c ? args + 3 : args;  // a Contact: echo its first field (the email)
        uint32_t sLen = s[0] == 0x0b ? be32(s + 3) : 0;
        std::string reply;
        putBe32(reply, 0);
        putBe32(reply, 0x80010002u);
        putBe32(reply, nameLen);
        reply.append(reinterpret_cast<const char*>(m + 8), nameLen);
        putBe32(reply, uint32_t(seqid));
        reply.push_back(0x0b);
        reply.append("\0\0", 2);
        putBe32(reply, sLen);
        reply.append(reinterpret_cast<const char*>(s + 7), sLen);
        reply.push_back(0);
        uint32_t total = uint32_t(reply.size() - 4);
        reply[0] = char(total >> 24), reply[1] = char(total >> 16), reply[2] = char(total >> 8), reply[3] = char(total);
        c->out += reply;
        off += 4 + len;
      }
      c->in.erase(0, off);
      if (dead || !flush(*c)) {
        close(c->fd);
        delete c;
      }
    }
  }
}

void putBinaryString(std::string& m, int16_t id, const std::string& v) {
  m.push_back(0x0b);
  m.push_back(char(id >> 8));
  m.push_back(char(id));
  putBe32(m, uint32_t(v.size()));
  m += v;
}

std::string call(CallKind kind, int32_t seqid) {
  std::string m;
  if (kind == CallKind::kCompact) {
    m.push_back(char(0x82));
    m.push_back(char(0x21));
    putVarint(m, uint32_t(seqid));
    putVarint(m, 4);
    m += "echo";
    m.push_back(0x18);  // field 1, delta 1, binary
    putVarint(m, uint32_t(kPayload.size()));
    m += kPayload;
    m.push_back(0);
  } else {
    putBe32(m, 0x80010001u);
    putBe32(m, 4);
    m += "echo";
    putBe32(m, uint32_t(seqid));
    if (kind == CallKind::kContact) {
      m.append("\x0c\0\x01", 3);  // field 1: struct Contact
      putBinaryString(m, 1, kEmail);
      putBinaryString(m, 2, kPhone);
      m.push_back(0);  // end of Contact
    } else {
      putBinaryString(m, 1, kPayload);
    }
    m.push_back(0);
  }
  std::string f;
  putBe32(f, uint32_t(m.size()));
  return f + m;
}

int32_t replySeqid(bool compact, const uint8_t* m, size_t len) {
  if (compact) {
    size_t i = 2;
    uint32_t v = 0;
    for (int s = 0; i < len; s += 7) {
      uint8_t b = m[i++];
      v |= uint32_t(b & 0x7f) << s;
      if (!(b & 0x80)) break;
    }
    return int32_t(v);
  }
  uint32_t nameLen = be32(m + 4);
  return int32_t(be32(m + 8 + nameLen));
}

int client(int port, int conns, double seconds, CallKind kind, int depth) {
  bool compact = kind == CallKind::kCompact;
  int ep = epoll_create1(0);
  std::vector<Conn*> all;
  sockaddr_in a{};
  a.sin_family = AF_INET;
  a.sin_port = htons(port);
  a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  for (int i = 0; i < conns; i++) {
    int fd = socket(AF_INET, SOCK_STREAM, 0);
    if (connect(fd, (sockaddr*)&a, sizeof a) != 0) {
      perror("connect");
      return 1;
    }
    int one = 1;
    setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
    fcntl(fd, F_SETFL, O_NONBLOCK);
    auto* c = new Conn{fd, {}, {}, {}, 1 + i * 1000000};
    all.push_back(c);
    epoll_event e{EPOLLIN | EPOLLET, {.ptr = c}};
    epoll_ctl(ep, EPOLL_CTL_ADD, fd, &e);
    for (int d = 0; d < depth; d++) {
      c->inflight.push_back(c->next);
      c->out += call(kind, c->next++);
    }
    flush(*c);
  }
  uint64_t calls = 0, errors = 0;
  double end = now() + seconds;
  epoll_event evs[256];
  char buf[65536];
  while (now() < end) {
    int n = epoll_wait(ep, evs, 256, 100);
    for (int i = 0; i < n; i++) {
      auto* c = static_cast<Conn*>(evs[i].data.ptr);
      for (;;) {
        ssize_t r = read(c->fd, buf, sizeof buf);
        if (r > 0) { c->in.append(buf, size_t(r)); continue; }
        if (r == 0) { fprintf(stderr, "server closed a connection\n"); return 1; }
        break;
      }
      size_t off = 0;
      while (c->in.size() - off >= 4) {
        const auto* p = reinterpret_cast<const uint8_t*>(c->in.data() + off);
        uint32_t len = be32(p);
        if (c->in.size() - off - 4 < len) break;
        int32_t s = replySeqid(compact, p + 4, len);
        bool found = false;
        for (auto it = c->inflight.begin(); it != c->inflight.end(); ++it) {
          if (*it == s) { c->inflight.erase(it); found = true; break; }
        }
        if (found) calls++; else errors++;
        off += 4 + len;
        c->inflight.push_back(c->next);
        c->out += call(kind, c->next++);
      }
      c->in.erase(0, off);
      flush(*c);
    }
  }
  printf("calls=%llu errors=%llu\n", (unsigned long long)calls, (unsigned long long)errors);
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc >= 3 && strcmp(argv[1], "server") == 0) return server(atoi(argv[2]));
  if (argc >= 6 && strcmp(argv[1], "client") == 0) {
    CallKind kind = strcmp(argv[5], "compact") == 0   ? CallKind::kCompact
                    : strcmp(argv[5], "contact") == 0 ? CallKind::kContact
                                                      : CallKind::kBinary;
    return client(atoi(argv[2]), atoi(argv[3]), atof(argv[4]), kind, argc > 6 ? atoi(argv[6]) : 1);
  }
  fprintf(stderr, "usage: tload server PORT | tload client PORT CONNS SECONDS binary|compact|contact [DEPTH]\n");
  return 2;
}
