// Binary and compact protocol writers appending to a caller's std::string. Header-only so the transcoder's
// templates inline them. Type ids passed in are binary-protocol ids (thrift-wire.md §1); the compact writer maps
// them. Neither writer validates: callers write only what the plan allows.
#pragma once

#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>

namespace sluice::thrift {

/** Binary-protocol type ids (also the plan's wire type ids). */
namespace ttype {
constexpr uint8_t Stop = 0, Bool = 2, I8 = 3, Double = 4, I16 = 6, I32 = 8, I64 = 10, String = 11, Struct = 12,
                  Map = 13, Set = 14, List = 15, Uuid = 16;
}

/** Appends one byte; the writers' only growth path. */
inline void putByte(std::string& out, uint8_t b) { out.push_back(static_cast<char>(b)); }

inline void putBe32(std::string& out, uint32_t v) {
  char b[4] = {static_cast<char>(v >> 24), static_cast<char>(v >> 16), static_cast<char>(v >> 8), static_cast<char>(v)};
  out.append(b, 4);
}

inline void putVarint(std::string& out, uint64_t v) {
  char b[10];
  int n = 0;
  while (v >= 0x80) {
    b[n++] = static_cast<char>((v & 0x7f) | 0x80);
    v >>= 7;
  }
  b[n++] = static_cast<char>(v);
  out.append(b, static_cast<size_t>(n));
}

inline size_t varintSize(uint64_t v) {
  size_t n = 1;
  while (v >= 0x80) {
    v >>= 7;
    ++n;
  }
  return n;
}

inline uint64_t zigzag64(int64_t v) { return (static_cast<uint64_t>(v) << 1) ^ static_cast<uint64_t>(v >> 63); }

/** Strict binary protocol writer. `out_` is not owned: the caller's buffer outlives the writer. */
class BinaryWriter {
 public:
  static constexpr bool kCompact = false;
  explicit BinaryWriter(std::string& out) : out_(out) {}
  std::string& out() { return out_; }

  void structBegin() {}
  void structEnd() { putByte(out_, ttype::Stop); }
  void fieldHeader(uint8_t type, int16_t id) {
    char b[3] = {static_cast<char>(type), static_cast<char>(static_cast<uint16_t>(id) >> 8), static_cast<char>(id)};
    out_.append(b, 3);
  }
  /** Bool fields: the value is written by the caller with boolValue (binary keeps it out of the header). */
  void boolField(int16_t id, bool v) {
    fieldHeader(ttype::Bool, id);
    putByte(out_, v ? 1 : 0);
  }
  void boolValue(bool v) { putByte(out_, v ? 1 : 0); }
  void i8(int8_t v) { putByte(out_, static_cast<uint8_t>(v)); }
  void i16(int16_t v) {
    char b[2] = {static_cast<char>(static_cast<uint16_t>(v) >> 8), static_cast<char>(v)};
    out_.append(b, 2);
  }
  void i32(int32_t v) { putBe32(out_, static_cast<uint32_t>(v)); }
  void i64(int64_t v) {
    uint64_t u = static_cast<uint64_t>(v);
    char b[8];
    for (int i = 7; i >= 0; --i) {
      b[i] = static_cast<char>(u);
      u >>= 8;
    }
    out_.append(b, 8);
  }
  void dbl(double d) {
    uint64_t u;
    std::memcpy(&u, &d, 8);
    i64(static_cast<int64_t>(u));
  }
  void bytes(const void* p, size_t n) {
    putBe32(out_, static_cast<uint32_t>(n));
    out_.append(static_cast<const char*>(p), n);
  }
  /** Length prefix for a value whose bytes the caller appends itself. */
  void bytesLength(size_t n) { putBe32(out_, static_cast<uint32_t>(n)); }
  void uuid(const uint8_t* p16) { out_.append(reinterpret_cast<const char*>(p16), 16); }

  /** Containers whose size is known only after the elements: reserve, write elements, then finish. */
  size_t listBeginDeferred() {
    size_t at = out_.size();
    out_.append(5, '\0');
    return at;
  }
  void listEndDeferred(size_t at, uint8_t elemType, uint32_t n) {
    out_[at] = static_cast<char>(elemType);
    writeBe32At(at + 1, n);
  }
  size_t mapBeginDeferred() {
    size_t at = out_.size();
    out_.append(6, '\0');
    return at;
  }
  void mapEndDeferred(size_t at, uint8_t keyType, uint8_t valueType, uint32_t n) {
    out_[at] = static_cast<char>(keyType);
    out_[at + 1] = static_cast<char>(valueType);
    writeBe32At(at + 2, n);
  }
  void listBegin(uint8_t elemType, uint32_t n) {
    putByte(out_, elemType);
    putBe32(out_, n);
  }
  void mapBegin(uint8_t keyType, uint8_t valueType, uint32_t n) {
    putByte(out_, keyType);
    putByte(out_, valueType);
    putBe32(out_, n);
  }

 private:
  void writeBe32At(size_t at, uint32_t v) {
    out_[at] = static_cast<char>(v >> 24);
    out_[at + 1] = static_cast<char>(v >> 16);
    out_[at + 2] = static_cast<char>(v >> 8);
    out_[at + 3] = static_cast<char>(v);
  }
  std::string& out_;  // Not owned; the caller's output buffer outlives the writer.
};

/** Maps a binary type id to its compact id (0 for ids compact lacks). Bool maps to TRUE (1). */
inline uint8_t compactType(uint8_t t) {
  switch (t) {
    case ttype::Bool: return 1;
    case ttype::I8: return 3;
    case ttype::I16: return 4;
    case ttype::I32: return 5;
    case ttype::I64: return 6;
    case ttype::Double: return 7;
    case ttype::String: return 8;
    case ttype::List: return 9;
    case ttype::Set: return 10;
    case ttype::Map: return 11;
    case ttype::Struct: return 12;
    case ttype::Uuid: return 13;
    default: return 0;
  }
}

/** Compact protocol writer. Tracks the last field id per struct level (deltas restart in nested structs). */
class CompactWriter {
 public:
  static constexpr bool kCompact = true;
  explicit CompactWriter(std::string& out) : out_(out) {}
  std::string& out() { return out_; }

  void structBegin() {
    if (depth_ < kStack) {
      stack_[depth_] = last_;
    }
    ++depth_;
    last_ = 0;
  }
  void structEnd() {
    putByte(out_, 0);
    --depth_;
    last_ = depth_ < kStack ? stack_[depth_] : 0;
  }
  void fieldHeader(uint8_t type, int16_t id) { header(compactType(type), id); }
  void boolField(int16_t id, bool v) { header(v ? 1 : 2, id); }
  void boolValue(bool v) { putByte(out_, v ? 1 : 2); }
  void i8(int8_t v) { putByte(out_, static_cast<uint8_t>(v)); }
  void i16(int16_t v) { putVarint(out_, zigzag64(v)); }
  void i32(int32_t v) { putVarint(out_, zigzag64(v)); }
  void i64(int64_t v) { putVarint(out_, zigzag64(v)); }
  void dbl(double d) {
    uint64_t u;
    std::memcpy(&u, &d, 8);
    char b[8];
    for (int i = 0; i < 8; ++i) {
      b[i] = static_cast<char>(u);
      u >>= 8;
    }
    out_.append(b, 8);
  }
  void bytes(const void* p, size_t n) {
    putVarint(out_, n);
    out_.append(static_cast<const char*>(p), n);
  }
  void bytesLength(size_t n) { putVarint(out_, n); }
  void uuid(const uint8_t* p16) { out_.append(reinterpret_cast<const char*>(p16), 16); }

  // Deferred headers: reserve the largest header (1 + 5 for lists, 5 + 1 for maps), then move the elements down
  // once the real header size is known.
  size_t listBeginDeferred() {
    size_t at = out_.size();
    out_.append(6, '\0');
    return at;
  }
  void listEndDeferred(size_t at, uint8_t elemType, uint32_t n) {
    char hdr[6];
    size_t h = 0;
    uint8_t ct = compactType(elemType);
    if (n <= 14) {
      hdr[h++] = static_cast<char>((n << 4) | ct);
    } else {
      hdr[h++] = static_cast<char>(0xf0 | ct);
      uint32_t v = n;
      while (v >= 0x80) {
        hdr[h++] = static_cast<char>((v & 0x7f) | 0x80);
        v >>= 7;
      }
      hdr[h++] = static_cast<char>(v);
    }
    settle(at, 6, hdr, h);
  }
  size_t mapBeginDeferred() {
    size_t at = out_.size();
    out_.append(6, '\0');
    return at;
  }
  void mapEndDeferred(size_t at, uint8_t keyType, uint8_t valueType, uint32_t n) {
    char hdr[6];
    size_t h = 0;
    uint32_t v = n;
    while (v >= 0x80) {
      hdr[h++] = static_cast<char>((v & 0x7f) | 0x80);
      v >>= 7;
    }
    hdr[h++] = static_cast<char>(v);
    if (n > 0) {
      hdr[h++] = static_cast<char>((compactType(keyType) << 4) | compactType(valueType));
    }
    settle(at, 6, hdr, h);
  }
  void listBegin(uint8_t elemType, uint32_t n) {
    uint8_t ct = compactType(elemType);
    if (n <= 14) {
      putByte(out_, static_cast<uint8_t>((n << 4) | ct));
    } else {
      putByte(out_, static_cast<uint8_t>(0xf0 | ct));
      putVarint(out_, n);
    }
  }
  void mapBegin(uint8_t keyType, uint8_t valueType, uint32_t n) {
    putVarint(out_, n);
    if (n > 0) {
      putByte(out_, static_cast<uint8_t>((compactType(keyType) << 4) | compactType(valueType)));
    }
  }

 private:
  static constexpr int kStack = 72;
  void header(uint8_t ct, int16_t id) {
    int delta = static_cast<int>(id) - static_cast<int>(last_);
    if (delta > 0 && delta <= 15) {
      putByte(out_, static_cast<uint8_t>((delta << 4) | ct));
    } else {
      putByte(out_, ct);
      putVarint(out_, zigzag64(id));
    }
    last_ = id;
  }
  // Replaces the `reserved` placeholder bytes at `at` with the real header and closes the gap.
  void settle(size_t at, size_t reserved, const char* hdr, size_t h) {
    std::memcpy(&out_[at], hdr, h);
    if (h < reserved) {
      out_.erase(at + h, reserved - h);
    }
  }
  std::string& out_;  // Not owned; the caller's output buffer outlives the writer.
  int16_t last_ = 0;
  int depth_ = 0;
  int16_t stack_[kStack] = {};
};

}  // namespace sluice::thrift
