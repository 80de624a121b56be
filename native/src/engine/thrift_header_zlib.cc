// Both directions stream through a fixed-size step so neither trusts a length the peer claims: inflate grows
// `out` step by step and stops at the limit; deflate reserves deflateBound once (our own data, already bounded).
#include "engine/thrift_header_zlib.h"

#include <zlib.h>

#include <climits>

namespace sluice::thriftin {
namespace {

constexpr size_t kInflateStep = 64 << 10;  // output grown by at most this much per inflate() call

/// Owns one inflate stream from a successful inflateInit to destruction.
class Inflater {
 public:
  Inflater() { ok_ = inflateInit(&z_) == Z_OK; }
  ~Inflater() {
    if (ok_) { inflateEnd(&z_); }
  }
  Inflater(const Inflater&) = delete;
  Inflater& operator=(const Inflater&) = delete;
  bool ok() const { return ok_; }
  z_stream& z() { return z_; }

 private:
  z_stream z_{};
  bool ok_ = false;
};

/// Owns one deflate stream from a successful deflateInit to destruction.
class Deflater {
 public:
  Deflater() { ok_ = deflateInit(&z_, Z_DEFAULT_COMPRESSION) == Z_OK; }
  ~Deflater() {
    if (ok_) { deflateEnd(&z_); }
  }
  Deflater(const Deflater&) = delete;
  Deflater& operator=(const Deflater&) = delete;
  bool ok() const { return ok_; }
  z_stream& z() { return z_; }

 private:
  z_stream z_{};
  bool ok_ = false;
};

}  // namespace

InflateResult zlibInflate(const uint8_t* in, size_t len, size_t maxOut, std::string& out) {
  out.clear();
  if (len > UINT_MAX) { return InflateResult::TooLarge; }  // avail_in is 32-bit; frames are far smaller
  Inflater inf;
  if (!inf.ok()) { return InflateResult::Corrupt; }
  z_stream& z = inf.z();
  z.next_in = const_cast<Bytef*>(in);  // zlib's API is not const-correct; it never writes the input
  z.avail_in = static_cast<uInt>(len);
  size_t produced = 0;
  for (;;) {
    // One byte past the limit is allowed into the buffer so "exactly maxOut" and "more" can be told apart.
    size_t room = maxOut + 1 - produced;
    size_t step = room < kInflateStep ? room : kInflateStep;
    size_t want = produced + step;
    if (want > out.capacity()) {
      // Grow by doubling, but never past the limit (+1), so a bomb allocates no more. A fresh string is reserved
      // because libstdc++'s reserve on a grown string may round up to twice its old capacity.
      size_t cap = out.capacity() * 2;
      std::string bigger;
      bigger.reserve(cap < want ? want : (cap > maxOut + 1 ? maxOut + 1 : cap));
      bigger.assign(out, 0, produced);
      out.swap(bigger);
    }
    out.resize(want);  // `out` owns the inflated bytes; only [0, produced) is data
    z.next_out = reinterpret_cast<Bytef*>(&out[produced]);
    z.avail_out = static_cast<uInt>(step);
    int rc = inflate(&z, Z_NO_FLUSH);
    produced += step - z.avail_out;
    if (produced > maxOut) {
      out.clear();
      return InflateResult::TooLarge;
    }
    if (rc == Z_STREAM_END) {
      out.resize(produced);
      if (z.avail_in != 0) {  // bytes after the stream: not what a THeader peer writes
        out.clear();
        return InflateResult::Corrupt;
      }
      return InflateResult::Ok;
    }
    // Z_BUF_ERROR with output room left means the input ended before the stream did (truncated).
    if (rc != Z_OK || (z.avail_in == 0 && z.avail_out != 0)) {
      out.clear();
      return InflateResult::Corrupt;
    }
  }
}

bool zlibDeflate(const uint8_t* in, size_t len, std::string& out) {
  if (len > UINT_MAX) { return false; }
  Deflater def;
  if (!def.ok()) { return false; }
  z_stream& z = def.z();
  size_t start = out.size();
  size_t bound = deflateBound(&z, static_cast<uLong>(len));
  out.resize(start + bound);  // `out` owns the room; trimmed to what deflate wrote below
  z.next_in = const_cast<Bytef*>(in);  // never written by zlib
  z.avail_in = static_cast<uInt>(len);
  z.next_out = reinterpret_cast<Bytef*>(&out[start]);
  z.avail_out = static_cast<uInt>(bound);
  int rc = deflate(&z, Z_FINISH);  // deflateBound room always suffices for one Z_FINISH
  if (rc != Z_STREAM_END) {
    out.resize(start);
    return false;
  }
  out.resize(start + (bound - z.avail_out));
  return true;
}

}  // namespace sluice::thriftin
