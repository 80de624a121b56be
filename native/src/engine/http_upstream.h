// Upstream side of proxy routes: per-worker keep-alive pools keyed by endpoint, endpoint choice
// (round-robin / least-request, passive ejection), retries, and the HTTP/1.1 response relay.
// The response-boundary logic lives in the connection class (HttpUpstreamConn); a Thrift
// connection type can sit in the same pool shape with its own framing (see docs/design/native-engine.md).
#pragma once
#include <cstdint>
#include <string>
#include <vector>

#include "engine/endpoint_health.h"
#include "engine/exchange.h"
#include "engine/http_parser.h"
#include "engine/io_backend.h"
#include "engine/timer_wheel.h"

namespace sluice {

class Worker;
class ClientConn;
class HttpUpstreamConn;

/// What the client side may tell the upstream call serving it.
class UpstreamCall {
 public:
  virtual ~UpstreamCall() = default;
  /// The client's send queue dropped below the low watermark: resume reading the upstream.
  virtual void clientDrained() = 0;
  /// The client connection is going away: abandon the call (the upstream connection is not reused).
  virtual void clientGone() = 0;
};

/// Per-worker state of one endpoint: idle keep-alive connections and health.
class UpstreamPool {
 public:
  UpstreamPool(Worker* w, const Endpoint& ep) : worker(w), endpoint(ep) {}
  ~UpstreamPool();
  Worker* worker;                        // Not owned.
  Endpoint endpoint;                     // refreshed from the snapshot on every use
  std::vector<HttpUpstreamConn*> idle;   // Owned (LIFO: the warmest connection first)
  uint32_t total = 0;                    // open connections (idle + busy + connecting)
  uint32_t active = 0;                   // requests in flight (least-request balancing)
  EndpointHealth health;
};

/// Starts (or retries) forwarding the exchange of `c` to the route's upstream.
void startProxy(ClientConn* c, Exchange* ex);

/// Builds the upstream request (exposed for unit tests): request line with strip_prefix applied,
/// hop-by-hop headers removed, X-Forwarded-For/-Proto and X-Request-Id set, body de-chunked.
std::string buildUpstreamRequest(const Exchange& ex, const std::string& peerIp);

}  // namespace sluice
