// Little-endian reader for the blobs TypeScript compiles for the engine (plans, the snapshot's pseudonymization
// section): the first short read latches bad(), and counts are checked against the bytes left.
#pragma once
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

namespace sluice::transcode {

class BlobReader {
 public:
  BlobReader(const uint8_t* p, size_t n) : start_(p), p_(p), end_(p + n) {}
  bool bad() const { return bad_; }
  /// Bytes read so far.
  size_t used() const { return static_cast<size_t>(p_ - start_); }
  bool atEnd() const { return p_ == end_; }
  uint8_t u8() { return need(1) ? *p_++ : 0; }
  uint16_t u16() {
    if (!need(2)) return 0;
    uint16_t v = static_cast<uint16_t>(p_[0] | (p_[1] << 8));
    p_ += 2;
    return v;
  }
  uint32_t u32() {
    if (!need(4)) return 0;
    uint32_t v = uint32_t{p_[0]} | (uint32_t{p_[1]} << 8) | (uint32_t{p_[2]} << 16) | (uint32_t{p_[3]} << 24);
    p_ += 4;
    return v;
  }
  uint64_t u64() {
    uint64_t lo = u32();
    uint64_t hi = u32();
    return hi << 32 | lo;
  }
  std::string str() {
    uint32_t n = u32();
    if (!need(n)) return {};
    std::string s(reinterpret_cast<const char*>(p_), n);
    p_ += n;
    return s;
  }
  /// Length-prefixed bytes straight into the vector that will own them (key material: no string copy to wipe).
  std::vector<uint8_t> bytes() {
    uint32_t n = u32();
    if (!need(n)) return {};
    std::vector<uint8_t> v(p_, p_ + n);
    p_ += n;
    return v;
  }
  /// Where the next read starts and how many bytes are left (for a section another decoder reads).
  const uint8_t* pos() const { return p_; }
  size_t left() const { return static_cast<size_t>(end_ - p_); }
  /// Steps over n bytes another decoder consumed; past the end latches bad().
  void skip(size_t n) {
    if (need(n)) { p_ += n; }
  }
  /** A count that must be plausible for the bytes left (each item takes at least `minBytes`). */
  uint32_t count(size_t minBytes) {
    uint32_t n = u32();
    if (!bad_ && static_cast<size_t>(end_ - p_) / minBytes < n) {
      bad_ = true;
      return 0;
    }
    return n;
  }

 private:
  bool need(size_t n) {
    if (bad_ || static_cast<size_t>(end_ - p_) < n) {
      bad_ = true;
      return false;
    }
    return true;
  }
  const uint8_t* start_;
  const uint8_t* p_;
  const uint8_t* end_;
  bool bad_ = false;
};

}  // namespace sluice::transcode
