// The engine: N worker threads (Option A of native-dataplane.md: plain pthreads, no V8 on them),
// one SO_REUSEPORT listener each, a snapshot slot they all read, and the counters they write.
// All public methods are for the control (JS) thread.
#pragma once
#include <atomic>
#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "engine/counters.h"
#include "engine/io_backend.h"
#include "engine/limits.h"
#include "engine/audit_log.h"
#include "engine/snapshot.h"

namespace sluice {

class Worker;
class ListenerCounters;

struct EngineConfig {
  std::string host = "127.0.0.1";
  uint16_t port = 0;
  size_t workers = 0;              // 0 = one per core
  std::string backend = "auto";    // auto | io_uring | epoll
  Limits limits;
};

class Engine {
 public:
  /// Binds the listeners, starts the workers and waits until every one is serving.
  /// Returns nullptr with *why on failure (nothing is left running).
  static std::unique_ptr<Engine> start(const EngineConfig& cfg, std::shared_ptr<Snapshot> initial, std::string* why);
  ~Engine();

  const char* backendName() const { return kind_ == BackendKind::IoUring ? "io_uring" : "epoll"; }
  /// Why `auto` fell back to epoll (empty when it did not).
  const std::string& fallbackReason() const { return fallbackReason_; }
  size_t workerCount() const { return workers_.size(); }
  uint16_t port() const { return port_; }

  /// Swaps in a new snapshot for every worker; requests in flight keep the one they started with.
  void publish(std::shared_ptr<Snapshot> s);
  /// Worker threads: the current snapshot and its generation (cheap check before the load).
  uint64_t generation() const { return generation_.load(std::memory_order_acquire); }
  SnapshotConstSharedPtr snapshot() const;

  /// Stops accepting (listeners closed first), lets in-flight requests finish for up to graceMs,
  /// then closes what is left and stops the workers. Non-blocking; see waitStopped().
  void drain(uint64_t graceMs);
  /// Blocks until every worker thread has exited (call after drain()).
  void waitStopped();
  bool drainRequested() const { return drainRequested_.load(std::memory_order_acquire); }
  uint64_t drainDeadlineMs() const { return drainDeadlineMs_.load(std::memory_order_acquire); }

  CounterRegistry& registry() { return *registry_; }
  /// Re-identification audit records, drained by the control plane (any thread may push).
  AuditLog& audit() { return audit_; }
  const std::vector<std::unique_ptr<Worker>>& workers() const { return workers_; }
  /// Counters of each Thrift listener bound at start (fixed for the engine's lifetime).
  const std::vector<std::shared_ptr<ListenerCounters>>& listenerCounters() const { return listenerCounters_; }

 private:
  Engine() = default;
  BackendKind kind_ = BackendKind::Epoll;
  std::string fallbackReason_;
  uint16_t port_ = 0;
  std::vector<std::unique_ptr<Worker>> workers_;
  std::unique_ptr<CounterRegistry> registry_;
  std::vector<std::shared_ptr<ListenerCounters>> listenerCounters_;
  AuditLog audit_;
  mutable std::mutex snapMu_;
  SnapshotConstSharedPtr snap_;
  std::atomic<uint64_t> generation_{0};
  std::atomic<bool> drainRequested_{false};
  std::atomic<uint64_t> drainDeadlineMs_{0};
  bool joined_ = false;
};

}  // namespace sluice
