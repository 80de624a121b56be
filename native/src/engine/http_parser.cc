// Strict HTTP/1.1 head parser: every deviation that could desynchronise two parsers (the root of
// request smuggling) is an error here, never a guess.
#include "engine/http_parser.h"

#include <cstring>

namespace sluice {
namespace {

// Byte classes, one table lookup per byte on the per-request path: tchar (RFC 9110 §5.6.2) and
// field-vchar / SP / HTAB with obs-text allowed (values).
constexpr uint8_t kTchar = 1, kValue = 2;

struct ByteClasses {
  uint8_t of[256] = {};
  constexpr ByteClasses() {
    for (int c = 0; c < 256; c++) {
      bool alnum = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
      bool sym = false;
      for (char s : {'!', '#', '$', '%', '&', '\'', '*', '+', '-', '.', '^', '_', '`', '|', '~'}) { sym = sym || c == s; }
      of[c] = static_cast<uint8_t>(((alnum || sym) ? kTchar : 0) | ((c == '\t' || (c >= 0x20 && c != 0x7f)) ? kValue : 0));
    }
  }
};
constexpr ByteClasses kClasses;

bool isTchar(unsigned char c) { return (kClasses.of[c] & kTchar) != 0; }
bool isValueChar(unsigned char c) { return (kClasses.of[c] & kValue) != 0; }

char lower(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c + 32) : c; }

std::string_view trimOws(std::string_view v) {
  while (!v.empty() && (v.front() == ' ' || v.front() == '\t')) { v.remove_prefix(1); }
  while (!v.empty() && (v.back() == ' ' || v.back() == '\t')) { v.remove_suffix(1); }
  return v;
}

// Finds the end of the head. Returns the number of bytes through the blank line, 0 if incomplete,
// or sets *err. Rejects bare CR and bare LF anywhere in the head.
size_t findHeadEnd(const char* buf, size_t len, size_t maxBytes, size_t* skipLeading, HttpError* err) {
  size_t i = 0;
  // RFC 9112 §2.2: a server SHOULD ignore at least one empty line before the request line.
  while (i + 1 < len && buf[i] == '\r' && buf[i + 1] == '\n' && i < 8) { i += 2; }
  *skipLeading = i;
  size_t lineStart = i;
  for (; i < len; i++) {
    char c = buf[i];
    if (c == '\n') {
      *err = HttpError::BadRequest;  // bare LF (every CR LF pair is consumed below)
      return 0;
    }
    if (c == '\r') {
      if (i + 1 >= len) { break; }
      if (buf[i + 1] != '\n') {
        *err = HttpError::BadRequest;
        return 0;
      }
      if (i == lineStart) { return i + 2; }  // blank line: end of head
      i++;
      lineStart = i + 1;
    }
    if (i - *skipLeading >= maxBytes) {
      *err = HttpError::HeadersTooLarge;
      return 0;
    }
  }
  if (len - *skipLeading > maxBytes) { *err = HttpError::HeadersTooLarge; }
  return 0;
}

bool parseDecimal(std::string_view v, uint64_t* out) {
  if (v.empty() || v.size() > 18) { return false; }
  uint64_t n = 0;
  for (char c : v) {
    if (c < '0' || c > '9') { return false; }
    n = n * 10 + static_cast<uint64_t>(c - '0');
  }
  *out = n;
  return true;
}

// Splits header lines in [p, end) (each ending in CRLF, already validated) into fields.
bool parseFields(const char* p, const char* end, const ParseLimits& limits, std::vector<HeaderField>* out, HttpError* err) {
  while (p < end) {
    const char* eol = static_cast<const char*>(memchr(p, '\r', static_cast<size_t>(end - p)));
    if (eol == nullptr) { eol = end; }
    if (eol == p) { break; }
    if (*p == ' ' || *p == '\t') {
      *err = HttpError::BadRequest;  // obs-fold
      return false;
    }
    const char* colon = p;
    while (colon < eol && isTchar(static_cast<unsigned char>(*colon))) { colon++; }
    if (colon == p || colon >= eol || *colon != ':') {
      *err = HttpError::BadRequest;  // empty name, whitespace before colon, bad name char
      return false;
    }
    for (const char* v = colon + 1; v < eol; v++) {
      if (!isValueChar(static_cast<unsigned char>(*v))) {
        *err = HttpError::BadRequest;
        return false;
      }
    }
    if (out->size() >= limits.maxHeaders) {
      *err = HttpError::HeadersTooLarge;
      return false;
    }
    std::string_view name(p, static_cast<size_t>(colon - p));
    out->push_back({name, trimOws(std::string_view(colon + 1, static_cast<size_t>(eol - colon - 1))), classifyHeader(name)});
    p = eol + 2;
  }
  return true;
}

// Applies the framing rules shared by requests and responses. Returns false with *err on a conflict.
struct Framing {
  bool chunked = false;
  bool hasCl = false;
  uint64_t cl = 0;
  std::string_view connection;
};

bool applyFraming(const std::vector<HeaderField>& headers, Framing* f, HttpError* err) {
  int teCount = 0;
  for (const HeaderField& h : headers) {
    if (h.kind == HeaderKind::ContentLength) {
      uint64_t n = 0;
      if (f->hasCl || !parseDecimal(h.value, &n)) {
        *err = HttpError::BadRequest;  // duplicate or malformed Content-Length
        return false;
      }
      f->hasCl = true;
      f->cl = n;
    } else if (h.kind == HeaderKind::TransferEncoding) {
      if (++teCount > 1) {
        *err = HttpError::BadRequest;
        return false;
      }
      if (!equalsIgnoreCase(h.value, "chunked")) {
        *err = h.value.empty() || hasToken(h.value, "chunked") ? HttpError::BadRequest : HttpError::NotImplemented;
        return false;
      }
      f->chunked = true;
    } else if (h.kind == HeaderKind::Connection) {
      f->connection = h.value;
    }
  }
  if (f->chunked && f->hasCl) {
    *err = HttpError::BadRequest;  // CL + TE: the classic smuggling vector
    return false;
  }
  return true;
}

}  // namespace

// Both keep the header vector's storage: heads are parsed into long-lived objects, once per message.
void RequestHead::clear() {
  std::vector<HeaderField> keep = std::move(headers);
  keep.clear();
  *this = RequestHead();
  headers = std::move(keep);
}
void ResponseHead::clear() {
  std::vector<HeaderField> keep = std::move(headers);
  keep.clear();
  *this = ResponseHead();
  headers = std::move(keep);
}

bool equalsIgnoreCase(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) { return false; }
  for (size_t i = 0; i < a.size(); i++) {
    if (lower(a[i]) != lower(b[i])) { return false; }
  }
  return true;
}

bool hasToken(std::string_view list, std::string_view token) {
  while (!list.empty()) {
    size_t comma = list.find(',');
    std::string_view item = trimOws(list.substr(0, comma));
    if (equalsIgnoreCase(item, token)) { return true; }
    if (comma == std::string_view::npos) { break; }
    list.remove_prefix(comma + 1);
  }
  return false;
}

bool isHopByHop(std::string_view name, std::string_view connection) {
  return isHopByHop(HeaderField{name, std::string_view(), classifyHeader(name)}, connection);
}

HeaderKind classifyHeader(std::string_view n) {
  // By length first: most names are then rejected without looking at a byte.
  auto is = [n](std::string_view lowerName) { return equalsIgnoreCase(n, lowerName); };
  switch (n.size()) {
    case 2: return is("te") ? HeaderKind::Te : HeaderKind::Other;
    case 4: return is("host") ? HeaderKind::Host : HeaderKind::Other;
    case 6: return is("expect") ? HeaderKind::Expect : HeaderKind::Other;
    case 7: return is("trailer") ? HeaderKind::Trailer : is("upgrade") ? HeaderKind::Upgrade : HeaderKind::Other;
    case 10: return is("connection") ? HeaderKind::Connection : is("keep-alive") ? HeaderKind::KeepAlive : HeaderKind::Other;
    case 12: return is("x-request-id") ? HeaderKind::XRequestId : HeaderKind::Other;
    case 14: return is("content-length") ? HeaderKind::ContentLength : HeaderKind::Other;
    case 15: return is("x-forwarded-for") ? HeaderKind::XForwardedFor : HeaderKind::Other;
    case 16: return is("proxy-connection") ? HeaderKind::ProxyConnection : HeaderKind::Other;
    case 17:
      return is("transfer-encoding") ? HeaderKind::TransferEncoding
             : is("x-forwarded-proto") ? HeaderKind::XForwardedProto
                                       : HeaderKind::Other;
    case 18: return is("proxy-authenticate") ? HeaderKind::ProxyAuthenticate : HeaderKind::Other;
    case 19: return is("proxy-authorization") ? HeaderKind::ProxyAuthorization : HeaderKind::Other;
    default: return HeaderKind::Other;
  }
}

ParseStatus parseRequestHead(const char* buf, size_t len, const ParseLimits& limits, RequestHead* out, HttpError* err) {
  *err = HttpError::None;
  size_t skip = 0;
  size_t end = findHeadEnd(buf, len, limits.maxHeaderBytes, &skip, err);
  if (*err != HttpError::None) { return ParseStatus::Error; }
  if (end == 0) { return ParseStatus::Incomplete; }
  out->clear();
  out->headBytes = end;
  const char* p = buf + skip;
  const char* lineEnd = static_cast<const char*>(memchr(p, '\r', end - skip));
  // request-line = method SP request-target SP HTTP-version
  const char* sp1 = p;
  while (sp1 < lineEnd && isTchar(static_cast<unsigned char>(*sp1))) { sp1++; }
  if (sp1 == p || sp1 >= lineEnd || *sp1 != ' ') {
    *err = HttpError::BadRequest;
    return ParseStatus::Error;
  }
  const char* t = sp1 + 1;
  const char* sp2 = t;
  while (sp2 < lineEnd && static_cast<unsigned char>(*sp2) > 0x20 && static_cast<unsigned char>(*sp2) < 0x7f) { sp2++; }
  if (sp2 == t || sp2 >= lineEnd || *sp2 != ' ') {
    *err = HttpError::BadRequest;
    return ParseStatus::Error;
  }
  std::string_view version(sp2 + 1, static_cast<size_t>(lineEnd - sp2 - 1));
  if (version == "HTTP/1.1") {
    out->versionMinor = 1;
  } else if (version == "HTTP/1.0") {
    out->versionMinor = 0;
  } else {
    *err = HttpError::BadRequest;
    return ParseStatus::Error;
  }
  out->method = std::string_view(p, static_cast<size_t>(sp1 - p));
  out->target = std::string_view(t, static_cast<size_t>(sp2 - t));
  if (out->target[0] != '/' && !(out->target == "*" && out->method == "OPTIONS")) {
    *err = HttpError::BadRequest;  // only origin-form: we are not a forward proxy
    return ParseStatus::Error;
  }
  size_t q = out->target.find('?');
  out->path = out->target.substr(0, q);
  out->query = q == std::string_view::npos ? std::string_view() : out->target.substr(q + 1);
  if (!parseFields(lineEnd + 2, buf + end, limits, &out->headers, err)) { return ParseStatus::Error; }

  Framing f;
  if (!applyFraming(out->headers, &f, err)) { return ParseStatus::Error; }
  int hostCount = 0;
  for (const HeaderField& h : out->headers) {
    switch (h.kind) {
      case HeaderKind::Host:
        hostCount++;
        out->host = h.value;
        break;
      case HeaderKind::Expect: out->expectContinue = equalsIgnoreCase(h.value, "100-continue"); break;
      case HeaderKind::XRequestId: out->requestId = h.value; break;
      case HeaderKind::XForwardedFor: out->forwardedFor = h.value; break;
      default: break;
    }
  }
  if (hostCount > 1 || (out->versionMinor == 1 && hostCount == 0) || (f.chunked && out->versionMinor == 0)) {
    *err = HttpError::BadRequest;
    return ParseStatus::Error;
  }
  if (f.hasCl && f.cl > limits.maxBodyBytes) {
    *err = HttpError::BodyTooLarge;
    return ParseStatus::Error;
  }
  out->chunked = f.chunked;
  out->hasContentLength = f.hasCl;
  out->contentLength = f.cl;
  out->connection = f.connection;
  out->keepAlive = out->versionMinor == 1 ? !hasToken(f.connection, "close") : hasToken(f.connection, "keep-alive");
  return ParseStatus::Done;
}

ParseStatus parseResponseHead(const char* buf, size_t len, const ParseLimits& limits, ResponseHead* out, HttpError* err) {
  *err = HttpError::None;
  size_t skip = 0;
  size_t end = findHeadEnd(buf, len, limits.maxHeaderBytes, &skip, err);
  if (*err != HttpError::None) { return ParseStatus::Error; }
  if (end == 0) { return ParseStatus::Incomplete; }
  out->clear();
  out->headBytes = end;
  const char* p = buf + skip;
  const char* lineEnd = static_cast<const char*>(memchr(p, '\r', end - skip));
  std::string_view line(p, static_cast<size_t>(lineEnd - p));
  // status-line = HTTP-version SP 3DIGIT SP [reason-phrase]
  if (line.size() < 12 || line.substr(0, 7) != "HTTP/1." || (line[7] != '0' && line[7] != '1') || line[8] != ' ' ||
      (line.size() > 12 && line[12] != ' ')) {
    *err = HttpError::BadRequest;
    return ParseStatus::Error;
  }
  out->versionMinor = line[7] - '0';
  int status = 0;
  for (int i = 9; i < 12; i++) {
    if (line[static_cast<size_t>(i)] < '0' || line[static_cast<size_t>(i)] > '9') {
      *err = HttpError::BadRequest;
      return ParseStatus::Error;
    }
    status = status * 10 + (line[static_cast<size_t>(i)] - '0');
  }
  if (status < 100) {
    *err = HttpError::BadRequest;
    return ParseStatus::Error;
  }
  out->status = status;
  out->reason = line.size() > 13 ? line.substr(13) : std::string_view();
  if (!parseFields(lineEnd + 2, buf + end, limits, &out->headers, err)) { return ParseStatus::Error; }
  Framing f;
  if (!applyFraming(out->headers, &f, err)) { return ParseStatus::Error; }
  out->chunked = f.chunked;
  out->hasContentLength = f.hasCl;
  out->contentLength = f.cl;
  out->connection = f.connection;
  out->keepAlive = out->versionMinor == 1 ? !hasToken(f.connection, "close") : hasToken(f.connection, "keep-alive");
  return ParseStatus::Done;
}

void ChunkedDecoder::reset(uint64_t maxBody) { *this = ChunkedDecoder(maxBody); }

size_t ChunkedDecoder::fail(HttpError e, size_t consumed) {
  state_ = State::Error;
  error_ = e;
  return consumed;
}

size_t ChunkedDecoder::feed(const char* data, size_t len, std::string* out) {
  size_t i = 0;
  while (i < len) {
    char c = data[i];
    switch (state_) {
      case State::Size: {
        int v = -1;
        if (c >= '0' && c <= '9') { v = c - '0'; }
        else if (c >= 'a' && c <= 'f') { v = c - 'a' + 10; }
        else if (c >= 'A' && c <= 'F') { v = c - 'A' + 10; }
        if (v >= 0) {
          if (++sizeDigits_ > 15) { return fail(HttpError::BadRequest, i); }
          remaining_ = remaining_ * 16 + static_cast<uint64_t>(v);
          i++;
          break;
        }
        if (sizeDigits_ == 0) { return fail(HttpError::BadRequest, i); }
        if (c == ';') { state_ = State::SizeExt; i++; break; }
        if (c == '\r') { state_ = State::SizeLf; i++; break; }
        return fail(HttpError::BadRequest, i);  // spaces, signs, "0x": all rejected
      }
      case State::SizeExt:
        // chunk-ext: kept permissive in content but strict in framing (no bare CR/LF, no controls).
        if (c == '\r') { state_ = State::SizeLf; }
        else if (c == '\n' || (static_cast<unsigned char>(c) < 0x20 && c != '\t')) { return fail(HttpError::BadRequest, i); }
        i++;
        break;
      case State::SizeLf:
        if (c != '\n') { return fail(HttpError::BadRequest, i); }
        i++;
        if (total_ + remaining_ > maxBody_) { return fail(HttpError::BodyTooLarge, i); }
        state_ = remaining_ == 0 ? State::Trailer : State::Data;
        break;
      case State::Data: {
        size_t n = len - i;
        if (n > remaining_) { n = static_cast<size_t>(remaining_); }
        out->append(data + i, n);
        i += n;
        remaining_ -= n;
        total_ += n;
        if (remaining_ == 0) { state_ = State::DataCr; }
        break;
      }
      case State::DataCr:
        if (c != '\r') { return fail(HttpError::BadRequest, i); }
        state_ = State::DataLf;
        i++;
        break;
      case State::DataLf:
        if (c != '\n') { return fail(HttpError::BadRequest, i); }
        state_ = State::Size;
        sizeDigits_ = 0;
        i++;
        break;
      case State::Trailer:  // start of a trailer line or the final CRLF
        if (c == '\r') { state_ = State::TrailerLf; i++; break; }
        if (c == ' ' || c == '\t' || c == '\n') { return fail(HttpError::BadRequest, i); }
        state_ = State::TrailerLine;
        break;
      case State::TrailerLf:
        if (c != '\n') { return fail(HttpError::BadRequest, i); }
        state_ = State::Done;
        return i + 1;
      case State::TrailerLine:
        if (++trailerBytes_ > 65536) { return fail(HttpError::HeadersTooLarge, i); }
        if (c == '\r') { state_ = State::TrailerLineLf; }
        else if (c == '\n') { return fail(HttpError::BadRequest, i); }
        i++;
        break;
      case State::TrailerLineLf:
        if (c != '\n') { return fail(HttpError::BadRequest, i); }
        state_ = State::Trailer;
        i++;
        break;
      case State::Done:
      case State::Error:
        return i;
    }
  }
  return i;
}

}  // namespace sluice
