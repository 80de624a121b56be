#include "engine/pseudo_tally.h"

namespace sluice {

void tallyPseudo(const Snapshot& snap, const PlanPolicies& pol, const transcode::PseudoCounts* counts, size_t worker,
                 size_t direction) {
  if (counts == nullptr) return;
  for (size_t i = 0; i < pol.snapshotIndex.size(); ++i) {
    size_t s = pol.snapshotIndex[i];
    if (s >= snap.pseudoCounters.size() || !snap.pseudoCounters[s]) continue;
    for (size_t o = 0; o < kPseudoOutcomes; ++o) {
      if (counts[i].n[o] != 0) snap.pseudoCounters[s]->add(worker, direction, o, counts[i].n[o]);
    }
  }
}

void auditReidentified(AuditLog& log, const ReidentifyToken& caller, const std::string& route, const PlanPolicies& pol,
                       const transcode::PseudoCounts* counts) {
  if (counts == nullptr) return;
  for (size_t i = 0; i < pol.byPlanIndex.size(); ++i) {
    uint32_t restored = counts[i].n[static_cast<size_t>(pseudo::FieldStatus::Transformed)];
    if (restored != 0) log.push({caller.name, route, pol.byPlanIndex[i]->name(), restored});
  }
}

}  // namespace sluice
