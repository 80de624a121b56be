// The pseudonymization part of a snapshot (contract §7): the compiled policies, the digests of the bearer tokens
// that carry the reidentify scope, and the per-plan resolution of policy names. Decoded once per publish on the
// control thread; immutable afterwards and shared by every worker through the snapshot.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "sluice/pseudo.h"

namespace sluice::transcode {
class Plan;
}

namespace sluice {

/// A caller whose bearer token carries the reidentify scope: sha256 of the token (never the token) and the
/// token's admin.tokens name (for audit lines).
struct ReidentifyToken {
  std::array<uint8_t, 32> digest{};
  std::string name;
};

/// Every policy of one config version plus who may reverse them.
struct PseudoSet {
  /// Snapshot policy index -> policy. Keys live inside the Policy objects (wiped when the last snapshot using
  /// them is released).
  std::vector<pseudo::PolicyConstSharedPtr> policies;
  std::vector<ReidentifyToken> reidentify;

  /// Index of the policy named `name`, or -1.
  int find(std::string_view name) const;
  /// The reidentify entry whose digest equals `digest`, or nullptr. Compares against every entry in constant time
  /// and never stops early.
  const ReidentifyToken* caller(const uint8_t (&digest)[32]) const;
  /// The caller behind an `Authorization` header value (`Bearer <token>`, scheme case-insensitive), or nullptr.
  /// Hashes the token with SHA-256; the raw token is never stored.
  const ReidentifyToken* callerForAuthorization(std::string_view headerValue) const;
};

/// One plan's policies, resolved against a PseudoSet: plan policy index (transcode::Plan::policyNames order) ->
/// policy, and -> snapshot policy index (for counters).
struct PlanPolicies {
  std::vector<pseudo::PolicyConstSharedPtr> byPlanIndex;
  std::vector<uint32_t> snapshotIndex;
  /// Whether any of them can be reversed (siv, ff1): only then is a caller's token worth hashing.
  bool anyReversible = false;
};

/// Resolves `plan`'s policy names. False with *why when a name is not in `set` (a plan compiled against another
/// config: never published).
bool resolvePlanPolicies(const PseudoSet& set, const transcode::Plan& plan, PlanPolicies* out, std::string* why);

/// Decodes the snapshot's pseudonymization section (format in pseudo_set.cc) starting at `p`, building every
/// Policy. Returns the bytes consumed, or 0 with *why (never containing key material) on malformed input.
size_t decodePseudoSection(const uint8_t* p, size_t n, PseudoSet* out, std::string* why);

}  // namespace sluice
