// Generic binary <-> compact translation walks the source with the bounded readers of native/src/thrift and
// writes with the matching writer; every length is checked by the reader before anything is copied.
#include "engine/thrift_listener_codec.h"

#include "engine/thrift_header_zlib.h"
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

constexpr uint32_t kHeaderMax = 0x3FFFFFFF;  // THeader's own length limit (notes §6)
constexpr uint32_t kZlibTransform = 1;

/// Replaces the payload of the THeader frame at `at` (written by endFrame: one header word, no transforms) with
/// `zlib` rounds of deflate, and lists the transforms in the header. False when zlib fails.
bool deflateFrame(std::string& out, size_t at, uint8_t zlib) {
  constexpr size_t kPayloadAt = 18;  // length 4, magic 2, flags 2, seqid 4, header size 2, one header word
  std::string cur = out.substr(at + kPayloadAt);  // owned here until swapped into `out` below
  for (uint8_t i = 0; i < zlib; i++) {
    std::string next;
    if (!zlibDeflate(reinterpret_cast<const uint8_t*>(cur.data()), cur.size(), next)) { return false; }
    cur.swap(next);
  }
  char protoId = out[at + 14];
  out.resize(at + 14);
  out.push_back(protoId);
  out.push_back(static_cast<char>(zlib));
  out.append(zlib, static_cast<char>(kZlibTransform));
  while ((out.size() - at - 14) % 4 != 0) { out.push_back('\0'); }
  size_t words = (out.size() - at - 14) / 4;
  out[at + 12] = static_cast<char>(words >> 8);
  out[at + 13] = static_cast<char>(words & 0xff);
  out.append(cur);
  uint32_t n = static_cast<uint32_t>(out.size() - at - 4);
  out[at] = static_cast<char>(n >> 24);
  out[at + 1] = static_cast<char>(n >> 16);
  out[at + 2] = static_cast<char>(n >> 8);
  out[at + 3] = static_cast<char>(n);
  return true;
}

}  // namespace

thrift::FrameScan scanClientFrame(const Dialect& d, const uint8_t* p, size_t n, uint32_t maxFrameBytes, uint8_t& zlib) {
  zlib = 0;
  if (d.transport != thrift::Transport::Header) { return thrift::findMessageEnd(d.transport, d.protocol, p, n, maxFrameBytes); }
  thrift::FrameScan scan;
  if (n < 4) { return scan; }  // NeedMore
  uint32_t len = be32(p);
  if (len > (maxFrameBytes < kHeaderMax ? maxFrameBytes : kHeaderMax)) {
    scan.status = thrift::ScanStatus::Invalid;
    return scan;
  }
  if (n - 4 < len) { return scan; }  // NeedMore
  scan.frameLength = 4 + size_t{len};
  size_t words = len < 10 ? 0 : (size_t{p[12]} << 8) | p[13];
  size_t payloadAt = 14 + words * 4;
  if (len < 10 || p[4] != 0x0f || p[5] != 0xff || words >= 16384 || payloadAt > scan.frameLength) {
    scan.status = thrift::ScanStatus::Invalid;
    return scan;
  }
  const uint8_t* h = p + 14;
  const uint8_t* hend = p + payloadAt;
  uint32_t protoId = 0, transforms = 0, id = 0;
  if (!varint(h, hend, protoId) || !varint(h, hend, transforms) || (protoId != 0 && protoId != 2) ||
      transforms > kMaxZlibTransforms) {
    scan.status = thrift::ScanStatus::Invalid;
    return scan;
  }
  for (uint32_t i = 0; i < transforms; i++) {
    if (!varint(h, hend, id) || id != kZlibTransform) {  // HMAC, SNAPPY and unknown ids: bad input
      scan.status = thrift::ScanStatus::Invalid;
      return scan;
    }
  }
  zlib = static_cast<uint8_t>(transforms);
  scan.headerProtocol = protoId == 2 ? thrift::Protocol::Compact : thrift::Protocol::Binary;
  scan.status = thrift::ScanStatus::Complete;
  scan.payloadOffset = payloadAt;
  scan.payloadLength = scan.frameLength - payloadAt;
  return scan;
}

bool inflatePayload(const uint8_t* payload, size_t len, uint8_t zlib, size_t maxBytes, std::string& out) {
  std::string in;  // owns the input of rounds after the first (the previous round's output)
  for (uint8_t i = 0; i < zlib; i++) {
    const uint8_t* src = i == 0 ? payload : reinterpret_cast<const uint8_t*>(in.data());
    size_t srcLen = i == 0 ? len : in.size();
    if (zlibInflate(src, srcLen, maxBytes, out) != InflateResult::Ok) { return false; }
    if (i + 1 < zlib) { in.swap(out); }
  }
  return true;
}

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
    if (d.zlib > 0 && !deflateFrame(out, at, d.zlib)) {
      out.resize(start);
      return false;
    }
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
