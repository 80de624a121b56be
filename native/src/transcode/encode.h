// Internal entry points shared by plan loading and the public API.
#pragma once

#include <string>
#include <string_view>

#include "transcode/plan.h"

namespace sluice::transcode {

/**
 * Encodes one JSON value of plan type `type` (value bytes only, no field header) in `protocol`, appending to
 * `out`. Validates the JSON first (malformed → 400 without field). With `pseudo` null, policy slots are skipped
 * (IDL defaults pre-encoded at load); otherwise they are applied through it.
 */
bool encodeJsonValue(const Plan& plan, thrift::Protocol protocol, uint32_t type, std::string_view json,
                     std::string& out, TranscodeError& err, const PseudoCall* pseudo = nullptr);

/** The JSON a field's default decodes to under the plan's options (appended to `out`). */
bool decodeDefault(const Plan& plan, const FieldDesc& f, std::string& out);

/** Fills `err` as a 400 bad_request. */
void badRequest(TranscodeError& err, std::string message, std::string field);

}  // namespace sluice::transcode
