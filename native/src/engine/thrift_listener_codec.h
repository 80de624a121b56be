// Message-level helpers for Thrift listeners (contract §8): sniffing a `header` client's dialect, splitting a
// message into header and body, validating a body without decoding it, re-encoding a body for another protocol
// (binary <-> compact, generic: the wire types say everything the translation needs) and building framed
// messages and TApplicationExceptions in a given dialect. Wire rules: /work/shared/notes/thrift-wire.md.
#pragma once
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "sluice/thrift_wire.h"

namespace sluice::thriftin {

/// How one peer frames and encodes messages. THeader peers also get their flags echoed (§6 of the notes).
struct Dialect {
  thrift::Transport transport = thrift::Transport::Framed;
  thrift::Protocol protocol = thrift::Protocol::Binary;
  uint16_t headerFlags = 0;
  uint8_t zlib = 0;  // THeader: ZLIB transforms on the caller's frame; replies to it carry as many (as Apache's do)
  bool operator==(const Dialect& o) const { return transport == o.transport && protocol == o.protocol; }
  bool operator!=(const Dialect& o) const { return !(*this == o); }
};

enum class Sniff : uint8_t { NeedMore, Ok, Invalid };

/// Decides a `transport: header` client's dialect from its first bytes (THeader, framed or unframed, binary or
/// compact), as Apache's THeader servers do.
Sniff sniffDialect(const uint8_t* p, size_t n, Dialect& out);

/// Most ZLIB transforms accepted on one THeader frame (Apache clients list each transform they added once).
constexpr uint8_t kMaxZlibTransforms = 2;

/// Finds one client frame in dialect `d` as thrift::findMessageEnd does (limit `maxFrameBytes`), except that
/// THeader frames may list ZLIB transforms: their number goes to `zlib` and the payload offsets then describe
/// the compressed payload. Any other transform id (or more than kMaxZlibTransforms) is Invalid.
thrift::FrameScan scanClientFrame(const Dialect& d, const uint8_t* p, size_t n, uint32_t maxFrameBytes, uint8_t& zlib);

/// Undoes `zlib` ZLIB transforms on `payload` into `out` (replaced), never holding more than `maxBytes` inflated
/// bytes at once. False when the data is corrupt or would inflate past `maxBytes`.
bool inflatePayload(const uint8_t* payload, size_t len, uint8_t zlib, size_t maxBytes, std::string& out);

/// A protocol message split into its header and its body (the args/result struct). Views point into the input.
struct Message {
  thrift::MessageHeader header;
  const uint8_t* body = nullptr;
  size_t bodyLen = 0;
};

/// Splits `payload` (one whole protocol message) and checks that the body is exactly one well-formed struct
/// (depth-limited walk, no decoding, no allocation). False when it is not.
bool splitMessage(thrift::Protocol protocol, const uint8_t* payload, size_t len, Message& out);

/// Appends one framed message in dialect `d`: the header with `name`, `type`, `seqid`, then `body` (a struct in
/// protocol `bodyProtocol`): copied as raw bytes when the protocols match, else re-encoded; a THeader dialect with
/// `zlib` set gets its payload deflated that many times. False (and `out` as before) when the body does not
/// re-encode.
bool buildMessage(const Dialect& d, std::string_view name, thrift::MessageType type, int32_t seqid,
                  thrift::Protocol bodyProtocol, const uint8_t* body, size_t bodyLen, std::string& out);

/// The value of THeader info key `key` (KEYVALUE headers, notes §6) in a whole THeader frame (from its length
/// word), as a view into `frame`; false when absent or when the header does not parse.
bool headerInfo(const uint8_t* frame, size_t len, std::string_view key, std::string_view& value);

/// TApplicationException type numbers used here (thrift-wire.md §4).
enum AppErrorType : int32_t { kUnknownMethod = 1, kInternalError = 6, kProtocolError = 7 };

/// Appends an EXCEPTION message carrying TApplicationException{message, type} in dialect `d`.
void buildAppException(const Dialect& d, std::string_view name, int32_t seqid, int32_t type, std::string_view message,
                       std::string& out);

}  // namespace sluice::thriftin
