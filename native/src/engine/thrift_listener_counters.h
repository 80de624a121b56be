// Counters of one Thrift listener (contract §8), exported in /metrics. One cache-line-aligned slot per worker,
// written only by that worker (relaxed single-writer counters, as in counters.h); the control thread sums them.
#pragma once
#include <cstdint>
#include <memory>
#include <string>

#include "engine/counters.h"

namespace sluice {

/// One worker's share of a listener's counters.
struct alignas(64) ListenerSlot {
  Counter accepted;        // client connections accepted
  Counter active;          // client connections open now
  Counter calls;           // calls forwarded upstream (oneway included)
  Counter oneway;          // of which oneway (no reply waited for)
  Counter replies;         // upstream replies sent back to clients
  Counter translated;      // calls re-encoded for an upstream of another protocol
  Counter unknownMethods;  // calls for methods the IDL does not know
  Counter appErrors;       // TApplicationExceptions produced by Sluice (unknown method, upstream failure)
  Counter upstreamErrors;  // upstream refused, reset, closed or sent bytes that are not a reply
  Counter upstreamTimeouts;
  Counter protocolErrors;  // client connections closed for bad input (oversized, bad version, depth, truncation)
};

/// Counters of one listener across workers; lives as long as the engine (listeners are fixed at start).
class ListenerCounters {
 public:
  ListenerCounters(std::string listen, size_t workers) : listen_(std::move(listen)), slots_(new ListenerSlot[workers]), workers_(workers) {}
  const std::string& listen() const { return listen_; }
  /// The slot a worker writes (worker thread only).
  ListenerSlot& slot(size_t worker) { return slots_[worker]; }
  /// Sum of one counter over every worker (control thread).
  template <typename F>
  uint64_t sum(F field) const {
    uint64_t t = 0;
    for (size_t i = 0; i < workers_; i++) { t += (slots_[i].*field).get(); }
    return t;
  }
  uint16_t port = 0;  // the bound port (set once at start, before any worker runs)

 private:
  std::string listen_;
  std::unique_ptr<ListenerSlot[]> slots_;
  size_t workers_;
};

}  // namespace sluice
