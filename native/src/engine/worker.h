// One data-plane thread: owns its backend (ring or epoll), listener, timer wheel, client
// connections and upstream pools. Nothing here is shared with other workers except the engine's
// snapshot slot and counters (see engine.h). All methods run on the worker thread unless noted.
#pragma once
#include <atomic>
#include <cstdint>
#include <memory>
#include <string>
#include <thread>
#include <unordered_map>
#include <vector>

#include "engine/counters.h"
#include "engine/exchange.h"
#include "engine/io_backend.h"
#include "engine/limits.h"
#include "engine/snapshot.h"
#include "engine/timer_wheel.h"

namespace sluice {

class Engine;
class ClientConn;
class UpstreamPool;

/// Per-worker state owned by a protocol module (e.g. the Thrift pools), torn down with the worker
/// before its backend so its sockets close through the backend.
class WorkerPlugin {
 public:
  virtual ~WorkerPlugin() = default;
};

/// The Thrift-in module's per-worker state (thrift_listener.cc): its listeners, client connections and
/// upstream pools. The worker asks it about drain and teardown.
class ThriftInPlugin {
 public:
  virtual ~ThriftInPlugin() = default;
  /// Listeners are already closed: close idle connections, let the others finish their calls.
  virtual void beginDrain() = 0;
  /// Client connections still open.
  virtual size_t liveConnections() const = 0;
  /// Drain deadline passed: close everything now.
  virtual void forceCloseAll() = 0;
};

class ListenerCounters;

/// A Thrift listener socket bound by the engine for one worker (handed over before the worker starts).
struct BoundThriftListener {
  std::string listen;  // the configured "host:port": matches ThriftListener::listen in snapshots
  int fd = -1;         // Owned until the worker's backend takes it.
  std::shared_ptr<ListenerCounters> counters;
};

class Worker final : public AcceptHandler, public WakeHandler {
 public:
  Worker(Engine* engine, size_t index, BackendKind kind, int listenFd, const Limits& limits);
  ~Worker() override;
  /// Control thread, before start(): adds a Thrift listener socket this worker accepts on.
  void addThriftListener(BoundThriftListener l) { thriftListeners_.push_back(std::move(l)); }
  /// Control thread: starts the thread and blocks until the backend is up (true) or failed.
  bool start(std::string* why);
  /// Control thread: waits for the thread to exit.
  void join();
  /// Any thread: interrupts the worker's wait so it re-reads commands and the snapshot.
  void wake();
  bool exited() const { return exited_.load(std::memory_order_acquire); }

  IoBackend& io() { return *io_; }
  TimerWheel& timers() { return *wheel_; }
  /// Monotonic ms as of the loop's latest wake-up (handlers run within microseconds of it).
  uint64_t now() const { return nowMs_; }
  /// Monotonic µs as of the loop's latest wake-up: request start and end stamps for latency.
  uint64_t nowUs() const { return nowUs_; }
  const Limits& limits() const { return limits_; }
  WorkerCounters& counters() { return counters_; }
  const WorkerCounters& counters() const { return counters_; }
  size_t index() const { return index_; }
  Engine* engine() { return engine_; }
  bool draining() const { return draining_; }
  const SnapshotConstSharedPtr& snapshot() const { return snapshot_; }
  /// The per-worker keep-alive pool for an endpoint (created on first use).
  UpstreamPool& pool(const Endpoint& ep);
  /// Slot for the Thrift module's per-worker pools (created by it on first use).
  std::unique_ptr<WorkerPlugin>& thriftState() { return thrift_; }
  /// Round-robin cursor for a route id.
  uint32_t nextRoundRobin(const std::string& routeId);
  /// Writes a fresh 128-bit hex request id into *out (replacing its contents).
  void newRequestId(std::string* out);
  /// A fresh exchange (storage reused from finished ones when kept).
  std::unique_ptr<Exchange> takeExchange();
  /// Takes back a finished exchange: recycled and kept for the next request (up to a bound).
  void giveExchange(std::unique_ptr<Exchange> ex);
  /// Scratch head for parsing requests on this worker (storage kept across requests).
  RequestHead& scratchHead() { return scratchHead_; }
  /// A client connection finished closing; the worker frees it after the current dispatch round.
  void connectionClosed(ClientConn* c);
  /// Frees `h` after the current dispatch round (callers may still be inside its callbacks).
  void deferDelete(IoHandler* h) { graveyard_.push_back(h); }

  // AcceptHandler
  void onAccept(int fd) override;
  // WakeHandler
  void onWake() override;
  void onWaitReturned() override;

 private:
  void run();
  void refreshSnapshot();
  void beginDrain();
  void forceCloseAll();
  /// Notes traffic and trims the heap once it has stopped; true while a trim is still due.
  bool trimAfterQuiet();

  Engine* engine_;  // Not owned; the engine outlives its workers.
  size_t index_;
  BackendKind kind_;
  int listenFd_;    // Owned until handed to the backend.
  Limits limits_;
  int wakeFd_ = -1;
  std::unique_ptr<IoBackend> io_;
  std::unique_ptr<TimerWheel> wheel_;
  uint64_t nowMs_ = 0;
  uint64_t nowUs_ = 0;
  uint64_t trafficSeen_ = 0;    // requests + accepted connections when last looked at
  uint64_t lastTrafficMs_ = 0;
  bool trimPending_ = false;
  std::vector<std::unique_ptr<Exchange>> spareExchanges_;  // Owned; recycled, at most kSpareExchanges
  RequestHead scratchHead_;
  SnapshotConstSharedPtr snapshot_;
  uint64_t snapshotGen_ = 0;
  bool draining_ = false;
  uint64_t drainDeadlineMs_ = 0;
  std::vector<ClientConn*> conns_;  // Owned; index kept in each conn.
  std::vector<IoHandler*> graveyard_;  // Owned; closed objects freed between dispatch rounds.
  std::unordered_map<std::string, std::unique_ptr<UpstreamPool>> pools_;
  std::unordered_map<std::string, uint32_t> rr_;
  std::unique_ptr<WorkerPlugin> thrift_;
  std::vector<BoundThriftListener> thriftListeners_;  // handed to thriftIn_ when the thread starts
  std::unique_ptr<ThriftInPlugin> thriftIn_;
  uint64_t rng_[2] = {0, 0};
  WorkerCounters counters_;
  std::thread thread_;
  std::atomic<int> startState_{0};  // 0 pending, 1 ok, -1 failed
  std::string startError_;
  std::atomic<bool> exited_{false};
};

}  // namespace sluice
