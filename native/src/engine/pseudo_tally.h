// Turns one call's per-policy outcome counts (transcode::PseudoCounts) into the engine's counters and, for
// re-identifying requests, audit records. Worker thread; no allocation unless a record is written.
#pragma once

#include <cstddef>
#include <string>

#include "engine/audit_log.h"
#include "engine/snapshot.h"
#include "sluice/transcode.h"

namespace sluice {

/// Adds `counts` (one per plan policy of `pol`) to snap.pseudoCounters for `worker`; direction 0 forward, 1 reverse.
void tallyPseudo(const Snapshot& snap, const PlanPolicies& pol, const transcode::PseudoCounts* counts, size_t worker,
                 size_t direction);

/// One audit record per policy that restored at least one value for `caller` on `route`.
void auditReidentified(AuditLog& log, const ReidentifyToken& caller, const std::string& route, const PlanPolicies& pol,
                       const transcode::PseudoCounts* counts);

}  // namespace sluice
