// Generic binary <-> compact translation walks the source with the bounded readers of native/src/thrift and
// writes with the matching writer; every length is checked by the reader before anything is copied.
#include "engine/thrift_listener_codec.h"

#include "thrift/reader.h"
#include "thrift/writer.h"

namespace sluice::thriftin {
namespace {

using thrift::ttype::Bool;

uint32_t be32(const uint8_t* p) {
  return static_cast<uint32_t>(p[0]) << 24 | static_cast<uint32_t>(p[1]) << 16 | static_cast<uint32_t>(p[2]) << 8 | p[3];
}

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
    if (ft == Bool) {
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
    case Bool: w.boolValue(r.boolValue()); break;
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

/// Re-encodes one struct; true when the whole input was exactly one struct.
template <class R, class W>
bool translate(const uint8_t* body, size_t len, std::string& out) {
  R r(body, len);
  W w(out);
  return copyStruct(r, w, 1) && r.remaining() == 0;
}

template <class R>
bool validStruct(const uint8_t* body, size_t len) {
  R r(body, len);
  return thrift::skip(r, thrift::ttype::Struct, 1) && r.remaining() == 0;
}

}  // namespace

Sniff sniffDialect(const uint8_t* p, size_t n, Dialect& out) {
  if (n < 4) { return Sniff::NeedMore; }
  uint32_t w = be32(p);
  if ((w & 0xffff0000u) == 0x80010000u) {
    out = Dialect{thrift::Transport::Buffered, thrift::Protocol::Binary, 0};
    return Sniff::Ok;
  }
  if (p[0] == 0x82 && (p[1] & 0x1f) == 1) {
    out = Dialect{thrift::Transport::Buffered, thrift::Protocol::Compact, 0};
    return Sniff::Ok;
  }
  if (n < 8) { return Sniff::NeedMore; }
  uint32_t w2 = be32(p + 4);
  if ((w2 >> 16) == 0x0fff) {
    out = Dialect{thrift::Transport::Header, thrift::Protocol::Binary, static_cast<uint16_t>(w2 & 0xffff)};
    return Sniff::Ok;
  }
  if ((w2 & 0xffff0000u) == 0x80010000u) {
    out = Dialect{thrift::Transport::Framed, thrift::Protocol::Binary, 0};
    return Sniff::Ok;
  }
  if (p[4] == 0x82 && (p[5] & 0x1f) == 1) {
    out = Dialect{thrift::Transport::Framed, thrift::Protocol::Compact, 0};
    return Sniff::Ok;
  }
  return Sniff::Invalid;
}

bool splitMessage(thrift::Protocol protocol, const uint8_t* payload, size_t len, Message& out) {
  size_t hl = thrift::readMessageBegin(protocol, payload, len, out.header);
  if (hl == 0) { return false; }
  out.body = payload + hl;
  out.bodyLen = len - hl;
  return protocol == thrift::Protocol::Compact ? validStruct<thrift::CompactReader>(out.body, out.bodyLen)
                                               : validStruct<thrift::BinaryReader>(out.body, out.bodyLen);
}

bool buildMessage(const Dialect& d, std::string_view name, thrift::MessageType type, int32_t seqid,
                  thrift::Protocol bodyProtocol, const uint8_t* body, size_t bodyLen, std::string& out) {
  size_t start = out.size();
  size_t at = thrift::beginFrame(d.transport, out);
  thrift::writeMessageBegin(d.protocol, name, type, seqid, out);
  bool ok = true;
  if (bodyProtocol == d.protocol) {
    out.append(reinterpret_cast<const char*>(body), bodyLen);  // lazy: fields are copied as raw bytes
  } else if (bodyProtocol == thrift::Protocol::Binary) {
    ok = translate<thrift::BinaryReader, thrift::CompactWriter>(body, bodyLen, out);
  } else {
    ok = translate<thrift::CompactReader, thrift::BinaryWriter>(body, bodyLen, out);
  }
  if (!ok) {
    out.resize(start);
    return false;
  }
  thrift::endFrame(d.transport, d.protocol, seqid, at, out);
  if (d.transport == thrift::Transport::Header) {
    out[at + 6] = static_cast<char>(d.headerFlags >> 8);  // reply with the caller's flags (notes §6)
    out[at + 7] = static_cast<char>(d.headerFlags & 0xff);
  }
  return true;
}

void buildAppException(const Dialect& d, std::string_view name, int32_t seqid, int32_t type, std::string_view message,
                       std::string& out) {
  std::string body;
  if (d.protocol == thrift::Protocol::Compact) {
    thrift::CompactWriter w(body);
    w.structBegin();
    w.fieldHeader(thrift::ttype::String, 1);
    w.bytes(message.data(), message.size());
    w.fieldHeader(thrift::ttype::I32, 2);
    w.i32(type);
    w.structEnd();
  } else {
    thrift::BinaryWriter w(body);
    w.structBegin();
    w.fieldHeader(thrift::ttype::String, 1);
    w.bytes(message.data(), message.size());
    w.fieldHeader(thrift::ttype::I32, 2);
    w.i32(type);
    w.structEnd();
  }
  buildMessage(d, name, thrift::MessageType::Exception, seqid, d.protocol, reinterpret_cast<const uint8_t*>(body.data()),
               body.size(), out);
}

}  // namespace sluice::thriftin
