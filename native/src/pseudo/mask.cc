// Masking over UTF-8 code points, mirroring src/pseudo/mask.ts.
#include <algorithm>

#include "sluice/pseudo_primitives.h"

namespace sluice::pseudo {

std::vector<uint32_t> utf8Decode(std::string_view s) {
  std::vector<uint32_t> out;
  out.reserve(s.size());
  size_t i = 0;
  while (i < s.size()) {
    auto c = static_cast<uint8_t>(s[i]);
    size_t extra = c < 0x80 ? 0 : (c >> 5) == 0x6 ? 1 : (c >> 4) == 0xe ? 2 : (c >> 3) == 0x1e ? 3 : 4;
    bool valid = extra < 4 && s.size() - i > extra;
    uint32_t cp = extra == 0 ? c : extra == 1 ? (c & 0x1fu) : extra == 2 ? (c & 0x0fu) : (c & 0x07u);
    for (size_t k = 1; valid && k <= extra; k++) {
      auto cc = static_cast<uint8_t>(s[i + k]);
      valid = (cc & 0xc0) == 0x80;
      cp = (cp << 6) | (cc & 0x3fu);
    }
    if (!valid) {
      out.push_back(0xfffd0000u | c);  // an invalid byte stands for itself, tagged outside Unicode
      i += 1;
      continue;
    }
    out.push_back(cp);
    i += extra + 1;
  }
  return out;
}

void utf8Append(uint32_t cp, std::string& out) {
  if ((cp & 0xffff0000u) == 0xfffd0000u) {
    out.push_back(static_cast<char>(cp & 0xffu));
  } else if (cp < 0x80) {
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

std::string mask(std::string_view value, const MaskOptions& opts) {
  std::vector<uint32_t> chars = utf8Decode(value);
  std::vector<uint32_t> skip = utf8Decode(opts.skip);
  auto skipped = [&](uint32_t c) { return std::find(skip.begin(), skip.end(), c) != skip.end(); };
  size_t countable = 0;
  for (uint32_t c : chars) {
    countable += skipped(c) ? 0 : 1;
  }
  bool revealAny = countable > static_cast<size_t>(opts.keepFirst) + opts.keepLast;
  std::string out;
  out.reserve(value.size());
  size_t seen = 0;
  for (uint32_t c : chars) {
    if (skipped(c)) {
      utf8Append(c, out);
      continue;
    }
    size_t pos = seen++;
    bool keep = revealAny && (pos < opts.keepFirst || pos + opts.keepLast >= countable);
    if (keep) {
      utf8Append(c, out);
    } else {
      out += opts.maskChar;
    }
  }
  return out;
}

}  // namespace sluice::pseudo
