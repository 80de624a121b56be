// JSON text helpers for the transcoder: a validating scanner (no tree is built), string unescaping, number
// parsing, and the output side (string escaping as JSON.stringify does it, JS shortest doubles, base64).
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace sluice::transcode::json {

/** Nesting limit for JSON input (arrays + objects), the same as Thrift's. */
constexpr int kMaxDepth = 64;

inline const char* skipWs(const char* p, const char* e) {
  while (p < e && (*p == ' ' || *p == '\n' || *p == '\r' || *p == '\t')) {
    ++p;
  }
  return p;
}

/** Validates one JSON value at `p` (no leading whitespace). @return one past its end, or nullptr if malformed. */
const char* scanValue(const char* p, const char* e, int depth);

/** Validates a string at `p` (which must be `"`), including UTF-8. @return one past the closing quote or nullptr.
 * `escaped` tells whether the contents hold backslash escapes. */
const char* scanString(const char* p, const char* e, bool& escaped);

/** End of an already-validated string token at `p` (one past the closing quote); `escaped` as for scanString. */
inline const char* stringEnd(const char* p, const char* e, bool& escaped) {
  escaped = false;
  ++p;
  while (p < e) {
    char c = *p;
    if (c == '"') return p + 1;
    if (c == '\\') {
      escaped = true;
      p += 2;
      continue;
    }
    ++p;
  }
  return e;
}

/** Contents of an already-validated string token [p, q) (quotes included): appended to `out` unescaped, lone
 * surrogates as U+FFFD (what encoding a JS string to UTF-8 does). */
void unescapeString(const char* p, const char* q, std::string& out);

/** Validates a JSON number at `p`. @return one past it or nullptr. `integral` = no fraction and no exponent. */
const char* scanNumber(const char* p, const char* e, bool& integral);

/** `^-?[0-9]+$` within int64 range. */
bool parseInt64(std::string_view s, int64_t& v);

enum class IntText : uint8_t { Ok, Fraction, Syntax, Range };
/** The integer that number text denotes (`12`, `-3`, `1e3`, `2.0`, `007`; src/json/numbers.ts integerFromText):
 * Ok with `v`, Fraction, Syntax (not number text), or Range (beyond int64). */
IntText integerFromText(std::string_view s, int64_t& v);

/** A JSON number (strict syntax), correctly rounded. */
bool parseDouble(std::string_view s, double& v);

/** "NaN", "Infinity", "-Infinity". */
bool parseSpecialDouble(std::string_view s, double& v);

/** Whole-string UTF-8 validity (no surrogates, no overlongs). */
bool validUtf8(const char* p, size_t n);

/** Appends `"…"`: escapes like JSON.stringify; invalid UTF-8 becomes U+FFFD (WHATWG decoder rules). */
void writeString(std::string& out, const char* p, size_t n);

/** Appends the JS Number#toString form (shortest round-trip); callers handle NaN/Infinity/-0 first. */
void writeFiniteDouble(std::string& out, double d);

/** Appends standard padded base64. */
void writeBase64(std::string& out, const uint8_t* p, size_t n);

/** Decodes base64 or base64url, padded or not. @return false on any other character or bad length/padding. */
bool decodeBase64(std::string_view in, std::string& out);

}  // namespace sluice::transcode::json
