// Native JSON <-> Thrift transcoder driven by compiled plans (issue 5 part 2; contract §3, §5, §6).
//
// A Plan is loaded once per config snapshot from the blob that src/plan (TypeScript) compiles per route; it is
// immutable after load and may be shared by every worker thread (hold it as PlanConstSharedPtr). Encoding streams
// JSON tokens and HTTP text values straight into Thrift bytes, decoding streams Thrift bytes straight out as
// JSON: there is no intermediate object tree. Malformed input of any kind yields an error status, never a crash;
// work is bounded (nesting depth 64, every length checked against the input before use).
//
// Blob format: docs/design/transcoder.md. Nothing in this API throws.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "sluice/thrift_wire.h"

namespace sluice::pseudo {
class Policy;
}

namespace sluice::transcode {

class Plan;
using PlanConstSharedPtr = std::shared_ptr<const Plan>;

enum class LoadStatus : uint8_t { Ok, BadMagic, BadVersion, Truncated, BadReference, BadDefault };

/**
 * Parses a plan blob (the bytes src/plan's compilePlan/compileTypePlan produce). The blob is copied; the caller
 * keeps ownership of `blob`.
 * @param status receives why loading failed; the result is null then.
 */
PlanConstSharedPtr loadPlan(const uint8_t* blob, size_t len, LoadStatus& status);

/** One name/value pair. Both views are owned by the caller and must outlive the call they are passed to. */
struct NameValue {
  std::string_view name;
  std::string_view value;
};

/**
 * The parts of an HTTP request the bindings read. Every view is owned by the caller (typically the connection's
 * receive buffer) and must stay valid for the duration of encodeCall; the transcoder keeps no reference after it
 * returns.
 */
struct RequestView {
  std::string_view method;
  /** Route parameters (`:name`, `*name`), already percent-decoded. */
  const NameValue* pathParams = nullptr;
  size_t pathParamCount = 0;
  /** Query string after `?`, still percent-encoded (empty when none). */
  std::string_view rawQuery;
  /** Request headers as received (names compared case-insensitively; repeats allowed). Cookies are read from
   * the `Cookie` header(s) here. */
  const NameValue* headers = nullptr;
  size_t headerCount = 0;
  /** The request body (after any transfer decoding). */
  std::string_view body;
  /** The request-target exactly as received (path and query, still encoded), for `api.raw_uri`. */
  std::string_view rawTarget;
};

/** Why a transcoding step failed. */
enum class ErrorKind : uint8_t {
  None,
  BadRequest,       // 400 bad_request: malformed JSON, wrong type, out of range, missing required, bad text value
  UpstreamError,    // 502 upstream_error: reply bytes that do not decode
  Internal,         // 500 internal_error: a plan inconsistency (a bug; never caused by input)
  PseudoFailed,     // 422 pseudonymization_failed: a policy could not transform a value and fails closed (§6, §7)
};

/** Outcome counts of one policy during one call, indexed by sluice::pseudo::FieldStatus (transformed, unchanged,
 * passed_on_error, rejected). */
struct PseudoCounts {
  uint32_t n[4] = {0, 0, 0, 0};
};

/**
 * Pseudonymization for one call (contract §7). Plan types whose `policy` slot is set are transformed: forward
 * (Policy::forward/forwardInt) while encoding a request, reverse (Policy::reverse/reverseInt) while decoding a reply
 * when `reidentify` is set. Everything is owned by the caller and outlives the call. Without a PseudoCall (nullptr),
 * encoding a plan that has policy slots fails closed (500), and decoding leaves every value as it is on the wire.
 * IDL defaults filled in for absent fields are not transformed (they are IDL constants, not caller data).
 */
struct PseudoCall {
  /** Plan policy index (Plan::policyNames order) -> policy; the engine resolves them once per snapshot. */
  const std::shared_ptr<const pseudo::Policy>* policies = nullptr;
  size_t policyCount = 0;
  /** Response direction: restore reversible values (the caller's bearer token carries the reidentify scope). */
  bool reidentify = false;
  /** Optional, `policyCount` entries, zeroed by the caller: what this call did per policy. */
  PseudoCounts* counts = nullptr;
};

/** A request-side error: status, stable code and the field to blame (§6). */
struct TranscodeError {
  ErrorKind kind = ErrorKind::None;
  uint16_t status = 0;
  /** `bad_request`, `upstream_error`, ... (contract §6 codes). */
  std::string code;
  std::string message;
  /** The value as the client sent it: `person.email`, `tags[2]`, `query:ids`, `path:id`, `header:X-Trace-Id`,
   * `cookie:sid`; empty when no single value is to blame (e.g. JSON that does not parse). */
  std::string field;
};

/**
 * Appends the §6 envelope for `err` to `out`:
 * `{"error":{"code":…,"message":…,"field":…,"detail":{}}}` (`field` omitted when empty).
 */
void renderErrorBody(const TranscodeError& err, std::string& out);

/**
 * Builds the whole Thrift CALL (or ONEWAY) message for the plan's function from the HTTP request: message header
 * (name, seqid) and args struct in the plan's protocol, wrapped in the plan's transport framing.
 * @param out caller-owned; the frame is APPENDED (out is not cleared). On failure `out` is restored to its
 *        original size.
 * @return true on success; false with `err` filled (400 bad_request with the field path) otherwise.
 */
bool encodeCall(const Plan& plan, const RequestView& request, int32_t seqid, std::string& out, TranscodeError& err,
                const PseudoCall* pseudo = nullptr);

/** The HTTP response produced from a reply. Owns all its storage. */
struct ResponseOut {
  uint16_t status = 0;
  /** Response headers to add (besides Content-Type, which the caller sets when `body` is non-empty). */
  std::vector<std::pair<std::string, std::string>> headers;
  /** JSON body (empty for 204). */
  std::string body;
  /** For error statuses: the §6 code (`upstream_error`, `upstream_application_error`, `NS.Type` of a declared
   * exception); empty on success. */
  std::string errorCode;
};

/**
 * Maps a reply message (the protocol message only, without transport framing — see thrift::findMessageEnd's
 * payloadOffset/payloadLength) to status, headers and JSON body: struct returns → body (api.header fields →
 * headers, api.http_code field → status, api.none dropped); other types → the JSON value; void → 204;
 * declared exceptions → §6 envelope with their status; TApplicationException → 502 (UNKNOWN_METHOD 501);
 * anything undecodable → 502 upstream_error; a reversible value that fails to restore for an authorized caller
 * (tampered token, removed key) under a fail-closed policy → 422 pseudonymization_failed, never partial plaintext.
 * @param reply caller-owned, read only during the call.
 * @param out overwritten.
 */
void decodeReply(const Plan& plan, const uint8_t* reply, size_t len, ResponseOut& out, const PseudoCall* pseudo = nullptr);

// ---- Value-level transcoding (the plan's root type), for `sluice encode/decode`, tests and benchmarks ----

/**
 * JSON text → Thrift bytes of the plan's root type (compileTypePlan), in `protocol`. IDL defaults are applied to
 * absent fields at every level, required fields are checked, and §5 rules decide what is accepted.
 * @param out caller-owned; appended to; restored to its original size on failure.
 */
bool jsonToThrift(const Plan& plan, thrift::Protocol protocol, std::string_view json, std::string& out,
                  TranscodeError& err, const PseudoCall* pseudo = nullptr);

/**
 * Thrift bytes of the plan's root type → JSON text (§5), in `protocol`.
 * @param out caller-owned; appended to; restored to its original size on failure.
 * @return false (with err.kind UpstreamError) when the bytes do not decode.
 */
bool thriftToJson(const Plan& plan, thrift::Protocol protocol, const uint8_t* data, size_t len, std::string& out,
                  TranscodeError& err, const PseudoCall* pseudo = nullptr);

}  // namespace sluice::transcode
