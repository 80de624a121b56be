// Binary and compact protocol readers over a caller's byte range. Every read is bounds-checked; the first
// failure latches `failed()` and later reads return zero values, so callers check once per struct. Running out
// of bytes is recorded separately (`truncated()`) so stream scanners can ask for more instead of failing.
// Type ids returned are binary-protocol ids (compact ids are mapped back).
#pragma once

#include <cstdint>
#include <cstring>
#include <string_view>

#include "sluice/thrift_wire.h"
#include "thrift/writer.h"

namespace sluice::thrift {

/** State shared by both readers. `p_`/`end_` point into the caller's buffer (not owned). */
class ReaderBase {
 public:
  ReaderBase(const uint8_t* p, size_t n) : begin_(p), p_(p), end_(p + n) {}
  bool failed() const { return failed_; }
  bool truncated() const { return truncated_; }
  size_t position() const { return static_cast<size_t>(p_ - begin_); }
  size_t remaining() const { return static_cast<size_t>(end_ - p_); }
  const uint8_t* cursor() const { return p_; }
  void fail() { failed_ = true; }

 protected:
  bool need(size_t n) {
    if (failed_) {
      return false;
    }
    if (static_cast<size_t>(end_ - p_) < n) {
      failed_ = true;
      truncated_ = true;
      return false;
    }
    return true;
  }
  const uint8_t* begin_;
  const uint8_t* p_;
  const uint8_t* end_;
  bool failed_ = false;
  bool truncated_ = false;
};

/** Whether `t` is a binary-protocol type id a value can have (not STOP, not the unused 1, 5, 7, 9). */
inline bool isValueType(uint8_t t) {
  return t == ttype::Bool || t == ttype::I8 || t == ttype::Double || t == ttype::I16 || t == ttype::I32 ||
         t == ttype::I64 || t == ttype::String || t == ttype::Struct || t == ttype::Map || t == ttype::Set ||
         t == ttype::List || t == ttype::Uuid;
}

class BinaryReader : public ReaderBase {
 public:
  static constexpr bool kCompact = false;
  using ReaderBase::ReaderBase;

  void structBegin() {}
  void structEnd() {}
  /** Reads a field header; returns the type (Stop at the end). */
  uint8_t fieldBegin(int16_t& id) {
    if (!need(1)) {
      return ttype::Stop;
    }
    uint8_t t = *p_++;
    if (t == ttype::Stop) {
      return t;
    }
    id = i16();
    return t;
  }
  bool boolField() { return boolValue(); }
  bool boolValue() { return need(1) ? *p_++ != 0 : false; }
  int8_t i8() { return need(1) ? static_cast<int8_t>(*p_++) : 0; }
  int16_t i16() {
    if (!need(2)) {
      return 0;
    }
    int16_t v = static_cast<int16_t>((p_[0] << 8) | p_[1]);
    p_ += 2;
    return v;
  }
  int32_t i32() {
    if (!need(4)) {
      return 0;
    }
    uint32_t v = (uint32_t{p_[0]} << 24) | (uint32_t{p_[1]} << 16) | (uint32_t{p_[2]} << 8) | p_[3];
    p_ += 4;
    return static_cast<int32_t>(v);
  }
  int64_t i64() {
    if (!need(8)) {
      return 0;
    }
    uint64_t v = 0;
    for (int i = 0; i < 8; ++i) {
      v = (v << 8) | p_[i];
    }
    p_ += 8;
    return static_cast<int64_t>(v);
  }
  double dbl() {
    uint64_t u = static_cast<uint64_t>(i64());
    double d;
    std::memcpy(&d, &u, 8);
    return d;
  }
  /** Length-prefixed bytes; the view points into the input buffer. */
  std::string_view bytes() {
    int32_t n = i32();
    if (failed_) {
      return {};
    }
    if (n < 0) {
      failed_ = true;
      return {};
    }
    if (!need(static_cast<size_t>(n))) {
      return {};
    }
    std::string_view v(reinterpret_cast<const char*>(p_), static_cast<size_t>(n));
    p_ += n;
    return v;
  }
  const uint8_t* uuid() {
    if (!need(16)) {
      return nullptr;
    }
    const uint8_t* r = p_;
    p_ += 16;
    return r;
  }
  // Element types are checked even for empty containers, as src/thrift/protocol does: both sides must agree.
  uint32_t listBegin(uint8_t& elemType) {
    elemType = static_cast<uint8_t>(i8());
    if (!failed_ && !isValueType(elemType)) { failed_ = true; }
    return containerSize();
  }
  uint32_t mapBegin(uint8_t& keyType, uint8_t& valueType) {
    keyType = static_cast<uint8_t>(i8());
    valueType = static_cast<uint8_t>(i8());
    if (!failed_ && (!isValueType(keyType) || !isValueType(valueType))) { failed_ = true; }
    return containerSize();
  }

 private:
  // Sizes are not trusted further: every element consumes at least one byte, so reads stay bounded by the input.
  uint32_t containerSize() {
    int32_t n = i32();
    if (failed_) {
      return 0;
    }
    if (n < 0) {
      failed_ = true;
      return 0;
    }
    return static_cast<uint32_t>(n);
  }
};

class CompactReader : public ReaderBase {
 public:
  static constexpr bool kCompact = true;
  CompactReader(const uint8_t* p, size_t n) : ReaderBase(p, n) {}

  void structBegin() {
    if (depth_ < kStack) {
      stack_[depth_] = last_;
    }
    ++depth_;
    last_ = 0;
  }
  void structEnd() {
    --depth_;
    last_ = (depth_ >= 0 && depth_ < kStack) ? stack_[depth_] : 0;
  }
  uint8_t fieldBegin(int16_t& id) {
    if (!need(1)) {
      return ttype::Stop;
    }
    uint8_t b = *p_++;
    uint8_t ct = b & 0x0f;
    if (ct == 0) {
      // Only a whole 0x00 byte is STOP; type 0 with a field-id delta is malformed (src/thrift/protocol agrees).
      if (b != 0) { failed_ = true; }
      return ttype::Stop;
    }
    uint8_t delta = b >> 4;
    if (delta != 0) {
      id = static_cast<int16_t>(last_ + delta);
    } else {
      id = i16();
    }
    last_ = id;
    pendingBool_ = ct;
    uint8_t t = fromCompact(ct);
    if (t == 0xff) {
      failed_ = true;
      return ttype::Stop;
    }
    return t;
  }
  /** The value of a bool field lives in its header's type nibble. */
  bool boolField() { return pendingBool_ == 1; }
  bool boolValue() { return need(1) ? *p_++ == 1 : false; }
  int8_t i8() { return need(1) ? static_cast<int8_t>(*p_++) : 0; }
  int16_t i16() {
    uint64_t u = varint(3);
    int64_t v = unzigzag(u);
    if (v < INT16_MIN || v > INT16_MAX) {
      failed_ = true;
      return 0;
    }
    return static_cast<int16_t>(v);
  }
  int32_t i32() {
    uint64_t u = varint(5);
    int64_t v = unzigzag(u);
    if (v < INT32_MIN || v > INT32_MAX) {
      failed_ = true;
      return 0;
    }
    return static_cast<int32_t>(v);
  }
  int64_t i64() { return unzigzag(varint(10)); }
  double dbl() {
    if (!need(8)) {
      return 0;
    }
    uint64_t u = 0;
    for (int i = 7; i >= 0; --i) {
      u = (u << 8) | p_[i];
    }
    p_ += 8;
    double d;
    std::memcpy(&d, &u, 8);
    return d;
  }
  std::string_view bytes() {
    uint64_t n = varint(5);
    if (failed_) {
      return {};
    }
    if (n > 0x7fffffff) {
      failed_ = true;
      return {};
    }
    if (!need(static_cast<size_t>(n))) {
      return {};
    }
    std::string_view v(reinterpret_cast<const char*>(p_), static_cast<size_t>(n));
    p_ += n;
    return v;
  }
  const uint8_t* uuid() {
    if (!need(16)) {
      return nullptr;
    }
    const uint8_t* r = p_;
    p_ += 16;
    return r;
  }
  uint32_t listBegin(uint8_t& elemType) {
    if (!need(1)) {
      return 0;
    }
    uint8_t b = *p_++;
    uint8_t ct = b & 0x0f;
    // Bool elements: everyone writes 1, old writers 2 (thrift-wire §2).
    elemType = (ct == 2) ? ttype::Bool : fromCompact(ct);
    if (elemType == 0xff || ct == 0) {
      failed_ = true;
      return 0;
    }
    uint64_t n = b >> 4;
    if (n == 15) {
      n = varint(5);
    }
    return checkedSize(n);
  }
  uint32_t mapBegin(uint8_t& keyType, uint8_t& valueType) {
    uint64_t n = varint(5);
    if (failed_) {
      return 0;
    }
    if (n == 0) {
      keyType = valueType = ttype::Stop;
      return 0;
    }
    if (!need(1)) {
      return 0;
    }
    uint8_t kv = *p_++;
    uint8_t kc = kv >> 4, vc = kv & 0x0f;
    keyType = kc == 2 ? ttype::Bool : fromCompact(kc);
    valueType = vc == 2 ? ttype::Bool : fromCompact(vc);
    if (keyType == 0xff || valueType == 0xff || kc == 0 || vc == 0) {
      failed_ = true;
      return 0;
    }
    return checkedSize(n);
  }
  uint64_t varint(int maxBytes) {
    uint64_t v = 0;
    for (int i = 0, shift = 0; i < maxBytes; ++i, shift += 7) {
      if (!need(1)) {
        return 0;
      }
      uint8_t b = *p_++;
      v |= static_cast<uint64_t>(b & 0x7f) << shift;
      if ((b & 0x80) == 0) {
        return v;
      }
    }
    failed_ = true;  // over-long varint
    return 0;
  }

  /** Compact id → binary id; 0xff for unknown ids. Field type nibble 2 (FALSE) is a bool too. */
  static uint8_t fromCompact(uint8_t ct) {
    switch (ct) {
      case 1:
      case 2: return ttype::Bool;
      case 3: return ttype::I8;
      case 4: return ttype::I16;
      case 5: return ttype::I32;
      case 6: return ttype::I64;
      case 7: return ttype::Double;
      case 8: return ttype::String;
      case 9: return ttype::List;
      case 10: return ttype::Set;
      case 11: return ttype::Map;
      case 12: return ttype::Struct;
      case 13: return ttype::Uuid;
      default: return 0xff;
    }
  }

 private:
  static int64_t unzigzag(uint64_t u) { return static_cast<int64_t>((u >> 1) ^ (~(u & 1) + 1)); }
  uint32_t checkedSize(uint64_t n) {
    if (failed_) {
      return 0;
    }
    if (n > 0x7fffffff) {
      failed_ = true;
      return 0;
    }
    return static_cast<uint32_t>(n);
  }
  static constexpr int kStack = 72;
  int16_t last_ = 0;
  int depth_ = 0;
  int16_t stack_[kStack] = {};
  uint8_t pendingBool_ = 0;
};

/**
 * Skips one value of type `t` (binary id), depth-limited. Container sizes are not trusted: each element must
 * consume bytes, so a huge size with little input fails as truncated instead of looping.
 * @return false on failure (reader.failed() is set; truncated() tells whether more input could help).
 */
template <class Reader>
bool skip(Reader& r, uint8_t t, int depth) {
  if (depth > kMaxDepth) {
    r.fail();
    return false;
  }
  switch (t) {
    case ttype::Bool: r.boolValue(); break;
    case ttype::I8: r.i8(); break;
    case ttype::I16: r.i16(); break;
    case ttype::I32: r.i32(); break;
    case ttype::I64: r.i64(); break;
    case ttype::Double: r.dbl(); break;
    case ttype::String: r.bytes(); break;
    case ttype::Uuid: r.uuid(); break;
    case ttype::Struct: {
      r.structBegin();
      for (;;) {
        int16_t id = 0;
        uint8_t ft = r.fieldBegin(id);
        if (r.failed()) {
          return false;
        }
        if (ft == ttype::Stop) {
          break;
        }
        if (ft == ttype::Bool && Reader::kCompact) {
          r.boolField();  // value is in the header
          continue;
        }
        if (!skip(r, ft, depth + 1)) {
          return false;
        }
      }
      r.structEnd();
      break;
    }
    case ttype::List:
    case ttype::Set: {
      uint8_t et = 0;
      uint32_t n = r.listBegin(et);
      for (uint32_t i = 0; i < n && !r.failed(); ++i) {
        if (!skip(r, et, depth + 1)) {
          return false;
        }
      }
      break;
    }
    case ttype::Map: {
      uint8_t kt = 0, vt = 0;
      uint32_t n = r.mapBegin(kt, vt);
      for (uint32_t i = 0; i < n && !r.failed(); ++i) {
        if (!skip(r, kt, depth + 1) || !skip(r, vt, depth + 1)) {
          return false;
        }
      }
      break;
    }
    default: r.fail(); return false;
  }
  return !r.failed();
}

}  // namespace sluice::thrift
