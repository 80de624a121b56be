// Re-identification audit records (contract §7): one per re-identifying request and policy, written by workers and
// drained in batches by the control plane (NativeEngine.drainAudit, polled about once a second), so there is no
// per-request crossing into JS. Bounded: when the control plane falls behind, new records are dropped and counted
// (never blocking a worker). Records hold the token's configured name, the route id, the policy name and a count —
// never a value, token or key.
#pragma once

#include <cstdint>
#include <deque>
#include <mutex>
#include <string>
#include <vector>

namespace sluice {

struct AuditRecord {
  std::string caller;  // admin.tokens name of the bearer token
  std::string route;   // route id
  std::string policy;  // policy name
  uint32_t count = 0;  // values restored under that policy in this request
};

class AuditLog {
 public:
  static constexpr size_t kCapacity = 65536;
  /// Any worker thread. Drops (and counts) the record when the log is full.
  void push(AuditRecord&& r);
  /// Control thread: takes every record so far, oldest first.
  std::vector<AuditRecord> drain();
  /// Records dropped because the log was full (since start).
  uint64_t dropped() const;

 private:
  mutable std::mutex mu_;
  std::deque<AuditRecord> records_;  // guarded by mu_
  uint64_t dropped_ = 0;             // guarded by mu_
};

}  // namespace sluice
