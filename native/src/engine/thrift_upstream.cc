// REST→Thrift calls (contract §4): a request is encoded by its route's plan, sent on a pooled Thrift upstream
// connection (thrift_pool.cc: seqids, timers, passive health) and the reply decoded into the HTTP response.
// Failures map to contract §6: 502 upstream_error, 504 upstream_timeout, 503 upstream_unavailable.
#include "engine/thrift_upstream.h"

#include <strings.h>

#include <cstdio>
#include <cstring>

#include "engine/client_conn.h"
#include "engine/engine.h"
#include "engine/error_response.h"
#include "engine/exchange.h"
#include "engine/http_upstream.h"
#include "engine/pseudo_tally.h"
#include "engine/thrift_pool.h"
#include "engine/worker.h"
#include "sluice/thrift_wire.h"
#include "sluice/transcode.h"

namespace sluice {
namespace {

/// The worker's pools for REST→Thrift routes (created on the worker's first such call).
struct RestThriftPools final : WorkerPlugin {
  explicit RestThriftPools(Worker* w) : pools(w) {}
  ThriftPools pools;
};

/// One REST call waiting for its reply. Owns itself: deleted once answered, failed or abandoned by its client.
class PendingCall final : public UpstreamCall, public ThriftCall, public ThriftCallOwner {
 public:
  PendingCall(ClientConn* c, Exchange* ex) : ThriftCall(this), client(c), ex(ex) {}
  void clientDrained() override {}
  void clientGone() override { delete this; }  // unlinks: the late reply is dropped
  void callReplied(ThriftCall* call, const uint8_t* frame, const thrift::FrameScan& scan) override;
  void callFailed(ThriftCall* call, ThriftFailure kind, const char* message) override;

  ClientConn* client;  // Not owned; detaches via clientGone().
  Exchange* ex;        // Not owned; lives in client.
  // The caller whose bearer token carries the reidentify scope, or null. Not owned: lives in ex->snapshot.
  const ReidentifyToken* reidentify = nullptr;
};

void respond(ClientConn* c, int status, std::string&& headerLines, const std::string& body, bool json) {
  std::string head;
  head.reserve(64 + headerLines.size());
  appendStatusLine(head, status);
  head += headerLines;
  if (json && !body.empty()) { head += "Content-Type: application/json; charset=utf-8\r\n"; }
  BodyFraming f = status == 204 || status == 304 ? BodyFraming::None : BodyFraming::Length;
  c->respondHead(status, std::move(head), f, body.size());
  c->respondBody(body.data(), body.size());
  c->respondEnd();
}

void PendingCall::callReplied(ThriftCall*, const uint8_t* frame, const thrift::FrameScan& scan) {
  Worker* w = client->worker();
  transcode::ResponseOut out;
  const ThriftTarget& target = ex->route->thrift;
  if (reidentify != nullptr) {
    // Only authorized callers get values reversed (and only they are counted and audited in this direction).
    std::vector<transcode::PseudoCounts> counts(target.policies.byPlanIndex.size());
    transcode::PseudoCall pc;
    pc.policies = target.policies.byPlanIndex.data();
    pc.policyCount = target.policies.byPlanIndex.size();
    pc.reidentify = true;
    pc.counts = counts.data();
    transcode::decodeReply(*target.loaded, frame + scan.payloadOffset, scan.payloadLength, out, &pc);
    tallyPseudo(*ex->snapshot, target.policies, counts.data(), w->index(), 1);
    auditReidentified(w->engine()->audit(), *reidentify, ex->route->id, target.policies, counts.data());
  } else {
    transcode::decodeReply(*target.loaded, frame + scan.payloadOffset, scan.payloadLength, out);
  }
  std::string headers;
  for (const auto& h : out.headers) {
    headers += h.first;
    headers += ": ";
    headers += h.second;
    headers += "\r\n";
  }
  if (out.status >= 500) { w->counters().upstreamErrors.add(); }
  ClientConn* c = client;
  c->setUpstream(nullptr);
  delete this;
  respond(c, out.status, std::move(headers), out.body, true);
}

void PendingCall::callFailed(ThriftCall*, ThriftFailure kind, const char* message) {
  ClientConn* c = client;
  int status = kind == ThriftFailure::Timeout ? 504 : kind == ThriftFailure::Unavailable ? 503 : 502;
  const char* code = status == 504 ? "upstream_timeout" : status == 503 ? "upstream_unavailable" : "upstream_error";
  if (status == 504) { c->worker()->counters().upstreamTimeouts.add(); } else { c->worker()->counters().upstreamErrors.add(); }
  c->setUpstream(nullptr);
  delete this;
  c->sendError(status, code, message, false);
}

std::string percentDecode(std::string_view v) {
  std::string out;
  out.reserve(v.size());
  for (size_t i = 0; i < v.size(); i++) {
    auto hex = [](char c) { return c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1; };
    if (v[i] == '%' && i + 2 < v.size() && hex(v[i + 1]) >= 0 && hex(v[i + 2]) >= 0) {
      out += static_cast<char>(hex(v[i + 1]) * 16 + hex(v[i + 2]));
      i += 2;
    } else {
      out += v[i];
    }
  }
  return out;
}

}  // namespace

void startThriftCall(ClientConn* c, Exchange* ex) {
  Worker* w = c->worker();
  const Snapshot& snap = *ex->snapshot;
  const ThriftTarget& t = ex->route->thrift;
  const ThriftUpstream& up = snap.thriftUpstreams[static_cast<size_t>(t.upstreamIndex)];
  if (!w->thriftState()) { w->thriftState().reset(new RestThriftPools(w)); }
  std::string why;
  ThriftConn* conn = static_cast<RestThriftPools&>(*w->thriftState()).pools.pick(up, &why);
  if (conn == nullptr) {
    w->counters().upstreamUnavailable.add();
    c->sendError(503, "upstream_unavailable", why, false);
    return;
  }

  // Build the call from the request (views stay valid: they point into the exchange).
  std::vector<std::string> decoded;
  decoded.reserve(ex->params.size());
  std::vector<transcode::NameValue> params;
  for (const PathParam& p : ex->params) {
    decoded.push_back(percentDecode(p.value));
    params.push_back({p.name, decoded.back()});
  }
  std::vector<transcode::NameValue> headers;
  headers.reserve(ex->head.headers.size());
  for (const HeaderField& h : ex->head.headers) { headers.push_back({h.name, h.value}); }
  transcode::RequestView view;
  view.method = ex->head.method;
  view.pathParams = params.data();
  view.pathParamCount = params.size();
  view.rawQuery = ex->head.query;
  view.headers = headers.data();
  view.headerCount = headers.size();
  view.body = ex->body;
  view.rawTarget = ex->head.target;
  int32_t seqid = thriftNextSeqid(conn);
  std::string frame;
  transcode::TranscodeError err;
  // Request-direction pseudonymization (contract §7): policies resolved at publish, counts per call.
  std::vector<transcode::PseudoCounts> counts(t.policies.byPlanIndex.size());
  transcode::PseudoCall pc;
  pc.policies = t.policies.byPlanIndex.data();
  pc.policyCount = t.policies.byPlanIndex.size();
  pc.counts = counts.empty() ? nullptr : counts.data();
  bool encoded = transcode::encodeCall(*t.loaded, view, seqid, frame, err, &pc);
  tallyPseudo(snap, t.policies, pc.counts, w->index(), 0);
  if (!encoded) {
    std::string body;
    transcode::renderErrorBody(err, body);
    respond(c, err.status != 0 ? err.status : 400, std::string(), body, true);
    return;
  }
  // Oneway calls get no reply: answer 204 once the call is queued.
  bool oneway = false;
  thrift::FrameScan scan = thrift::findMessageEnd(static_cast<thrift::Transport>(up.transport), static_cast<thrift::Protocol>(up.protocol),
                                                  reinterpret_cast<const uint8_t*>(frame.data()), frame.size());
  thrift::MessageHeader mh;
  if (scan.status == thrift::ScanStatus::Complete &&
      thrift::readMessageBegin(static_cast<thrift::Protocol>(up.protocol), reinterpret_cast<const uint8_t*>(frame.data()) + scan.payloadOffset, scan.payloadLength, mh) > 0) {
    oneway = mh.type == thrift::MessageType::Oneway;
  }
  if (oneway) {
    thriftSend(conn, seqid, std::move(frame), nullptr);
    respond(c, 204, std::string(), std::string(), false);
    return;
  }
  auto* call = new PendingCall(c, ex);
  if (t.policies.anyReversible && !snap.pseudo.reidentify.empty()) {
    for (const HeaderField& h : ex->head.headers) {
      if (h.name.size() == 13 && strncasecmp(h.name.data(), "authorization", 13) == 0) {
        call->reidentify = snap.pseudo.callerForAuthorization(h.value);
        break;
      }
    }
  }
  c->setUpstream(call);
  thriftSend(conn, seqid, std::move(frame), call);
}

}  // namespace sluice
