// Generic binary <-> compact translation walks the source with the bounded readers of native/src/thrift and
// writes with the matching writer; every length is checked by the reader before anything is copied.
#include "engine/thrift_listener_codec.h"

#include "engine/thrift_listener_copy.h"
#include "thrift/reader.h"
#include "thrift/writer.h"

namespace sluice::thriftin {
namespace {

uint32_t be32(const uint8_t* p) {
  return static_cast<uint32_t>(p[0]) << 24 | static_cast<uint32_t>(p[1]) << 16 | static_cast<uint32_t>(p[2]) << 8 | p[3];
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

// THeader varints are unsigned LEB128, at most 5 bytes for 32 bits.
bool varint(const uint8_t*& p, const uint8_t* end, uint32_t& v) {
  v = 0;
  for (int i = 0, shift = 0; i < 5; i++, shift += 7) {
    if (p >= end) { return false; }
    uint8_t b = *p++;
    v |= static_cast<uint32_t>(b & 0x7f) << shift;
    if ((b & 0x80) == 0) { return true; }
  }
  return false;
}

}  // namespace

bool headerInfo(const uint8_t* frame, size_t len, std::string_view key, std::string_view& value) {
  if (len < 14) { return false; }
  size_t end = 14 + ((size_t{frame[12]} << 8) | frame[13]) * 4;
  if (end > len) { return false; }
  const uint8_t* p = frame + 14;
  const uint8_t* e = frame + end;
  uint32_t protoId = 0, transforms = 0, id = 0;
  if (!varint(p, e, protoId) || !varint(p, e, transforms)) { return false; }
  for (uint32_t i = 0; i < transforms; i++) {
    if (!varint(p, e, id)) { return false; }
  }
  bool found = false;
  uint32_t info = 0;
  while (p < e && varint(p, e, info) && info == 1) {  // 1 = KEYVALUE; 0 = padding; anything else ends the headers
    uint32_t count = 0;
    if (!varint(p, e, count)) { return false; }
    for (uint32_t i = 0; i < count; i++) {
      uint32_t kl = 0, vl = 0;
      if (!varint(p, e, kl) || kl > static_cast<size_t>(e - p)) { return false; }
      std::string_view k(reinterpret_cast<const char*>(p), kl);
      p += kl;
      if (!varint(p, e, vl) || vl > static_cast<size_t>(e - p)) { return false; }
      if (k == key) {
        value = std::string_view(reinterpret_cast<const char*>(p), vl);
        found = true;
      }
      p += vl;
    }
  }
  return found;
}

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
