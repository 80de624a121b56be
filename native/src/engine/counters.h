// Data-plane counters. Each worker writes only its own slot (single writer, relaxed atomics, no
// lock prefix); the control thread sums slots on demand. No per-request crossing into JS.
#pragma once
#include <atomic>
#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

namespace sluice {

/// Latency histogram upper bounds in microseconds (the last bucket is +Inf).
constexpr uint64_t kLatencyBoundsUs[] = {500, 1000, 2500, 5000, 10000, 25000, 50000, 100000, 250000, 500000, 1000000, 2500000, 5000000, 10000000};
constexpr size_t kLatencyBuckets = sizeof(kLatencyBoundsUs) / sizeof(kLatencyBoundsUs[0]) + 1;

/// Single-writer counter: the owning worker bumps it without a locked instruction.
struct Counter {
  std::atomic<uint64_t> v{0};
  void add(uint64_t n = 1) { v.store(v.load(std::memory_order_relaxed) + n, std::memory_order_relaxed); }
  void sub(uint64_t n = 1) { v.store(v.load(std::memory_order_relaxed) - n, std::memory_order_relaxed); }
  uint64_t get() const { return v.load(std::memory_order_relaxed); }
};

/// One worker's share of one route's counters; cache-line aligned so workers never share a line.
struct alignas(64) RouteSlot {
  Counter byClass[6];  // index = status / 100 (1..5); 0 unused
  Counter latency[kLatencyBuckets];
  Counter latencySumUs;
};

/// Counters of one route id, kept across snapshots so publishing never resets them.
class RouteCounters {
 public:
  RouteCounters(std::string id, size_t workers) : id_(std::move(id)), slots_(new RouteSlot[workers]), workers_(workers) {}
  /// Records one finished request on `worker` (called only from that worker's thread).
  void record(size_t worker, int status, uint64_t latencyUs);
  const std::string& id() const { return id_; }
  uint64_t byClass(int cls) const;
  uint64_t latencyBucket(size_t i) const;
  uint64_t latencySumUs() const;

 private:
  std::string id_;
  std::unique_ptr<RouteSlot[]> slots_;
  size_t workers_;
};

/// Worker-wide counters (one per worker, written by that worker only).
struct alignas(64) WorkerCounters {
  Counter activeConnections;
  Counter acceptedConnections;
  Counter requests;
  Counter upstreamErrors;       // refused/reset/closed/undecodable
  Counter upstreamTimeouts;
  Counter upstreamUnavailable;  // 503: no endpoint or pool full
  Counter upstreamRetries;
  Counter upstreamConnects;
  Counter poolIdle;             // idle upstream connections right now
  Counter poolActive;           // upstream connections carrying a request right now
  Counter enobufs;              // provided-buffer ring ran dry (multishot recv re-armed)
  Counter badRequests;          // 400/431/413 produced by the parser
  Counter unmatched;            // 404/405
};

/// Pseudonymization outcome indexes: the order of sluice::pseudo::FieldStatus.
constexpr size_t kPseudoOutcomes = 4;  // transformed, unchanged, passed_on_error, rejected
constexpr size_t kPseudoDirections = 2;  // 0 forward (request), 1 reverse (response)

/// One worker's share of one policy's counters.
struct alignas(64) PseudoSlot {
  Counter n[kPseudoDirections][kPseudoOutcomes];
};

/// Outcome counts of one policy name, kept across snapshots (a reload never resets them). Counts only, never
/// values (contract §7).
class PseudoCounters {
 public:
  PseudoCounters(std::string policy, size_t workers) : policy_(std::move(policy)), slots_(new PseudoSlot[workers]), workers_(workers) {}
  /// Adds `count` outcomes on `worker` (called only from that worker's thread).
  void add(size_t worker, size_t direction, size_t outcome, uint64_t count) { slots_[worker].n[direction][outcome].add(count); }
  const std::string& policy() const { return policy_; }
  /// Sum over workers. Control thread.
  uint64_t total(size_t direction, size_t outcome) const;

 private:
  std::string policy_;
  std::unique_ptr<PseudoSlot[]> slots_;
  size_t workers_;
};

/// Registry of every route id ever published; lives as long as the engine.
class CounterRegistry {
 public:
  explicit CounterRegistry(size_t workers) : workers_(workers) {}
  /// Returns the counters for `id`, creating them on first use. Control thread only.
  std::shared_ptr<RouteCounters> forRoute(const std::string& id);
  /// Returns the pseudonymization counters of policy `name`, creating them on first use. Control thread only.
  std::shared_ptr<PseudoCounters> forPolicy(const std::string& name);
  /// Calls fn for every policy's counters. Control thread only.
  template <typename F>
  void forEachPolicy(F fn) {
    std::lock_guard<std::mutex> g(mu_);
    for (auto& kv : policies_) { fn(*kv.second); }
  }
  /// Calls fn for every route's counters. Control thread only.
  template <typename F>
  void forEach(F fn) {
    std::lock_guard<std::mutex> g(mu_);
    for (auto& kv : routes_) { fn(*kv.second); }
  }

 private:
  size_t workers_;
  std::mutex mu_;
  std::map<std::string, std::shared_ptr<RouteCounters>> routes_;
  std::map<std::string, std::shared_ptr<PseudoCounters>> policies_;
};

}  // namespace sluice
