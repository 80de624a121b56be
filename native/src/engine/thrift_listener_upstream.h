// The upstream leg of Thrift listeners (contract §8): per-worker pools of connections to Thrift upstreams, many
// calls outstanding per connection, each under our own seqid and with its own timer (upstream timeout_ms).
// Replies are delimited with thrift::findMessageEnd and matched by seqid; the caller turns them back into the
// client's dialect. Same shape as the REST path's pool (thrift_upstream.cc), but it hands back raw frames.
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
}

namespace sluice::thriftin {

class ForwardConn;
class ForwardCall;

/// Whoever waits for forwarded calls (a listener's client connection).
class ForwardClient {
 public:
  virtual ~ForwardClient() = default;
  /// The reply arrived. `frame` (in the upstream's framing, see `scan`) is valid during the call only.
  /// The call is already unlinked from its connection; the client deletes it.
  virtual void callReplied(ForwardCall* call, const uint8_t* frame, const thrift::FrameScan& scan) = 0;
  /// The call failed (`timeout`: no reply within timeout_ms). Already unlinked; the client deletes it.
  virtual void callFailed(ForwardCall* call, bool timeout, const char* message) = 0;
};

/// One call in flight. Owned by its client (ForwardClient); linked into a ForwardConn until answered.
class ForwardCall final : public TimerTarget {
 public:
  explicit ForwardCall(ForwardClient* c) : client(c) { timer.target = this; }
  ~ForwardCall() override;
  void onTimer() override;

  ForwardClient* client;        // Not owned; outlives the call.
  ForwardConn* conn = nullptr;  // Not owned; null once answered, failed or forgotten.
  Worker* worker = nullptr;     // Not owned; set when sent.
  int32_t upstreamSeqid = 0;
  int32_t clientSeqid = 0;
  std::string name;             // bare method name, for an exception we may have to produce
  uint8_t replyTransport = 0;   // the client's dialect for this call's answer (thrift::Transport, Protocol)
  uint8_t replyProtocol = 0;
  uint16_t replyFlags = 0;      // THeader flags the client sent
  uint8_t replyZlib = 0;        // THeader ZLIB transforms the client sent (the reply carries as many)
  // Re-identification (contract §7): set when the caller's THeader token carries the reidentify scope. The
  // snapshot reference keeps `fn` (which points into it) alive until the reply is handled.
  bool reidentify = false;
  const ReidentifyToken* caller = nullptr;  // lives in `snap`
  SnapshotConstSharedPtr snap;
  const ListenerFunction* fn = nullptr;
  TimerEntry timer;
};

/// Per-worker pools keyed by upstream and endpoint. Torn down with the worker's Thrift-in state.
class ForwardPools {
 public:
  explicit ForwardPools(Worker* w);
  ~ForwardPools();
  /// A connection to an endpoint of `up` with room for another call (opens one if needed), or nullptr with
  /// *why (no endpoint, every endpoint ejected, socket failure).
  ForwardConn* pick(const ThriftUpstream& up, std::string* why);

 private:
  struct Pool;
  Worker* w_;  // Not owned.
  std::unordered_map<std::string, std::unique_ptr<Pool>> pools_;  // key "<upstream>|<endpoint>|<transport,protocol>|<timeout>"
  std::unordered_map<std::string, uint32_t> rr_;
  friend class ForwardConn;
};

/// Sends on a picked connection. `frame` must carry `seqid` (from nextSeqid); `call` is null for oneway.
void forwardSend(ForwardConn* conn, int32_t seqid, std::string&& frame, ForwardCall* call);
/// A fresh seqid on `conn` (our own seqid space; never the client's).
int32_t forwardNextSeqid(ForwardConn* conn);
/// Unlinks a call whose client went away; its late reply will be dropped.
void forwardForget(ForwardCall* call);

}  // namespace sluice::thriftin
