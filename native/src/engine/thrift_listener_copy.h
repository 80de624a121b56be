// Generic protocol translation for Thrift listeners: copies one value or struct from a binary or compact reader to a
// binary or compact writer, guided only by the wire types (thrift-wire.md §1–§2), depth-limited, checking every
// container size against the bytes left before looping. Shared by the codec and the pseudonymization walker.
#pragma once
#include <cstdint>
#include <string_view>

#include "sluice/thrift_wire.h"
#include "thrift/reader.h"
#include "thrift/writer.h"

namespace sluice::thriftin {

template <class R, class W>
bool copyValue(R& r, W& w, uint8_t t, int depth);

template <class R, class W>
bool copyStruct(R& r, W& w, int depth) {
  if (depth > thrift::kMaxDepth) {
    r.fail();
    return false;
  }
  r.structBegin();
  w.structBegin();
  for (;;) {
    int16_t id = 0;
    uint8_t ft = r.fieldBegin(id);
    if (r.failed()) { return false; }
    if (ft == thrift::ttype::Stop) { break; }
    if (ft == thrift::ttype::Bool) {
      // Compact keeps a bool field's value in the field header; binary writes it as a byte.
      bool v = R::kCompact ? r.boolField() : r.boolValue();
      w.boolField(id, v);
      continue;
    }
    w.fieldHeader(ft, id);
    if (!copyValue(r, w, ft, depth + 1)) { return false; }
  }
  r.structEnd();
  w.structEnd();
  return !r.failed();
}

template <class R, class W>
bool copyValue(R& r, W& w, uint8_t t, int depth) {
  if (depth > thrift::kMaxDepth) {
    r.fail();
    return false;
  }
  switch (t) {
    case thrift::ttype::Bool: w.boolValue(r.boolValue()); break;
    case thrift::ttype::I8: w.i8(r.i8()); break;
    case thrift::ttype::I16: w.i16(r.i16()); break;
    case thrift::ttype::I32: w.i32(r.i32()); break;
    case thrift::ttype::I64: w.i64(r.i64()); break;
    case thrift::ttype::Double: w.dbl(r.dbl()); break;
    case thrift::ttype::String: {
      std::string_view v = r.bytes();
      if (r.failed()) { return false; }
      w.bytes(v.data(), v.size());
      break;
    }
    case thrift::ttype::Uuid: {
      const uint8_t* u = r.uuid();
      if (u == nullptr) { return false; }
      w.uuid(u);
      break;
    }
    case thrift::ttype::Struct: return copyStruct(r, w, depth);
    case thrift::ttype::List:
    case thrift::ttype::Set: {
      uint8_t et = 0;
      uint32_t n = r.listBegin(et);
      if (r.failed()) { return false; }
      // Each element consumes at least one input byte: a size larger than what is left cannot be honest.
      if (n > r.remaining()) {
        r.fail();
        return false;
      }
      w.listBegin(et, n);
      for (uint32_t i = 0; i < n; ++i) {
        if (!copyValue(r, w, et, depth + 1)) { return false; }
      }
      break;
    }
    case thrift::ttype::Map: {
      uint8_t kt = 0, vt = 0;
      uint32_t n = r.mapBegin(kt, vt);
      if (r.failed()) { return false; }
      if (n > r.remaining()) {
        r.fail();
        return false;
      }
      w.mapBegin(kt, vt, n);
      for (uint32_t i = 0; i < n; ++i) {
        if (!copyValue(r, w, kt, depth + 1) || !copyValue(r, w, vt, depth + 1)) { return false; }
      }
      break;
    }
    default: r.fail(); return false;
  }
  return !r.failed();
}

}  // namespace sluice::thriftin
