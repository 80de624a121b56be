// Strict HTTP/1.1 parser: valid heads, every smuggling pattern rejected, chunked decoding fed
// whole and byte by byte.
#include "check.h"
#include "engine/http_parser.h"

#include <cstring>

using namespace sluice;

namespace {

ParseStatus parse(const std::string& s, RequestHead* h, HttpError* e, size_t maxHeader = 65536) {
  ParseLimits l;
  l.maxHeaderBytes = maxHeader;
  l.maxBodyBytes = 1000;
  return parseRequestHead(s.data(), s.size(), l, h, e);
}

HttpError reject(const std::string& s) {
  RequestHead h;
  HttpError e = HttpError::None;
  ParseStatus st = parse(s, &h, &e);
  return st == ParseStatus::Error ? e : HttpError::None;
}

}  // namespace

TEST(parsesAValidRequestHead) {
  std::string s = "GET /a/b?x=1 HTTP/1.1\r\nHost: h\r\nX-Request-Id: r1\r\nConnection: keep-alive\r\n\r\nNEXT";
  RequestHead h;
  HttpError e;
  CHECK(parse(s, &h, &e) == ParseStatus::Done);
  CHECK_EQ(h.method, "GET");
  CHECK_EQ(h.path, "/a/b");
  CHECK_EQ(h.query, "x=1");
  CHECK_EQ(h.target, "/a/b?x=1");
  CHECK_EQ(h.host, "h");
  CHECK_EQ(h.requestId, "r1");
  CHECK_EQ(h.headBytes, s.size() - 4);
  CHECK(h.keepAlive);
  CHECK_EQ(h.headers.size(), 3u);
}

TEST(reportsIncompleteUntilTheBlankLine) {
  std::string s = "POST /x HTTP/1.1\r\nHost: h\r\nContent-Length: 3\r\n\r\n";
  for (size_t n = 0; n < s.size(); n++) {
    RequestHead h;
    HttpError e;
    CHECK(parse(s.substr(0, n), &h, &e) == ParseStatus::Incomplete);
  }
  RequestHead h;
  HttpError e;
  CHECK(parse(s, &h, &e) == ParseStatus::Done);
  CHECK(h.hasContentLength);
  CHECK_EQ(h.contentLength, 3u);
}

TEST(http10DefaultsToCloseAndKeepAliveIsOptIn) {
  RequestHead h;
  HttpError e;
  CHECK(parse("GET / HTTP/1.0\r\n\r\n", &h, &e) == ParseStatus::Done);
  CHECK(!h.keepAlive);
  CHECK(parse("GET / HTTP/1.0\r\nConnection: keep-alive\r\n\r\n", &h, &e) == ParseStatus::Done);
  CHECK(h.keepAlive);
  CHECK(parse("GET / HTTP/1.1\r\nHost: a\r\nConnection: close\r\n\r\n", &h, &e) == ParseStatus::Done);
  CHECK(!h.keepAlive);
}

TEST(rejectsSmugglingPatterns) {
  const char* bad[] = {
      "POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 1\r\nTransfer-Encoding: chunked\r\n\r\n",
      "POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 1\r\nContent-Length: 1\r\n\r\n",
      "POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 1,1\r\n\r\n",
      "POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 0x1\r\n\r\n",
      "POST / HTTP/1.1\r\nHost: a\r\nContent-Length: \r\n\r\n",
      "POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\nTransfer-Encoding: chunked\r\n\r\n",
      "POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: gzip, chunked\r\n\r\n",
      "GET / HTTP/1.1\r\nHost: a\r\nX: 1\r\n folded\r\n\r\n",
      "GET / HTTP/1.1\nHost: a\r\n\r\n",
      "GET / HTTP/1.1\r\nHost: a\rB: c\r\n\r\n",
      "GET / HTTP/1.1\r\nHost : a\r\n\r\n",
      "GET / HTTP/1.1\r\n\r\n",
      "GET / HTTP/1.1\r\nHost: a\r\nHost: a\r\n\r\n",
      "GET  / HTTP/1.1\r\nHost: a\r\n\r\n",
      "GET / HTTP/1.1 \r\nHost: a\r\n\r\n",
      "GET / HTTP/1.2\r\nHost: a\r\n\r\n",
      "GET x HTTP/1.1\r\nHost: a\r\n\r\n",
      "G(T / HTTP/1.1\r\nHost: a\r\n\r\n",
      "GET / HTTP/1.1\r\nHost: a\r\nX: a\x7f\r\n\r\n",
      "GET / HTTP/1.1\r\nHost: a\r\n: empty-name\r\n\r\n",
      "POST / HTTP/1.0\r\nTransfer-Encoding: chunked\r\n\r\n",
  };
  for (const char* b : bad) {
    HttpError e = reject(b);
    if (e != HttpError::BadRequest) { std::fprintf(stderr, "  accepted or misclassified: %s\n", b); }
    CHECK(e == HttpError::BadRequest);
  }
  CHECK(reject("POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: gzip\r\n\r\n") == HttpError::NotImplemented);
}

TEST(enforcesHeaderAndBodyLimits) {
  RequestHead h;
  HttpError e;
  std::string big = "GET / HTTP/1.1\r\nHost: a\r\nX: " + std::string(200, 'a') + "\r\n\r\n";
  CHECK(parse(big, &h, &e, 100) == ParseStatus::Error);
  CHECK(e == HttpError::HeadersTooLarge);
  // An unterminated head is refused as soon as it passes the limit, not when it completes.
  CHECK(parse(std::string("GET / HTTP/1.1\r\nX: ") + std::string(200, 'a'), &h, &e, 100) == ParseStatus::Error);
  CHECK(e == HttpError::HeadersTooLarge);
  CHECK(parse("POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 1001\r\n\r\n", &h, &e) == ParseStatus::Error);
  CHECK(e == HttpError::BodyTooLarge);
}

TEST(parsesResponseHeads) {
  ParseLimits l;
  ResponseHead r;
  HttpError e;
  std::string s = "HTTP/1.1 404 Not Found\r\nContent-Length: 5\r\nConnection: close\r\n\r\n";
  CHECK(parseResponseHead(s.data(), s.size(), l, &r, &e) == ParseStatus::Done);
  CHECK_EQ(r.status, 404);
  CHECK_EQ(r.reason, "Not Found");
  CHECK(!r.keepAlive);
  CHECK_EQ(r.contentLength, 5u);
  std::string bad = "HTTP/1.1 20 OK\r\n\r\n";
  CHECK(parseResponseHead(bad.data(), bad.size(), l, &r, &e) == ParseStatus::Error);
  std::string smug = "HTTP/1.1 200 OK\r\nContent-Length: 1\r\nTransfer-Encoding: chunked\r\n\r\n";
  CHECK(parseResponseHead(smug.data(), smug.size(), l, &r, &e) == ParseStatus::Error);
}

TEST(decodesChunkedBodiesWholeAndByteByByte) {
  std::string wire = "5;ext=v\r\nhello\r\nB\r\n, world!!!!\r\n0\r\nTrailer: x\r\n\r\nREST";
  ChunkedDecoder d;
  std::string out;
  size_t used = d.feed(wire.data(), wire.size(), &out);
  CHECK(d.done());
  CHECK_EQ(out, "hello, world!!!!");
  CHECK_EQ(wire.substr(used), "REST");
  ChunkedDecoder d2;
  std::string out2;
  size_t i = 0;
  while (!d2.done() && i < wire.size()) { i += d2.feed(wire.data() + i, 1, &out2); }
  CHECK(d2.done());
  CHECK_EQ(out2, out);
  CHECK_EQ(i, used);
}

TEST(rejectsMalformedChunks) {
  const char* bad[] = {"0x5\r\nhello\r\n0\r\n\r\n", " 5\r\nhello\r\n0\r\n\r\n", "5 \r\nhello\r\n0\r\n\r\n",
                       "5\nhello\r\n0\r\n\r\n",     "5\r\nhelloX\r\n0\r\n\r\n", "-5\r\nhello\r\n",
                       "1000000000000000\r\n",      "\r\n",                      "0\r\n \r\n\r\n"};
  for (const char* b : bad) {
    ChunkedDecoder d;
    std::string out;
    d.feed(b, strlen(b), &out);
    CHECK(d.error() != HttpError::None);
  }
  ChunkedDecoder limited(4);
  std::string out;
  const char* over = "5\r\nhello\r\n0\r\n\r\n";
  limited.feed(over, strlen(over), &out);
  CHECK(limited.error() == HttpError::BodyTooLarge);
}

TEST(classifiesHopByHopHeaders) {
  CHECK(isHopByHop("Keep-Alive", ""));
  CHECK(isHopByHop("transfer-encoding", ""));
  CHECK(isHopByHop("X-Private", "keep-alive, x-private"));
  CHECK(!isHopByHop("X-Other", "keep-alive, x-private"));
  CHECK(!isHopByHop("Content-Type", ""));
}

TEST(classifiesEveryHeaderTheEngineActsOnWhateverItsCase) {
  struct Case {
    const char* name;
    HeaderKind kind;
  } cases[] = {
      {"Host", HeaderKind::Host}, {"CONTENT-LENGTH", HeaderKind::ContentLength}, {"expect", HeaderKind::Expect},
      {"X-Request-Id", HeaderKind::XRequestId}, {"x-forwarded-FOR", HeaderKind::XForwardedFor},
      {"X-Forwarded-Proto", HeaderKind::XForwardedProto}, {"Connection", HeaderKind::Connection},
      {"Keep-Alive", HeaderKind::KeepAlive}, {"Proxy-Connection", HeaderKind::ProxyConnection}, {"TE", HeaderKind::Te},
      {"Trailer", HeaderKind::Trailer}, {"Transfer-Encoding", HeaderKind::TransferEncoding}, {"Upgrade", HeaderKind::Upgrade},
      {"Proxy-Authenticate", HeaderKind::ProxyAuthenticate}, {"Proxy-Authorization", HeaderKind::ProxyAuthorization},
      // Same lengths as known names, different bytes: must stay Other.
      {"Hose", HeaderKind::Other}, {"Content-Lengtx", HeaderKind::Other}, {"X-Forwarded-Fox", HeaderKind::Other},
      {"Transfer-Encodinh", HeaderKind::Other}, {"Te-", HeaderKind::Other}, {"", HeaderKind::Other},
  };
  for (const Case& c : cases) { CHECK(classifyHeader(c.name) == c.kind); }
  // The parser records the kind on every field, so later passes need not compare names again.
  const char* req = "GET / HTTP/1.1\r\nhOsT: a\r\nX-Custom: 1\r\nCONNECTION: close\r\n\r\n";
  RequestHead h;
  HttpError err;
  CHECK(parseRequestHead(req, strlen(req), ParseLimits(), &h, &err) == ParseStatus::Done);
  CHECK_EQ(h.headers.size(), 3u);
  CHECK(h.headers[0].kind == HeaderKind::Host);
  CHECK(h.headers[1].kind == HeaderKind::Other);
  CHECK(h.headers[2].kind == HeaderKind::Connection);
  CHECK(isHopByHop(h.headers[2], h.connection));
  CHECK(!h.keepAlive);
}

TEST(reparsingIntoTheSameHeadKeepsNoFieldsFromTheLastMessage) {
  RequestHead h;
  HttpError err;
  const char* first = "POST /a HTTP/1.1\r\nHost: a\r\nContent-Length: 3\r\nX-Request-Id: r1\r\nExpect: 100-continue\r\n\r\n";
  CHECK(parseRequestHead(first, strlen(first), ParseLimits(), &h, &err) == ParseStatus::Done);
  CHECK(h.hasContentLength && h.expectContinue && h.requestId == "r1");
  const char* second = "GET /b HTTP/1.1\r\nHost: b\r\n\r\n";
  CHECK(parseRequestHead(second, strlen(second), ParseLimits(), &h, &err) == ParseStatus::Done);
  CHECK_EQ(h.headers.size(), 1u);
  CHECK(!h.hasContentLength && !h.expectContinue && h.requestId.empty());
  CHECK(h.host == "b" && h.path == "/b");
}

int main() { return sluice_test::runAll(); }
