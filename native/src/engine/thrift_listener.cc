// ListenerConn state: Open (frames parsed as they arrive, calls forwarded, replies written in upstream order)
// --client EOF/reset, bad input, idle or drain--> Closed. Bad input from one client (oversized or truncated
// frames, bad versions, depth bombs, replies sent as calls) closes that connection and nothing else.
#include "engine/thrift_listener.h"

#include <unistd.h>

#include <string>
#include <unordered_set>
#include <vector>

#include "engine/engine.h"
#include "engine/pseudo_tally.h"
#include "engine/thrift_listener_codec.h"
#include "engine/thrift_listener_pseudo.h"
#include "engine/thrift_listener_counters.h"
#include "engine/thrift_pool.h"
#include "transcode/plan.h"

namespace sluice {
namespace {

using thriftin::Dialect;

constexpr size_t kMaxCallsPerClient = 256;  // beyond this a client's reads pause until replies drain
constexpr size_t kPauseAboveBytes = 1 << 20;   // replies queued for a client that does not read: stop reading it
constexpr size_t kResumeBelowBytes = 256 << 10;

class ThriftIn;

/// A client's call forwarded upstream: what its answer needs (the client's seqid and dialect, and for an
/// authorized caller the re-identification context). Owned by its ListenerConn.
struct ListenerCall final : ThriftCall {
  explicit ListenerCall(ThriftCallOwner* o) : ThriftCall(o) {}
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
};

/// One listener socket of this worker.
struct ListenerEntry final : AcceptHandler {
  ThriftIn* owner = nullptr;  // Not owned.
  std::string listen;
  std::shared_ptr<ListenerCounters> counters;
  ListenerSlot* slot = nullptr;  // this worker's slot in counters
  void onAccept(int fd) override;
};

class ListenerConn final : public IoHandler, public ThriftCallOwner, public TimerTarget {
 public:
  ListenerConn(ThriftIn* owner, ListenerEntry* entry, int fd);
  ~ListenerConn() override;

  bool idle() const { return calls_.empty() && in_.empty(); }
  /// Closes the connection; its calls are forgotten (late replies dropped by the upstream leg).
  void close();
  void beginDrain() {
    draining_ = true;
    closeIfDrained();
  }
  /// Draining: close once no call is outstanding and every reply has left (closing cancels queued sends).
  void closeIfDrained() {
    if (draining_ && calls_.empty() && sock_ != nullptr && sock_->out.bytes() == 0) { close(); }
  }

  // IoHandler
  void onRecv(const char* data, size_t len) override;
  void onRecvEnd(int) override { close(); }
  void onSendProgress(size_t queued) override {
    if (sendBlocked_ && queued < kResumeBelowBytes) {
      sendBlocked_ = false;
      updateRecv();
    }
    if (queued == 0) {
      closeIfDrained();
      if (closed_) { return; }
    }
    armTimer();
  }
  void onSendError(int) override { close(); }
  void onConnect(int) override {}
  // ThriftCallOwner (every call it gets is one of its ListenerCalls)
  void callReplied(ThriftCall* call, const uint8_t* frame, const thrift::FrameScan& scan) override;
  void callFailed(ThriftCall* call, ThriftFailure kind, const char* message) override;
  // TimerTarget: idle connection, a frame that does not complete in time, or a client that reads nothing.
  void onTimer() override { close(); }

  size_t index = 0;  // position in ThriftIn::conns_

 private:
  void protocolError() {
    slot().protocolErrors.add();
    close();
  }
  ListenerSlot& slot() { return *entry_->slot; }
  /// Handles one complete message in `d`; false when the connection was closed.
  bool handleMessage(const Dialect& d, const uint8_t* frame, const thrift::FrameScan& scan);
  void reply(std::string&& bytes);
  /// Adds one walk's policy outcomes to the snapshot's per-policy counters (direction 0 forward, 1 reverse).
  void countPseudo(const Snapshot& snap, const ListenerFunction& lf, const std::vector<transcode::PseudoCounts>& counts, size_t direction);
  void finishCall(ListenerCall* call);
  void armTimer();
  /// Reads from the client unless too many calls are outstanding or too many reply bytes wait for it.
  void updateRecv();
  const ThriftListener* currentListener(const Snapshot& snap) const;

  ThriftIn* owner_;        // Not owned; outlives its connections.
  ListenerEntry* entry_;   // Not owned; lives as long as owner_.
  Worker* w_;              // Not owned.
  IoSocket* sock_ = nullptr;  // Owned by the backend until close().
  std::string in_;         // Owned: bytes received and not yet consumed as whole frames.
  bool sniffed_ = false;   // the client's dialect is known (always, except on `header` listeners before byte 8)
  Dialect dialect_;
  bool closed_ = false;
  bool draining_ = false;
  bool paused_ = false;       // reading is paused (see updateRecv)
  bool sendBlocked_ = false;  // over kPauseAboveBytes queued for the client
  TimerEntry timer_;
  std::unordered_set<ListenerCall*> calls_;  // Owned: calls waiting for an upstream reply.
};

class ThriftIn final : public ThriftInPlugin {
 public:
  ThriftIn(Worker* w, std::vector<BoundThriftListener> listeners) : w_(w), pools_(w) {
    for (BoundThriftListener& b : listeners) {
      auto* e = new ListenerEntry();
      e->owner = this;
      e->listen = b.listen;
      e->counters = b.counters;
      e->slot = &b.counters->slot(w->index());
      entries_.emplace_back(e);
      w_->io().listen(b.fd, e);  // the backend owns the fd from here
    }
  }
  ~ThriftIn() override {
    // Clients first (they forget their calls), then the pools close their upstream connections.
    forceCloseAll();
  }
  void beginDrain() override {
    draining_ = true;
    std::vector<ListenerConn*> all = conns_;
    for (ListenerConn* c : all) { c->beginDrain(); }
  }
  size_t liveConnections() const override { return conns_.size(); }
  void forceCloseAll() override {
    while (!conns_.empty()) { conns_.back()->close(); }
  }

  void accept(ListenerEntry* e, int fd) {
    if (draining_) {
      ::close(fd);
      return;
    }
    auto* c = new ListenerConn(this, e, fd);
    c->index = conns_.size();
    conns_.push_back(c);
  }
  void closed(ListenerConn* c) {
    conns_[c->index] = conns_.back();
    conns_[c->index]->index = c->index;
    conns_.pop_back();
    w_->deferDelete(c);
  }
  Worker* worker() { return w_; }
  ThriftPools& pools() { return pools_; }
  bool draining() const { return draining_; }

 private:
  Worker* w_;  // Not owned.
  std::vector<std::unique_ptr<ListenerEntry>> entries_;
  std::vector<ListenerConn*> conns_;  // Owned until closed (then the worker's graveyard frees them).
  ThriftPools pools_;
  bool draining_ = false;
};

void ListenerEntry::onAccept(int fd) { owner->accept(this, fd); }

ListenerConn::ListenerConn(ThriftIn* owner, ListenerEntry* entry, int fd) : owner_(owner), entry_(entry), w_(owner->worker()) {
  timer_.target = this;
  sock_ = w_->io().open(fd, this);
  slot().accepted.add();
  slot().active.add();
  // The dialect comes from the config, except on `header` listeners, where the first bytes decide.
  const SnapshotConstSharedPtr& snap = w_->snapshot();
  const ThriftListener* l = snap ? currentListener(*snap) : nullptr;
  if (l != nullptr && l->transport != ThriftTransport::Header) {
    dialect_ = Dialect{static_cast<thrift::Transport>(l->transport), static_cast<thrift::Protocol>(l->protocol), 0};
    sniffed_ = true;
  }
  w_->io().startRecv(sock_);
  armTimer();
}

ListenerConn::~ListenerConn() { w_->timers().cancel(&timer_); }

const ThriftListener* ListenerConn::currentListener(const Snapshot& snap) const {
  for (const ThriftListener& l : snap.thriftListeners) {
    if (l.listen == entry_->listen) { return &l; }
  }
  return nullptr;
}

void ListenerConn::close() {
  if (closed_) { return; }
  closed_ = true;
  w_->timers().cancel(&timer_);
  // One at a time: deleting a call unlinks it from its upstream connection (its late reply is dropped), and any
  // callback that fires meanwhile finds the remaining calls still in calls_.
  while (!calls_.empty()) {
    ListenerCall* c = *calls_.begin();
    calls_.erase(calls_.begin());
    delete c;
  }
  w_->io().close(sock_);
  sock_ = nullptr;
  slot().active.sub();
  owner_->closed(this);
}

void ListenerConn::updateRecv() {
  if (closed_) { return; }
  bool pause = sendBlocked_ || calls_.size() >= kMaxCallsPerClient;
  if (pause && !paused_) {
    paused_ = true;
    w_->io().pauseRecv(sock_);
  } else if (!pause && paused_ && calls_.size() <= kMaxCallsPerClient / 2) {
    paused_ = false;
    w_->io().startRecv(sock_);
  }
}

void ListenerConn::armTimer() {
  if (closed_) { return; }
  const Limits& lim = w_->limits();
  if (sock_->out.bytes() > 0) {
    w_->timers().arm(&timer_, w_->now() + lim.sendTimeoutMs);  // a client that reads nothing this long is closed
    return;
  }
  if (!calls_.empty()) {
    w_->timers().cancel(&timer_);  // the calls have their own upstream timers
    return;
  }
  w_->timers().arm(&timer_, w_->now() + (in_.empty() ? lim.idleTimeoutMs : lim.headerTimeoutMs));
}

void ListenerConn::onRecv(const char* data, size_t len) {
  if (closed_) { return; }
  in_.append(data, len);
  size_t off = 0;
  while (!closed_ && off < in_.size()) {
    const auto* base = reinterpret_cast<const uint8_t*>(in_.data() + off);
    size_t avail = in_.size() - off;
    if (!sniffed_) {
      thriftin::Sniff s = thriftin::sniffDialect(base, avail, dialect_);
      if (s == thriftin::Sniff::NeedMore) { break; }
      if (s == thriftin::Sniff::Invalid) {
        protocolError();
        return;
      }
      sniffed_ = true;
    }
    uint8_t zlib = 0;
    thrift::FrameScan scan = thriftin::scanClientFrame(dialect_, base, avail, thrift::kDefaultMaxFrameBytes, zlib);
    if (scan.status == thrift::ScanStatus::NeedMore) { break; }
    if (scan.status == thrift::ScanStatus::Invalid) {
      protocolError();
      return;
    }
    Dialect d = dialect_;
    if (d.transport == thrift::Transport::Header) {
      d.protocol = scan.headerProtocol;  // THeader: each frame names its protocol; answer in kind
      d.headerFlags = static_cast<uint16_t>(base[6] << 8 | base[7]);
      d.zlib = zlib;
    }
    if (!handleMessage(d, base, scan)) { return; }
    off += scan.frameLength;
  }
  if (closed_) { return; }
  in_.erase(0, off);
  updateRecv();
  armTimer();
}

bool ListenerConn::handleMessage(const Dialect& d, const uint8_t* frame, const thrift::FrameScan& scan) {
  const uint8_t* payload = frame + scan.payloadOffset;
  size_t payloadLen = scan.payloadLength;
  std::string inflated;  // owns the payload with its ZLIB transforms undone; `m` points into it until we return
  if (d.zlib > 0) {
    // Bounded like a frame: a zlib bomb stops at the frame limit, corrupt data is bad input.
    if (!thriftin::inflatePayload(payload, payloadLen, d.zlib, thrift::kDefaultMaxFrameBytes, inflated)) {
      protocolError();
      return false;
    }
    payload = reinterpret_cast<const uint8_t*>(inflated.data());
    payloadLen = inflated.size();
  }
  thriftin::Message m;
  if (!thriftin::splitMessage(d.protocol, payload, payloadLen, m) ||
      (m.header.type != thrift::MessageType::Call && m.header.type != thrift::MessageType::Oneway)) {
    protocolError();
    return false;
  }
  const SnapshotConstSharedPtr snapRef = w_->snapshot();  // held for this call's routing only
  const ThriftListener* l = snapRef ? currentListener(*snapRef) : nullptr;
  if (l == nullptr || l->services.empty()) {
    close();  // the listener left the config (its socket stays bound until restart, see docs)
    return false;
  }
  // Route "Service:fn" to the service a multiplexed client names; a bare name goes to the first service.
  std::string_view full = m.header.name;
  std::string_view fn = full;
  const ListenerService* svc = &l->services[0];
  size_t colon = full.find(':');
  if (colon != std::string_view::npos) {
    std::string_view prefix = full.substr(0, colon);
    fn = full.substr(colon + 1);
    svc = nullptr;
    for (const ListenerService& s : l->services) {
      for (const std::string& n : s.muxNames) {
        if (n == prefix) { svc = &s; }
      }
      if (svc != nullptr) { break; }
    }
  }
  bool known = false, oneway = m.header.type == thrift::MessageType::Oneway;
  const ListenerFunction* lf = nullptr;
  if (svc != nullptr) {
    auto it = svc->functions.find(std::string(fn));
    if (it != svc->functions.end()) {
      known = true;
      lf = &it->second;
      oneway = lf->oneway;  // oneway is decided by the IDL, not by the message type (notes §4)
    }
  }
  const ThriftUpstream& up = snapRef->thriftUpstreams[static_cast<size_t>(l->upstreamIndex)];
  Dialect upD{static_cast<thrift::Transport>(up.transport), static_cast<thrift::Protocol>(up.protocol), 0};
  if (!known) {
    slot().unknownMethods.add();
    if (upD != d) {
      // Contract §8: unknown methods pass only when nothing has to be re-encoded.
      if (!oneway) {
        std::string out;
        thriftin::buildAppException(d, fn, m.header.seqid, thriftin::kUnknownMethod,
                                    "Sluice: method '" + std::string(full) + "' is not in the IDL and the upstream speaks another dialect", out);
        slot().appErrors.add();
        reply(std::move(out));
      }
      return true;
    }
  }
  // Pseudonymization (contract §7): values at policy positions are replaced before the upstream sees them; the
  // body is re-encoded for the upstream on the way (everything else still copied as raw bytes when it can be).
  const uint8_t* body = m.body;
  size_t bodyLen = m.bodyLen;
  thrift::Protocol bodyProtocol = d.protocol;
  std::string pseudoBody;
  if (lf != nullptr && lf->plan) {
    std::vector<transcode::PseudoCounts> counts(lf->plan->policyNames.size());
    std::string field;
    thriftin::Walk x = thriftin::walkStruct(*lf, lf->plan->function.argsStruct, false, d.protocol, m.body, m.bodyLen,
                                            upD.protocol, pseudoBody, counts.data(), &field);
    countPseudo(*snapRef, *lf, counts, 0);
    if (x == thriftin::Walk::Malformed) {
      protocolError();
      return false;
    }
    if (x == thriftin::Walk::Rejected) {
      // Fail-closed: nothing is forwarded; the message names the field, never the value.
      if (!oneway) {
        std::string out;
        thriftin::buildAppException(d, fn, m.header.seqid, thriftin::kInternalError,
                                    "Sluice: pseudonymization_failed: the value of field '" + field + "' could not be pseudonymized", out);
        slot().appErrors.add();
        reply(std::move(out));
      }
      return true;
    }
    body = reinterpret_cast<const uint8_t*>(pseudoBody.data());
    bodyLen = pseudoBody.size();
    bodyProtocol = upD.protocol;
  }
  std::string why;
  ThriftConn* conn = owner_->pools().pick(up, &why);
  if (conn == nullptr) {
    w_->counters().upstreamUnavailable.add();
    slot().upstreamErrors.add();
    if (!oneway) {
      std::string out;
      thriftin::buildAppException(d, fn, m.header.seqid, thriftin::kInternalError, "Sluice: upstream unavailable: " + why, out);
      slot().appErrors.add();
      reply(std::move(out));
    }
    return true;
  }
  std::string outName;
  if (known) {
    outName = svc->upstreamMuxName.empty() ? std::string(fn) : svc->upstreamMuxName + ":" + std::string(fn);
  } else {
    outName.assign(full);  // forwarded unchanged
  }
  int32_t seqid = thriftNextSeqid(conn);
  std::string out;
  if (!thriftin::buildMessage(upD, outName, oneway ? thrift::MessageType::Oneway : thrift::MessageType::Call, seqid,
                              bodyProtocol, body, bodyLen, out)) {
    protocolError();
    return false;
  }
  slot().calls.add();
  if (d.protocol != upD.protocol) { slot().translated.add(); }
  if (oneway) {
    slot().oneway.add();
    thriftSend(conn, seqid, std::move(out), nullptr);
    return true;
  }
  auto* call = new ListenerCall(this);
  call->clientSeqid = m.header.seqid;
  call->name.assign(fn);
  call->replyFlags = d.headerFlags;
  call->replyZlib = d.zlib;
  call->replyTransport = static_cast<uint8_t>(d.transport);
  call->replyProtocol = static_cast<uint8_t>(d.protocol);
  // Only THeader callers can carry a token (contract §8); it is hashed only when a policy can be reversed.
  std::string_view auth;
  if (lf != nullptr && lf->plan && lf->policies.anyReversible && d.transport == thrift::Transport::Header &&
      thriftin::headerInfo(frame, scan.frameLength, "authorization", auth) &&
      (call->caller = snapRef->pseudo.callerForAuthorization(auth)) != nullptr) {
    call->reidentify = true;
    call->snap = snapRef;
    call->fn = lf;
  }
  calls_.insert(call);
  thriftSend(conn, seqid, std::move(out), call);
  return true;
}

void ListenerConn::countPseudo(const Snapshot& snap, const ListenerFunction& lf, const std::vector<transcode::PseudoCounts>& counts,
                               size_t direction) {
  for (size_t i = 0; i < counts.size() && i < lf.policies.snapshotIndex.size(); i++) {
    size_t si = lf.policies.snapshotIndex[i];
    if (si >= snap.pseudoCounters.size() || !snap.pseudoCounters[si]) { continue; }
    for (size_t o = 0; o < 4; o++) {
      if (counts[i].n[o] != 0) { snap.pseudoCounters[si]->add(w_->index(), direction, o, counts[i].n[o]); }
    }
  }
}

void ListenerConn::reply(std::string&& bytes) {
  if (closed_) { return; }
  w_->io().send(sock_, std::move(bytes));
  if (!sendBlocked_ && sock_->out.bytes() > kPauseAboveBytes) {
    sendBlocked_ = true;
    updateRecv();
  }
}

void ListenerConn::finishCall(ListenerCall* call) {
  calls_.erase(call);
  delete call;
  if (closed_) { return; }
  updateRecv();
  armTimer();
}

void ListenerConn::callReplied(ThriftCall* base, const uint8_t* frame, const thrift::FrameScan& scan) {
  auto* call = static_cast<ListenerCall*>(base);
  Dialect d{static_cast<thrift::Transport>(call->replyTransport), static_cast<thrift::Protocol>(call->replyProtocol), call->replyFlags,
            call->replyZlib};
  thriftin::Message m;
  std::string out;
  bool ok = thriftin::splitMessage(scan.headerProtocol, frame + scan.payloadOffset, scan.payloadLength, m) &&
            (m.header.type == thrift::MessageType::Reply || m.header.type == thrift::MessageType::Exception);
  const uint8_t* body = m.body;
  size_t bodyLen = m.bodyLen;
  thrift::Protocol bodyProtocol = scan.headerProtocol;
  std::string restored;
  if (ok && call->reidentify && m.header.type == thrift::MessageType::Reply) {
    // Authorized caller: reversible pseudonyms at policy positions of the result are restored.
    const ListenerFunction& lf = *call->fn;
    std::vector<transcode::PseudoCounts> counts(lf.plan->policyNames.size());
    std::string field;
    thriftin::Walk x = thriftin::walkStruct(lf, lf.plan->function.resultStruct, true, scan.headerProtocol, m.body, m.bodyLen,
                                            d.protocol, restored, counts.data(), &field);
    countPseudo(*call->snap, lf, counts, 1);
    if (x == thriftin::Walk::Ok) {
      auditReidentified(w_->engine()->audit(), *call->caller, "thrift listener " + entry_->listen + " " + call->name, lf.policies, counts.data());
    }
    if (x != thriftin::Walk::Ok) {
      slot().appErrors.add();
      thriftin::buildAppException(d, call->name, call->clientSeqid, thriftin::kInternalError,
                                  x == thriftin::Walk::Rejected ? "Sluice: pseudonymization_failed: the value of field '" + field + "' could not be re-identified"
                                                                : std::string("Sluice: the upstream sent a reply that does not decode"), out);
      reply(std::move(out));
      finishCall(call);
      return;
    }
    body = reinterpret_cast<const uint8_t*>(restored.data());
    bodyLen = restored.size();
    bodyProtocol = d.protocol;
  }
  ok = ok && thriftin::buildMessage(d, m.header.name, m.header.type, call->clientSeqid, bodyProtocol, body, bodyLen, out);
  if (ok) {
    slot().replies.add();
  } else {
    out.clear();
    slot().upstreamErrors.add();
    slot().appErrors.add();
    thriftin::buildAppException(d, call->name, call->clientSeqid, thriftin::kInternalError,
                                "Sluice: the upstream sent a reply that does not decode", out);
  }
  reply(std::move(out));
  finishCall(call);
}

void ListenerConn::callFailed(ThriftCall* base, ThriftFailure kind, const char* message) {
  auto* call = static_cast<ListenerCall*>(base);
  bool timeout = kind == ThriftFailure::Timeout;
  Dialect d{static_cast<thrift::Transport>(call->replyTransport), static_cast<thrift::Protocol>(call->replyProtocol), call->replyFlags,
            call->replyZlib};
  if (timeout) {
    slot().upstreamTimeouts.add();
    w_->counters().upstreamTimeouts.add();
  } else {
    slot().upstreamErrors.add();
    w_->counters().upstreamErrors.add();
  }
  slot().appErrors.add();
  std::string out;
  thriftin::buildAppException(d, call->name, call->clientSeqid, thriftin::kInternalError, std::string("Sluice: ") + message, out);
  reply(std::move(out));
  finishCall(call);
}

}  // namespace

std::unique_ptr<ThriftInPlugin> makeThriftIn(Worker* w, std::vector<BoundThriftListener> listeners) {
  return std::unique_ptr<ThriftInPlugin>(new ThriftIn(w, std::move(listeners)));
}

}  // namespace sluice
