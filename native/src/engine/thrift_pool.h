// Per-worker pools of connections to Thrift upstreams, shared by REST→Thrift routes (thrift_upstream.cc) and
// Thrift listeners (thrift_listener.cc): many calls outstanding per connection, each under our own seqid and
// with its own timer (the upstream's timeout_ms). Replies are delimited with thrift::findMessageEnd, matched by
// seqid and handed to the call's owner as raw frames; the owner turns them into its client's answer.
#pragma once
#include <cstdint>
#include <memory>
#include <string>
#include <unordered_map>

#include "engine/snapshot.h"
#include "engine/timer_wheel.h"
#include "sluice/thrift_wire.h"

namespace sluice {

class Worker;
class ThriftConn;
class ThriftCall;

/// How a call failed, for the owner's error mapping (REST: 502 / 504 / 503).
enum class ThriftFailure : uint8_t {
  Error,        // refused, reset, closed, or the upstream sent something that is not a valid answer
  Timeout,      // connect timeout, or no reply within timeout_ms
  Unavailable,  // the connection was retired or the worker is stopping
};

/// Whoever waits for calls (a listener's client connection; a REST call waits for itself).
class ThriftCallOwner {
 public:
  virtual ~ThriftCallOwner() = default;
  /// The reply arrived. `frame` (in the upstream's framing, see `scan`) is valid during the call only.
  /// The call is already unlinked from its connection; the owner may delete it.
  virtual void callReplied(ThriftCall* call, const uint8_t* frame, const thrift::FrameScan& scan) = 0;
  /// The call failed; `message` says why in words a client may see (no secrets). Already unlinked; the owner may
  /// delete it.
  virtual void callFailed(ThriftCall* call, ThriftFailure kind, const char* message) = 0;
};

/// One call in flight. Owned by whoever made it; linked into a ThriftConn until answered, failed or forgotten
/// (destroying a linked call forgets it: its late reply is dropped).
class ThriftCall : public TimerTarget {
 public:
  explicit ThriftCall(ThriftCallOwner* o) : owner(o) { timer.target = this; }
  ~ThriftCall() override;
  void onTimer() final;

  ThriftCallOwner* owner;       // Not owned; outlives the call.
  ThriftConn* conn = nullptr;   // Not owned; null once answered, failed or forgotten.
  Worker* worker = nullptr;     // Not owned; set when sent.
  int32_t upstreamSeqid = 0;
  TimerEntry timer;
};

/// Per-worker pools keyed by upstream and endpoint (ThriftUpstream::poolKeys). Destroying them fails every
/// call still waiting (Unavailable).
class ThriftPools {
 public:
  explicit ThriftPools(Worker* w);
  ~ThriftPools();
  /// A connection to an endpoint of `up` with room for another call (opens one if needed), or nullptr with
  /// *why (no endpoint, every endpoint ejected, socket failure).
  ThriftConn* pick(const ThriftUpstream& up, std::string* why);

 private:
  struct Pool;
  Worker* w_;  // Not owned.
  std::unordered_map<std::string, std::unique_ptr<Pool>> pools_;  // key: ThriftUpstream::poolKeys
  std::unordered_map<std::string, uint32_t> rr_;
  friend class ThriftConn;
};

/// Sends on a picked connection. `frame` must carry `seqid` (from thriftNextSeqid); `call` is null for oneway.
void thriftSend(ThriftConn* conn, int32_t seqid, std::string&& frame, ThriftCall* call);
/// A fresh seqid on `conn` (our own seqid space; never the client's).
int32_t thriftNextSeqid(ThriftConn* conn);
/// Unlinks a call whose client went away; its late reply will be dropped.
void thriftForget(ThriftCall* call);

}  // namespace sluice
