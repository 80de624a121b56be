// Passive health of one upstream endpoint on one worker (HTTP and Thrift pools alike).
#pragma once
#include <cstddef>
#include <cstdint>

namespace sluice {

/// Consecutive failures eject an endpoint for kEjectForMs. While it is ejected, one probe request per
/// kProbeEveryMs may still be sent to it when no healthy endpoint is left (Envoy's panic routing, rate
/// limited): a short outage of a route's only endpoint then costs about a second of 503s, not the whole window.
struct EndpointHealth {
  static constexpr uint32_t kEjectAfterFailures = 5;
  static constexpr uint64_t kEjectForMs = 10000;
  static constexpr uint64_t kProbeEveryMs = 1000;

  uint32_t consecutiveFailures = 0;
  uint64_t ejectedUntilMs = 0;
  uint64_t nextProbeMs = 0;

  bool healthy(uint64_t nowMs) const { return ejectedUntilMs <= nowMs; }
  /// For an ejected endpoint: whether a probe may go now; claims the slot (no second probe within kProbeEveryMs).
  bool claimProbe(uint64_t nowMs) {
    if (healthy(nowMs) || nowMs < nextProbeMs) { return false; }
    nextProbeMs = nowMs + kProbeEveryMs;
    return true;
  }
  /// A call completed: the endpoint is healthy again (this ends an ejection when the call was a probe).
  void succeeded() {
    consecutiveFailures = 0;
    ejectedUntilMs = 0;
  }
  /// A call failed for a reason the endpoint answers for; ejects (or re-ejects after a failed probe).
  void failed(uint64_t nowMs) {
    if (++consecutiveFailures >= kEjectAfterFailures) {
      ejectedUntilMs = nowMs + kEjectForMs;
      nextProbeMs = nowMs + kProbeEveryMs;
    }
  }
};

/// Round-robin from `start` over `n` endpoints: the first healthy pool, else an ejected one whose probe slot is free
/// (claiming it), else nullptr. `poolAt(i)` returns endpoint i's pool (anything with an EndpointHealth `health`).
template <class Pool, class PoolAt>
Pool* pickHealthy(size_t n, uint32_t start, uint64_t nowMs, PoolAt poolAt) {
  Pool* ejected[32];  // endpoints beyond 32 are not probed; they come back when their ejection ends
  size_t ne = 0;
  for (size_t k = 0; k < n; k++) {
    Pool* p = poolAt((start + k) % n);
    if (p->health.healthy(nowMs)) { return p; }
    if (ne < 32) { ejected[ne++] = p; }
  }
  for (size_t k = 0; k < ne; k++) {
    if (ejected[k]->health.claimProbe(nowMs)) { return ejected[k]; }
  }
  return nullptr;
}

}  // namespace sluice
