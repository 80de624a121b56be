#include "engine/audit_log.h"

namespace sluice {

void AuditLog::push(AuditRecord&& r) {
  std::lock_guard<std::mutex> g(mu_);
  if (records_.size() >= kCapacity) {
    dropped_++;
    return;
  }
  records_.push_back(std::move(r));
}

std::vector<AuditRecord> AuditLog::drain() {
  std::lock_guard<std::mutex> g(mu_);
  std::vector<AuditRecord> out(std::make_move_iterator(records_.begin()), std::make_move_iterator(records_.end()));
  records_.clear();
  return out;
}

uint64_t AuditLog::dropped() const {
  std::lock_guard<std::mutex> g(mu_);
  return dropped_;
}

}  // namespace sluice
