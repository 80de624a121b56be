// Pseudonymization on Thrift listeners (contract §7, §8): a Thrift→Thrift walker over a function's plan that
// transforms only the values whose plan type carries a policy — forward for calls, reverse for replies to callers
// authorized by the reidentify scope — decodes only the fields on the way to them, and copies every other field
// as raw bytes (or re-encodes it when the protocols differ).
#pragma once
#include <cstdint>
#include <string>
#include <vector>

#include "engine/snapshot.h"
#include "sluice/thrift_wire.h"
#include "sluice/transcode.h"

namespace sluice::thriftin {

/// For each plan type: 1 when it or anything reachable inside it carries a policy (computed once per snapshot).
std::vector<uint8_t> policyReach(const transcode::Plan& plan);

enum class Walk : uint8_t {
  Ok,
  Rejected,   // a policy failed closed: nothing may be forwarded (contract §7)
  Malformed,  // the bytes are not the struct they claim to be
};

/**
 * Re-encodes struct `structIndex` of `fn.plan` from `inProtocol` (`body`, one whole struct) into `outProtocol`,
 * appending to `out`: values at policy positions go through their policy (reverse when `reverse`), everything else
 * is copied. @param counts fn.plan->policyNames.size() entries, caller-zeroed: outcomes per plan policy.
 * @param field on Rejected: the path of the value that failed as the Thrift caller names it, arguments by name and
 *   the result as `return` (`person.phone`, `return.people[1].phone`, `attrs.color`); never the value.
 */
Walk walkStruct(const ListenerFunction& fn, uint32_t structIndex, bool reverse, thrift::Protocol inProtocol,
                const uint8_t* body, size_t len, thrift::Protocol outProtocol, std::string& out,
                transcode::PseudoCounts* counts, std::string* field);

}  // namespace sluice::thriftin
