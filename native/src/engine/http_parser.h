// Strict HTTP/1.1 message-head parsing and chunked body decoding for the data plane.
// Owns no memory: every string_view points into the caller's buffer, which must outlive the result.
#pragma once
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace sluice {

/// Header names the engine acts on, recognized once while parsing. The hop-by-hop ones (RFC 9110
/// §7.6.1, plus the legacy Keep-Alive and Proxy-Connection) are contiguous, from Connection on.
enum class HeaderKind : uint8_t {
  Other,
  Host,
  ContentLength,
  Expect,
  XRequestId,
  XForwardedFor,
  XForwardedProto,
  Connection,
  KeepAlive,
  ProxyConnection,
  Te,
  Trailer,
  TransferEncoding,
  Upgrade,
  ProxyAuthenticate,
  ProxyAuthorization,
};

/// Which of the names above `name` is (case-insensitive), or Other.
HeaderKind classifyHeader(std::string_view name);

/// One header line as received (name case preserved, value with surrounding OWS trimmed).
struct HeaderField {
  std::string_view name;
  std::string_view value;
  HeaderKind kind = HeaderKind::Other;
};

/// Why a head was rejected; maps to §6 (BadRequest → 400, HeadersTooLarge → 431, ...).
enum class HttpError : uint8_t {
  None,
  BadRequest,       // malformed syntax, smuggling patterns (CL+TE, duplicate CL, obs-fold, bare CR/LF)
  HeadersTooLarge,  // head over max_header_bytes or too many fields
  BodyTooLarge,     // declared or decoded body over max_body_bytes
  NotImplemented,   // a transfer-coding other than chunked
};

enum class ParseStatus : uint8_t { Incomplete, Done, Error };

/// A parsed request head. Views point into the receive buffer.
struct RequestHead {
  std::string_view method;
  std::string_view target;  // request-target exactly as received (path + query)
  std::string_view path;    // target up to '?'
  std::string_view query;   // after '?', without it; empty if none
  int versionMinor = 1;
  std::vector<HeaderField> headers;
  size_t headBytes = 0;     // bytes consumed by the head, including the final CRLF CRLF
  bool keepAlive = true;
  bool chunked = false;
  bool hasContentLength = false;
  uint64_t contentLength = 0;
  bool expectContinue = false;
  std::string_view host;
  std::string_view connection;  // raw Connection header value (tokens name further hop-by-hop headers)
  std::string_view requestId;   // X-Request-Id, if the client sent one
  std::string_view forwardedFor;  // X-Forwarded-For, if present
  void clear();
};

/// A parsed response head (upstream side).
struct ResponseHead {
  int status = 0;
  int versionMinor = 1;
  std::string_view reason;
  std::vector<HeaderField> headers;
  size_t headBytes = 0;
  bool keepAlive = true;
  bool chunked = false;
  bool hasContentLength = false;
  uint64_t contentLength = 0;
  std::string_view connection;
  void clear();
};

struct ParseLimits {
  size_t maxHeaderBytes = 65536;
  size_t maxHeaders = 128;
  uint64_t maxBodyBytes = 4194304;
};

/// Parses a request head from buf[0..len). Done: *out filled, out->headBytes consumed.
/// Incomplete: need more bytes (and the bytes so far are within limits). Error: *err says why.
ParseStatus parseRequestHead(const char* buf, size_t len, const ParseLimits& limits, RequestHead* out, HttpError* err);

/// Parses a response head; same conventions as parseRequestHead.
ParseStatus parseResponseHead(const char* buf, size_t len, const ParseLimits& limits, ResponseHead* out, HttpError* err);

/// Case-insensitive ASCII comparison.
bool equalsIgnoreCase(std::string_view a, std::string_view b);

/// True if the comma-separated header value holds `token` (case-insensitive).
bool hasToken(std::string_view list, std::string_view token);

/// True for headers a proxy must not forward (RFC 9110 §7.6.1), plus those named in `connection`.
bool isHopByHop(std::string_view name, std::string_view connection);
/// isHopByHop for a parsed field (its kind is already known).
inline bool isHopByHop(const HeaderField& f, std::string_view connection) {
  return f.kind >= HeaderKind::Connection || (!connection.empty() && hasToken(connection, f.name));
}

/// Appends `v` in decimal (what snprintf("%llu") would write, without its cost on the per-request path).
inline void appendDecimal(std::string& out, uint64_t v) {
  char buf[20];
  size_t n = 0;
  do {
    buf[n++] = static_cast<char>('0' + v % 10);
    v /= 10;
  } while (v != 0);
  while (n > 0) { out.push_back(buf[--n]); }
}

/// Incremental decoder of a chunked body (RFC 9112 §7.1), strict: hex sizes only, CRLF exactly,
/// trailers parsed and dropped. Decoded bytes are appended to the caller's string.
class ChunkedDecoder {
 public:
  explicit ChunkedDecoder(uint64_t maxBody = UINT64_MAX) : maxBody_(maxBody) {}
  void reset(uint64_t maxBody);
  /// Consumes from data[0..len); returns bytes consumed. Check done()/error() afterwards.
  /// Decoded payload bytes are appended to *out.
  size_t feed(const char* data, size_t len, std::string* out);
  bool done() const { return state_ == State::Done; }
  HttpError error() const { return error_; }
  uint64_t decoded() const { return total_; }

 private:
  enum class State : uint8_t { Size, SizeExt, SizeLf, Data, DataCr, DataLf, Trailer, TrailerLf, TrailerLine, TrailerLineLf, Done, Error };
  size_t fail(HttpError e, size_t consumed);
  State state_ = State::Size;
  HttpError error_ = HttpError::None;
  uint64_t maxBody_;
  uint64_t remaining_ = 0;
  uint64_t total_ = 0;
  uint32_t sizeDigits_ = 0;
  uint32_t trailerBytes_ = 0;
};

}  // namespace sluice
