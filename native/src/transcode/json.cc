// JSON scanning, parsing and formatting primitives (json.h).
#include "transcode/json.h"

#include <charconv>
#include <cmath>
#include <cstring>

namespace sluice::transcode::json {
namespace {

int hexVal(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// Length of the valid UTF-8 sequence at p (1..4), or 0 when invalid (WHATWG: maximal subpart gets one U+FFFD).
size_t utf8Seq(const unsigned char* p, const unsigned char* e, size_t& badLen) {
  unsigned char c = p[0];
  badLen = 1;
  if (c < 0x80) return 1;
  size_t n;
  unsigned char lo = 0x80, hi = 0xbf;
  if (c >= 0xc2 && c <= 0xdf) {
    n = 2;
  } else if (c >= 0xe0 && c <= 0xef) {
    n = 3;
    if (c == 0xe0) lo = 0xa0;
    if (c == 0xed) hi = 0x9f;
  } else if (c >= 0xf0 && c <= 0xf4) {
    n = 4;
    if (c == 0xf0) lo = 0x90;
    if (c == 0xf4) hi = 0x8f;
  } else {
    return 0;
  }
  for (size_t i = 1; i < n; ++i) {
    if (p + i >= e) return 0;
    unsigned char b = p[i];
    if (b < lo || b > hi) return 0;
    lo = 0x80;
    hi = 0xbf;
    badLen = i + 1;
  }
  return n;
}

void putUtf8(std::string& out, uint32_t cp) {
  if (cp < 0x80) {
    out.push_back(static_cast<char>(cp));
  } else if (cp < 0x800) {
    out.push_back(static_cast<char>(0xc0 | (cp >> 6)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3f)));
  } else if (cp < 0x10000) {
    out.push_back(static_cast<char>(0xe0 | (cp >> 12)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3f)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3f)));
  } else {
    out.push_back(static_cast<char>(0xf0 | (cp >> 18)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 12) & 0x3f)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3f)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3f)));
  }
}

const char kB64[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

int b64Val(char c) {
  if (c >= 'A' && c <= 'Z') return c - 'A';
  if (c >= 'a' && c <= 'z') return c - 'a' + 26;
  if (c >= '0' && c <= '9') return c - '0' + 52;
  if (c == '+' || c == '-') return 62;
  if (c == '/' || c == '_') return 63;
  return -1;
}

}  // namespace

const char* scanString(const char* p, const char* e, bool& escaped) {
  escaped = false;
  ++p;  // opening quote
  while (p < e) {
    unsigned char c = static_cast<unsigned char>(*p);
    if (c == '"') {
      return p + 1;
    }
    if (c == '\\') {
      escaped = true;
      if (p + 1 >= e) return nullptr;
      char x = p[1];
      if (x == 'u') {
        if (p + 6 > e) return nullptr;
        for (int i = 2; i < 6; ++i) {
          if (hexVal(p[i]) < 0) return nullptr;
        }
        p += 6;
      } else if (x == '"' || x == '\\' || x == '/' || x == 'b' || x == 'f' || x == 'n' || x == 'r' || x == 't') {
        p += 2;
      } else {
        return nullptr;
      }
      continue;
    }
    if (c < 0x20) {
      return nullptr;
    }
    if (c < 0x80) {
      ++p;
      continue;
    }
    size_t bad;
    size_t n = utf8Seq(reinterpret_cast<const unsigned char*>(p), reinterpret_cast<const unsigned char*>(e), bad);
    if (n == 0) return nullptr;
    p += n;
  }
  return nullptr;
}

void unescapeString(const char* p, const char* q, std::string& out) {
  ++p;
  --q;
  while (p < q) {
    const char* s = p;
    while (p < q && *p != '\\') ++p;
    out.append(s, static_cast<size_t>(p - s));
    if (p >= q) break;
    char x = p[1];
    p += 2;
    switch (x) {
      case 'b': out.push_back('\b'); break;
      case 'f': out.push_back('\f'); break;
      case 'n': out.push_back('\n'); break;
      case 'r': out.push_back('\r'); break;
      case 't': out.push_back('\t'); break;
      case 'u': {
        uint32_t cp = 0;
        for (int i = 0; i < 4; ++i) cp = (cp << 4) | static_cast<uint32_t>(hexVal(p[i]));
        p += 4;
        if (cp >= 0xd800 && cp <= 0xdbff) {
          if (p + 6 <= q && p[0] == '\\' && p[1] == 'u') {
            uint32_t lo = 0;
            bool ok = true;
            for (int i = 2; i < 6; ++i) {
              int h = hexVal(p[i]);
              if (h < 0) ok = false;
              lo = (lo << 4) | static_cast<uint32_t>(h < 0 ? 0 : h);
            }
            if (ok && lo >= 0xdc00 && lo <= 0xdfff) {
              p += 6;
              putUtf8(out, 0x10000 + ((cp - 0xd800) << 10) + (lo - 0xdc00));
              break;
            }
          }
          cp = 0xfffd;
        } else if (cp >= 0xdc00 && cp <= 0xdfff) {
          cp = 0xfffd;
        }
        putUtf8(out, cp);
        break;
      }
      default: out.push_back(x); break;  // " \ /
    }
  }
}

const char* scanNumber(const char* p, const char* e, bool& integral) {
  integral = true;
  if (p < e && *p == '-') ++p;
  if (p >= e) return nullptr;
  if (*p == '0') {
    ++p;
  } else if (*p >= '1' && *p <= '9') {
    while (p < e && *p >= '0' && *p <= '9') ++p;
  } else {
    return nullptr;
  }
  if (p < e && *p == '.') {
    integral = false;
    ++p;
    if (p >= e || *p < '0' || *p > '9') return nullptr;
    while (p < e && *p >= '0' && *p <= '9') ++p;
  }
  if (p < e && (*p == 'e' || *p == 'E')) {
    integral = false;
    ++p;
    if (p < e && (*p == '+' || *p == '-')) ++p;
    if (p >= e || *p < '0' || *p > '9') return nullptr;
    while (p < e && *p >= '0' && *p <= '9') ++p;
  }
  return p;
}

const char* scanValue(const char* p, const char* e, int depth) {
  if (p >= e) return nullptr;
  switch (*p) {
    case '"': {
      bool esc;
      return scanString(p, e, esc);
    }
    case '{': {
      if (depth >= kMaxDepth) return nullptr;
      p = skipWs(p + 1, e);
      if (p < e && *p == '}') return p + 1;
      for (;;) {
        if (p >= e || *p != '"') return nullptr;
        bool esc;
        p = scanString(p, e, esc);
        if (!p) return nullptr;
        p = skipWs(p, e);
        if (p >= e || *p != ':') return nullptr;
        p = skipWs(p + 1, e);
        p = scanValue(p, e, depth + 1);
        if (!p) return nullptr;
        p = skipWs(p, e);
        if (p >= e) return nullptr;
        if (*p == '}') return p + 1;
        if (*p != ',') return nullptr;
        p = skipWs(p + 1, e);
      }
    }
    case '[': {
      if (depth >= kMaxDepth) return nullptr;
      p = skipWs(p + 1, e);
      if (p < e && *p == ']') return p + 1;
      for (;;) {
        p = scanValue(p, e, depth + 1);
        if (!p) return nullptr;
        p = skipWs(p, e);
        if (p >= e) return nullptr;
        if (*p == ']') return p + 1;
        if (*p != ',') return nullptr;
        p = skipWs(p + 1, e);
      }
    }
    case 't': return (e - p >= 4 && std::memcmp(p, "true", 4) == 0) ? p + 4 : nullptr;
    case 'f': return (e - p >= 5 && std::memcmp(p, "false", 5) == 0) ? p + 5 : nullptr;
    case 'n': return (e - p >= 4 && std::memcmp(p, "null", 4) == 0) ? p + 4 : nullptr;
    default: {
      bool integral;
      return scanNumber(p, e, integral);
    }
  }
}

bool parseInt64(std::string_view s, int64_t& v) {
  if (s.empty()) return false;
  size_t i = s[0] == '-' ? 1 : 0;
  if (i == s.size()) return false;
  for (size_t j = i; j < s.size(); ++j) {
    if (s[j] < '0' || s[j] > '9') return false;
  }
  auto r = std::from_chars(s.data(), s.data() + s.size(), v);
  return r.ec == std::errc() && r.ptr == s.data() + s.size();
}

IntText integerFromText(std::string_view s, int64_t& v) {
  if (parseInt64(s, v)) return IntText::Ok;
  // ^(-?)(\d+)(?:\.(\d+))?(?:[eE]([+-]?\d+))?$ (leading zeros allowed)
  size_t i = 0;
  bool neg = false;
  if (i < s.size() && s[i] == '-') {
    neg = true;
    ++i;
  }
  std::string digits;
  size_t start = i;
  while (i < s.size() && s[i] >= '0' && s[i] <= '9') digits.push_back(s[i++]);
  if (i == start) return IntText::Syntax;
  long exp = 0;
  if (i < s.size() && s[i] == '.') {
    ++i;
    size_t fs = i;
    while (i < s.size() && s[i] >= '0' && s[i] <= '9') digits.push_back(s[i++]);
    if (i == fs) return IntText::Syntax;
    exp -= static_cast<long>(i - fs);
  }
  if (i < s.size() && (s[i] == 'e' || s[i] == 'E')) {
    ++i;
    bool eneg = false;
    if (i < s.size() && (s[i] == '+' || s[i] == '-')) eneg = s[i++] == '-';
    size_t es = i;
    long e = 0;
    while (i < s.size() && s[i] >= '0' && s[i] <= '9') {
      if (e < 100000) e = e * 10 + (s[i] - '0');
      ++i;
    }
    if (i == es) return IntText::Syntax;
    exp += eneg ? -e : e;
  }
  if (i != s.size()) return IntText::Syntax;
  if (digits.empty() && i == start) return IntText::Syntax;
  while (exp < 0 && digits.size() > 1 && digits.back() == '0') {
    digits.pop_back();
    ++exp;
  }
  size_t nz = digits.find_first_not_of('0');
  if (nz == std::string::npos) {
    v = 0;
    return IntText::Ok;
  }
  if (exp < 0) return IntText::Fraction;
  digits.erase(0, nz);
  if (exp > 40 || digits.size() + static_cast<size_t>(exp) > 19) return IntText::Range;
  digits.append(static_cast<size_t>(exp), '0');
  if (neg) digits.insert(digits.begin(), '-');
  return parseInt64(digits, v) ? IntText::Ok : IntText::Range;
}

bool parseDouble(std::string_view s, double& v) {
  bool integral;
  const char* e = s.data() + s.size();
  if (s.empty() || scanNumber(s.data(), e, integral) != e) return false;
  auto r = std::from_chars(s.data(), e, v);
  // from_chars reports out-of-range for overflow/underflow; JSON.parse gives ±Infinity / 0 there.
  if (r.ec == std::errc::result_out_of_range) {
    v = std::strtod(std::string(s).c_str(), nullptr);
    return true;
  }
  return r.ec == std::errc() && r.ptr == e;
}

bool parseSpecialDouble(std::string_view s, double& v) {
  if (s == "NaN") {
    v = std::nan("");
  } else if (s == "Infinity") {
    v = HUGE_VAL;
  } else if (s == "-Infinity") {
    v = -HUGE_VAL;
  } else {
    return false;
  }
  return true;
}

bool validUtf8(const char* p, size_t n) {
  const unsigned char* u = reinterpret_cast<const unsigned char*>(p);
  const unsigned char* e = u + n;
  while (u < e) {
    if (*u < 0x80) {
      ++u;
      continue;
    }
    size_t bad;
    size_t k = utf8Seq(u, e, bad);
    if (k == 0) return false;
    u += k;
  }
  return true;
}

void writeString(std::string& out, const char* p, size_t n) {
  static const char kHex[] = "0123456789abcdef";
  out.push_back('"');
  const unsigned char* u = reinterpret_cast<const unsigned char*>(p);
  const unsigned char* e = u + n;
  while (u < e) {
    const unsigned char* s = u;
    while (u < e && *u >= 0x20 && *u < 0x80 && *u != '"' && *u != '\\') ++u;
    out.append(reinterpret_cast<const char*>(s), static_cast<size_t>(u - s));
    if (u >= e) break;
    unsigned char c = *u;
    if (c >= 0x80) {
      size_t bad;
      size_t k = utf8Seq(u, e, bad);
      if (k == 0) {
        out.append("\xef\xbf\xbd");
        u += bad;
      } else {
        out.append(reinterpret_cast<const char*>(u), k);
        u += k;
      }
      continue;
    }
    ++u;
    switch (c) {
      case '"': out.append("\\\""); break;
      case '\\': out.append("\\\\"); break;
      case '\b': out.append("\\b"); break;
      case '\f': out.append("\\f"); break;
      case '\n': out.append("\\n"); break;
      case '\r': out.append("\\r"); break;
      case '\t': out.append("\\t"); break;
      default: {
        char b[6] = {'\\', 'u', '0', '0', kHex[c >> 4], kHex[c & 15]};
        out.append(b, 6);
      }
    }
  }
  out.push_back('"');
}

void writeFiniteDouble(std::string& out, double d) {
  char buf[40];
  auto r = std::to_chars(buf, buf + sizeof buf, d, std::chars_format::scientific);
  // buf: [-]d[.ddd]e±XX
  const char* p = buf;
  const char* end = r.ptr;
  bool neg = *p == '-';
  if (neg) ++p;
  char digits[20];
  int k = 0;
  while (p < end && *p != 'e') {
    if (*p != '.') digits[k++] = *p;
    ++p;
  }
  int exp = 0;
  std::from_chars(p + 1 + (p[1] == '+' ? 1 : 0), end, exp);
  int n = exp + 1;  // ECMAScript Number::toString's n
  if (neg) out.push_back('-');
  if (k <= n && n <= 21) {
    out.append(digits, static_cast<size_t>(k));
    out.append(static_cast<size_t>(n - k), '0');
  } else if (0 < n && n <= 21) {
    out.append(digits, static_cast<size_t>(n));
    out.push_back('.');
    out.append(digits + n, static_cast<size_t>(k - n));
  } else if (-6 < n && n <= 0) {
    out.append("0.");
    out.append(static_cast<size_t>(-n), '0');
    out.append(digits, static_cast<size_t>(k));
  } else {
    out.push_back(digits[0]);
    if (k > 1) {
      out.push_back('.');
      out.append(digits + 1, static_cast<size_t>(k - 1));
    }
    out.push_back('e');
    int e1 = n - 1;
    out.push_back(e1 < 0 ? '-' : '+');
    out.append(std::to_string(e1 < 0 ? -e1 : e1));
  }
}

void writeBase64(std::string& out, const uint8_t* p, size_t n) {
  size_t i = 0;
  for (; i + 3 <= n; i += 3) {
    uint32_t v = (uint32_t{p[i]} << 16) | (uint32_t{p[i + 1]} << 8) | p[i + 2];
    char b[4] = {kB64[v >> 18], kB64[(v >> 12) & 63], kB64[(v >> 6) & 63], kB64[v & 63]};
    out.append(b, 4);
  }
  if (n - i == 1) {
    uint32_t v = uint32_t{p[i]} << 16;
    char b[4] = {kB64[v >> 18], kB64[(v >> 12) & 63], '=', '='};
    out.append(b, 4);
  } else if (n - i == 2) {
    uint32_t v = (uint32_t{p[i]} << 16) | (uint32_t{p[i + 1]} << 8);
    char b[4] = {kB64[v >> 18], kB64[(v >> 12) & 63], kB64[(v >> 6) & 63], '='};
    out.append(b, 4);
  }
}

bool decodeBase64(std::string_view in, std::string& out) {
  size_t n = in.size();
  size_t pad = 0;
  while (n > 0 && in[n - 1] == '=' && pad < 2) {
    --n;
    ++pad;
  }
  if (pad > 0 && (n + pad) % 4 != 0) return false;
  if (n % 4 == 1) return false;
  uint32_t acc = 0;
  int bits = 0;
  for (size_t i = 0; i < n; ++i) {
    int v = b64Val(in[i]);
    if (v < 0) return false;
    acc = (acc << 6) | static_cast<uint32_t>(v);
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out.push_back(static_cast<char>((acc >> bits) & 0xff));
    }
  }
  return true;
}

}  // namespace sluice::transcode::json
