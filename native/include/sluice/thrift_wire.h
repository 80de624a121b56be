// Thrift wire helpers the data plane needs around a transcoded message: message headers, transport framing,
// message-boundary detection on a byte stream, seqid read/rewrite and TApplicationException decoding.
// Wire rules: /work/shared/notes/thrift-wire.md §1–§6. Nothing here allocates except into a caller's std::string,
// nothing throws, and every length read from the wire is checked against the bytes present before it is used.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace sluice::thrift {

/** Upstream/listener protocol (config `protocol`). Values are stable: they appear in compiled plans. */
enum class Protocol : uint8_t { Binary = 0, Compact = 1 };

/** Upstream/listener transport (config `transport`). Values are stable: they appear in compiled plans. */
enum class Transport : uint8_t { Framed = 0, Buffered = 1, Header = 2 };

enum class MessageType : uint8_t { Call = 1, Reply = 2, Exception = 3, Oneway = 4 };

/** Largest frame we accept or produce (Apache DEFAULT_MAX_FRAME_SIZE); THeader's own cap is 0x3FFFFFFF. */
constexpr uint32_t kDefaultMaxFrameBytes = 16384000;
/** Struct/container nesting limit for every reader and for skip(). */
constexpr int kMaxDepth = 64;

/** A decoded message header. `name` points into the caller's input buffer (not owned). */
struct MessageHeader {
  std::string_view name;
  MessageType type = MessageType::Call;
  int32_t seqid = 0;
};

enum class ScanStatus : uint8_t {
  Complete,  // one whole message is present: see FrameScan lengths
  NeedMore,  // a prefix of a valid message; read more bytes and scan again from the same start
  Invalid,   // not a message of this transport/protocol, or over the size limit: close the connection
};

/** Where one message sits in a byte stream. Offsets are relative to the scanned buffer's start. */
struct FrameScan {
  ScanStatus status = ScanStatus::NeedMore;
  /** Bytes of the whole frame including transport framing (valid when Complete). */
  size_t frameLength = 0;
  /** Offset and length of the protocol message (message header + struct) inside the frame. */
  size_t payloadOffset = 0;
  size_t payloadLength = 0;
  /** THeader only: the protocol id the peer used (reply in kind). */
  Protocol headerProtocol = Protocol::Binary;
};

/**
 * Appends a message header (strict binary, or compact) to `out`.
 * @param out caller-owned; only appended to.
 */
void writeMessageBegin(Protocol protocol, std::string_view name, MessageType type, int32_t seqid, std::string& out);

/**
 * Reads a message header from the start of `data` (binary strict and non-strict, or compact).
 * @return bytes consumed, or 0 when the header is truncated or malformed. `header.name` points into `data`.
 */
size_t readMessageBegin(Protocol protocol, const uint8_t* data, size_t len, MessageHeader& header);

/**
 * Finds the end of the first message in `data` without decoding it. Buffered transport walks the message
 * (header + skip of the struct, depth-limited); framed and header read the length word.
 * @param maxFrameBytes frames (or buffered messages) larger than this are Invalid.
 */
FrameScan findMessageEnd(Transport transport, Protocol protocol, const uint8_t* data, size_t len,
                         uint32_t maxFrameBytes = kDefaultMaxFrameBytes);

/**
 * Reserves room for the transport prefix at the end of `out` and returns the frame's start offset; write the
 * message after it, then call endFrame with the same offset. Buffered writes nothing.
 * @param out caller-owned; appended to.
 */
size_t beginFrame(Transport transport, std::string& out);

/**
 * Completes the frame opened by beginFrame: writes the framed length, or the THeader (protocol id, seqid, no
 * transforms, no info headers, 0–3 padding bytes; the header is moved into place before the payload).
 */
void endFrame(Transport transport, Protocol protocol, int32_t seqid, size_t frameStart, std::string& out);

/** Appends `message` (a protocol message) wrapped in the transport's framing to `out`. */
void frameMessage(Transport transport, Protocol protocol, int32_t seqid, const uint8_t* message, size_t len,
                  std::string& out);

/**
 * Reads the seqid of the message in a complete frame (as delimited by findMessageEnd).
 * @return false when the frame is malformed.
 */
bool readSeqid(Transport transport, Protocol protocol, const uint8_t* frame, size_t len, int32_t& seqid);

/**
 * Rewrites the seqid of the message in `frame` (the whole frame, as delimited by findMessageEnd), including the
 * THeader SEQID word. Compact seqids are varints, so the frame may change length; the frame length word is fixed
 * up. @param frame caller-owned; modified in place. @return false when the frame is malformed.
 */
bool rewriteSeqid(Transport transport, Protocol protocol, std::string& frame, int32_t seqid);

/**
 * In-place variant for a frame inside a caller's buffer: succeeds only when the new seqid needs exactly as many
 * bytes as the old one (always true for binary and for THeader's SEQID word). @return false otherwise.
 */
bool rewriteSeqidInPlace(Transport transport, Protocol protocol, uint8_t* frame, size_t len, int32_t seqid);

/** TApplicationException{1: string message, 2: i32 type}. */
struct ApplicationException {
  std::string message;
  int32_t type = 0;
};

/**
 * Decodes a TApplicationException struct (the body of an EXCEPTION message, after its header).
 * @return false when the bytes do not decode.
 */
bool decodeApplicationException(Protocol protocol, const uint8_t* data, size_t len, ApplicationException& out);

/**
 * Skips one value of binary-protocol type id `ttype` starting at `data`, depth-limited to kMaxDepth, validating
 * type ids and lengths. @return bytes consumed; 0 when malformed; SIZE_MAX when truncated (need more bytes).
 */
size_t skipValue(Protocol protocol, uint8_t ttype, const uint8_t* data, size_t len);

}  // namespace sluice::thrift
