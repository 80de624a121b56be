// The THeader ZLIB transform (transform id 1, notes thrift-wire.md §6): each frame's payload is one whole zlib
// stream (RFC 1950), as Apache's Python and C++ THeader transports write it. Inflating is bounded: a payload that
// would inflate past the caller's limit is refused after at most that many bytes were produced (zlib bombs).
// zlib comes from the node binary's exports (the addon) or Debian's libz (standalone native tests and tools).
#pragma once
#include <cstddef>
#include <cstdint>
#include <string>

namespace sluice::thriftin {

enum class InflateResult : uint8_t {
  Ok,
  Corrupt,   // not one complete zlib stream (bad header, bad data, checksum, truncated, or bytes after its end)
  TooLarge,  // the inflated data would exceed the limit
};

/// Inflates the zlib stream `in` into `out` (replaced), producing at most `maxOut` bytes.
InflateResult zlibInflate(const uint8_t* in, size_t len, size_t maxOut, std::string& out);

/// Appends `in` deflated as one complete zlib stream to `out`. False (out as before) only when zlib fails.
bool zlibDeflate(const uint8_t* in, size_t len, std::string& out);

}  // namespace sluice::thriftin
