// Message headers, transport framing, boundary detection and seqid rewriting (thrift_wire.h).
#include <climits>
#include <cstring>

#include "sluice/thrift_wire.h"
#include "thrift/reader.h"
#include "thrift/writer.h"

namespace sluice::thrift {
namespace {

constexpr uint32_t kHeaderMax = 0x3FFFFFFF;
// THeader prefix we write: length 4, magic 2, flags 2, seqid 4, header size 2, one word of header
// (protocol id, zero transforms, two padding bytes).
constexpr size_t kHeaderPrefix = 18;

uint32_t be32(const uint8_t* p) {
  return (uint32_t{p[0]} << 24) | (uint32_t{p[1]} << 16) | (uint32_t{p[2]} << 8) | p[3];
}
void setBe32(uint8_t* p, uint32_t v) {
  p[0] = static_cast<uint8_t>(v >> 24);
  p[1] = static_cast<uint8_t>(v >> 16);
  p[2] = static_cast<uint8_t>(v >> 8);
  p[3] = static_cast<uint8_t>(v);
}

// Where the seqid sits inside a protocol message.
struct SeqidSpot {
  size_t offset = 0;
  size_t length = 0;
};

// Reads the header with a bounded reader; fills `spot` with the seqid's bytes.
size_t parseHeader(Protocol protocol, const uint8_t* data, size_t len, MessageHeader& h, SeqidSpot* spot,
                   bool* truncated) {
  if (protocol == Protocol::Binary) {
    BinaryReader r(data, len);
    int32_t first = r.i32();
    if (r.failed()) {
      if (truncated) *truncated = true;
      return 0;
    }
    if (first < 0) {
      if ((static_cast<uint32_t>(first) & 0xffff0000u) != 0x80010000u) {
        return 0;
      }
      uint32_t t = static_cast<uint32_t>(first) & 0xff;
      if (t < 1 || t > 4) {
        return 0;
      }
      h.type = static_cast<MessageType>(t);
      h.name = r.bytes();
      size_t at = r.position();
      h.seqid = r.i32();
      if (r.failed()) {
        if (truncated) *truncated = r.truncated();
        return 0;
      }
      if (spot) *spot = {at, 4};
      return r.position();
    }
    // Old non-strict form: name length, name, i8 type, i32 seqid. A method name over 64 KiB is taken as
    // garbage rather than as a prefix of a message still arriving.
    if (first > 0xffff) {
      return 0;
    }
    if (static_cast<size_t>(first) > len - 4) {
      if (truncated) *truncated = true;
      return 0;
    }
    h.name = std::string_view(reinterpret_cast<const char*>(data + 4), static_cast<size_t>(first));
    BinaryReader rest(data + 4 + first, len - 4 - static_cast<size_t>(first));
    int8_t t = rest.i8();
    size_t at = 4 + static_cast<size_t>(first) + 1;
    h.seqid = rest.i32();
    if (rest.failed()) {
      if (truncated) *truncated = true;
      return 0;
    }
    if (t < 1 || t > 4) {
      return 0;
    }
    h.type = static_cast<MessageType>(t);
    if (spot) *spot = {at, 4};
    return at + 4;
  }
  CompactReader r(data, len);
  uint8_t proto = static_cast<uint8_t>(r.i8());
  uint8_t vt = static_cast<uint8_t>(r.i8());
  if (r.failed()) {
    if (truncated) *truncated = true;
    return 0;
  }
  if (proto != 0x82 || (vt & 0x1f) != 1) {
    return 0;
  }
  uint32_t t = vt >> 5;
  if (t < 1 || t > 4) {
    return 0;
  }
  h.type = static_cast<MessageType>(t);
  size_t at = r.position();
  uint64_t s = r.varint(5);
  size_t after = r.position();
  h.name = r.bytes();
  if (r.failed() || s > 0xffffffffu) {
    if (truncated) *truncated = r.truncated();
    return 0;
  }
  h.seqid = static_cast<int32_t>(static_cast<uint32_t>(s));
  if (spot) *spot = {at, after - at};
  return r.position();
}

// Walks one whole message (header + struct) on a buffered stream.
FrameScan walkMessage(Protocol protocol, const uint8_t* data, size_t len, uint32_t maxBytes) {
  FrameScan scan;
  MessageHeader h;
  bool truncated = false;
  size_t hl = parseHeader(protocol, data, len, h, nullptr, &truncated);
  if (hl == 0) {
    scan.status = truncated ? (len > maxBytes ? ScanStatus::Invalid : ScanStatus::NeedMore) : ScanStatus::Invalid;
    return scan;
  }
  bool ok;
  size_t used;
  bool trunc;
  if (protocol == Protocol::Binary) {
    BinaryReader r(data + hl, len - hl);
    ok = skip(r, ttype::Struct, 0);
    used = r.position();
    trunc = r.truncated();
  } else {
    CompactReader r(data + hl, len - hl);
    ok = skip(r, ttype::Struct, 0);
    used = r.position();
    trunc = r.truncated();
  }
  if (!ok) {
    scan.status = trunc && len <= maxBytes ? ScanStatus::NeedMore : ScanStatus::Invalid;
    return scan;
  }
  if (hl + used > maxBytes) {
    scan.status = ScanStatus::Invalid;
    return scan;
  }
  scan.status = ScanStatus::Complete;
  scan.frameLength = hl + used;
  scan.payloadOffset = 0;
  scan.payloadLength = hl + used;
  scan.headerProtocol = protocol;
  return scan;
}

// Reads a varint bounded to 5 bytes from [p, end); returns false when malformed or past end.
bool headerVarint(const uint8_t*& p, const uint8_t* end, uint32_t& v) {
  v = 0;
  for (int i = 0, shift = 0; i < 5; ++i, shift += 7) {
    if (p >= end) {
      return false;
    }
    uint8_t b = *p++;
    v |= static_cast<uint32_t>(b & 0x7f) << shift;
    if ((b & 0x80) == 0) {
      return true;
    }
  }
  return false;
}

}  // namespace

void writeMessageBegin(Protocol protocol, std::string_view name, MessageType type, int32_t seqid, std::string& out) {
  if (protocol == Protocol::Binary) {
    putBe32(out, 0x80010000u | static_cast<uint32_t>(type));
    putBe32(out, static_cast<uint32_t>(name.size()));
    out.append(name.data(), name.size());
    putBe32(out, static_cast<uint32_t>(seqid));
    return;
  }
  putByte(out, 0x82);
  putByte(out, static_cast<uint8_t>((static_cast<uint8_t>(type) << 5) | 0x01));
  putVarint(out, static_cast<uint32_t>(seqid));
  putVarint(out, name.size());
  out.append(name.data(), name.size());
}

size_t readMessageBegin(Protocol protocol, const uint8_t* data, size_t len, MessageHeader& header) {
  return parseHeader(protocol, data, len, header, nullptr, nullptr);
}

FrameScan findMessageEnd(Transport transport, Protocol protocol, const uint8_t* data, size_t len,
                         uint32_t maxFrameBytes) {
  FrameScan scan;
  if (transport == Transport::Buffered) {
    return walkMessage(protocol, data, len, maxFrameBytes);
  }
  if (len < 4) {
    return scan;
  }
  uint32_t n = be32(data);
  uint32_t limit = transport == Transport::Header ? (maxFrameBytes < kHeaderMax ? maxFrameBytes : kHeaderMax)
                                                  : maxFrameBytes;
  if (n > limit) {
    scan.status = ScanStatus::Invalid;
    return scan;
  }
  if (len - 4 < n) {
    return scan;  // NeedMore
  }
  scan.frameLength = 4 + size_t{n};
  scan.headerProtocol = protocol;
  if (transport == Transport::Framed) {
    scan.status = ScanStatus::Complete;
    scan.payloadOffset = 4;
    scan.payloadLength = n;
    return scan;
  }
  // THeader: magic, flags, seqid, header size in words, then protocol id, transforms, info headers, padding.
  if (n < 10 || data[4] != 0x0f || data[5] != 0xff) {
    scan.status = ScanStatus::Invalid;
    return scan;
  }
  size_t words = (size_t{data[12]} << 8) | data[13];
  size_t payloadAt = 14 + words * 4;
  if (words >= 16384 || payloadAt > scan.frameLength) {
    scan.status = ScanStatus::Invalid;
    return scan;
  }
  const uint8_t* p = data + 14;
  const uint8_t* hend = data + payloadAt;
  uint32_t protoId = 0, transforms = 0;
  if (!headerVarint(p, hend, protoId) || !headerVarint(p, hend, transforms) || (protoId != 0 && protoId != 2) ||
      transforms != 0) {
    scan.status = ScanStatus::Invalid;  // zlib and other transforms are not supported natively
    return scan;
  }
  scan.headerProtocol = protoId == 2 ? Protocol::Compact : Protocol::Binary;
  scan.status = ScanStatus::Complete;
  scan.payloadOffset = payloadAt;
  scan.payloadLength = scan.frameLength - payloadAt;
  return scan;
}

size_t beginFrame(Transport transport, std::string& out) {
  size_t at = out.size();
  if (transport == Transport::Framed) {
    out.append(4, '\0');
  } else if (transport == Transport::Header) {
    out.append(kHeaderPrefix, '\0');
  }
  return at;
}

void endFrame(Transport transport, Protocol protocol, int32_t seqid, size_t frameStart, std::string& out) {
  if (transport == Transport::Buffered) {
    return;
  }
  uint8_t* f = reinterpret_cast<uint8_t*>(&out[frameStart]);
  setBe32(f, static_cast<uint32_t>(out.size() - frameStart - 4));
  if (transport == Transport::Framed) {
    return;
  }
  f[4] = 0x0f;
  f[5] = 0xff;
  f[6] = 0;
  f[7] = 0;
  setBe32(f + 8, static_cast<uint32_t>(seqid));
  f[12] = 0;
  f[13] = 1;
  f[14] = protocol == Protocol::Compact ? 2 : 0;
  f[15] = 0;
  f[16] = 0;
  f[17] = 0;
}

void frameMessage(Transport transport, Protocol protocol, int32_t seqid, const uint8_t* message, size_t len,
                  std::string& out) {
  size_t at = beginFrame(transport, out);
  out.append(reinterpret_cast<const char*>(message), len);
  endFrame(transport, protocol, seqid, at, out);
}

bool readSeqid(Transport transport, Protocol protocol, const uint8_t* frame, size_t len, int32_t& seqid) {
  FrameScan scan = findMessageEnd(transport, protocol, frame, len, UINT32_MAX);
  if (scan.status != ScanStatus::Complete) {
    return false;
  }
  MessageHeader h;
  if (parseHeader(scan.headerProtocol, frame + scan.payloadOffset, scan.payloadLength, h, nullptr, nullptr) == 0) {
    return false;
  }
  seqid = h.seqid;
  return true;
}

bool rewriteSeqidInPlace(Transport transport, Protocol protocol, uint8_t* frame, size_t len, int32_t seqid) {
  FrameScan scan = findMessageEnd(transport, protocol, frame, len, UINT32_MAX);
  if (scan.status != ScanStatus::Complete) {
    return false;
  }
  MessageHeader h;
  SeqidSpot spot;
  if (parseHeader(scan.headerProtocol, frame + scan.payloadOffset, scan.payloadLength, h, &spot, nullptr) == 0) {
    return false;
  }
  uint8_t* at = frame + scan.payloadOffset + spot.offset;
  if (scan.headerProtocol == Protocol::Binary) {
    setBe32(at, static_cast<uint32_t>(seqid));
  } else {
    uint32_t u = static_cast<uint32_t>(seqid);
    if (varintSize(u) != spot.length) {
      return false;
    }
    for (size_t i = 0; i < spot.length; ++i) {
      at[i] = static_cast<uint8_t>((u & 0x7f) | (i + 1 < spot.length ? 0x80 : 0));
      u >>= 7;
    }
  }
  if (transport == Transport::Header) {
    setBe32(frame + 8, static_cast<uint32_t>(seqid));
  }
  return true;
}

bool rewriteSeqid(Transport transport, Protocol protocol, std::string& frame, int32_t seqid) {
  uint8_t* f = reinterpret_cast<uint8_t*>(&frame[0]);
  if (rewriteSeqidInPlace(transport, protocol, f, frame.size(), seqid)) {
    return true;
  }
  FrameScan scan = findMessageEnd(transport, protocol, f, frame.size(), UINT32_MAX);
  if (scan.status != ScanStatus::Complete || scan.headerProtocol != Protocol::Compact) {
    return false;
  }
  MessageHeader h;
  SeqidSpot spot;
  if (parseHeader(Protocol::Compact, f + scan.payloadOffset, scan.payloadLength, h, &spot, nullptr) == 0) {
    return false;
  }
  std::string v;
  putVarint(v, static_cast<uint32_t>(seqid));
  frame.replace(scan.payloadOffset + spot.offset, spot.length, v);
  f = reinterpret_cast<uint8_t*>(&frame[0]);
  if (transport != Transport::Buffered) {
    setBe32(f, static_cast<uint32_t>(frame.size() - 4));
  }
  if (transport == Transport::Header) {
    setBe32(f + 8, static_cast<uint32_t>(seqid));
  }
  return true;
}

bool decodeApplicationException(Protocol protocol, const uint8_t* data, size_t len, ApplicationException& out) {
  auto run = [&](auto& r) {
    r.structBegin();
    for (;;) {
      int16_t id = 0;
      uint8_t t = r.fieldBegin(id);
      if (r.failed()) {
        return false;
      }
      if (t == ttype::Stop) {
        break;
      }
      if (id == 1 && t == ttype::String) {
        std::string_view m = r.bytes();
        out.message.assign(m.data(), m.size());
      } else if (id == 2 && t == ttype::I32) {
        out.type = r.i32();
      } else if (t == ttype::Bool) {
        r.boolField();
      } else if (!skip(r, t, 1)) {
        return false;
      }
    }
    r.structEnd();
    return !r.failed();
  };
  if (protocol == Protocol::Binary) {
    BinaryReader r(data, len);
    return run(r);
  }
  CompactReader r(data, len);
  return run(r);
}

size_t skipValue(Protocol protocol, uint8_t ttype, const uint8_t* data, size_t len) {
  auto run = [&](auto& r) -> size_t {
    if (skip(r, ttype, 0)) {
      return r.position();
    }
    return r.truncated() ? SIZE_MAX : 0;
  };
  if (protocol == Protocol::Binary) {
    BinaryReader r(data, len);
    return run(r);
  }
  CompactReader r(data, len);
  return run(r);
}

}  // namespace sluice::thrift
