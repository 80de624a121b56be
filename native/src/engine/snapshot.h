// The immutable configuration a worker serves from. Built on the control thread from the bytes
// TypeScript encodes (src/native/snapshot-encoding.ts), then shared as shared_ptr<const Snapshot>:
// a request holds the snapshot it started with until it finishes (RCU by reference count).
#pragma once
#include <netinet/in.h>
#include <sys/socket.h>

#include <cstdint>
#include <memory>
#include <string>
#include <unordered_map>
#include <vector>

#include "engine/counters.h"
#include "engine/pseudo_set.h"
#include "engine/router.h"
#include "sluice/transcode.h"

namespace sluice {

/// A resolved upstream address ("host:port" resolved once at publish time, never per request).
struct Endpoint {
  std::string name;  // as configured, e.g. "127.0.0.1:9000"; also the per-worker pool key
  sockaddr_storage addr{};
  socklen_t addrLen = 0;
};

enum class Balance : uint8_t { RoundRobin = 0, LeastRequest = 1 };
enum class RouteKind : uint8_t { Proxy = 1, Thrift = 2 };
enum class ThriftTransport : uint8_t { Framed = 0, Buffered = 1, Header = 2 };
enum class ThriftProtocol : uint8_t { Binary = 0, Compact = 1 };

struct ProxyTarget {
  std::vector<Endpoint> endpoints;
  std::string stripPrefix;
  Balance balance = Balance::RoundRobin;
  uint32_t connectTimeoutMs = 1000;
  uint32_t timeoutMs = 3000;
  uint32_t maxConnections = 64;
};

struct ThriftUpstream {
  std::string name;
  std::vector<Endpoint> endpoints;
  ThriftTransport transport = ThriftTransport::Framed;
  ThriftProtocol protocol = ThriftProtocol::Binary;
  uint32_t connectTimeoutMs = 1000;
  uint32_t timeoutMs = 3000;
  uint32_t maxConnections = 64;
  std::string multiplexedName;  // empty = not multiplexed
  // Per endpoint, the worker's connection-pool key, built once at decode (never per call): upstream name, endpoint,
  // transport, protocol and timeout, so a reload that changes any of them never reuses old connections.
  std::vector<std::string> poolKeys;
};

struct ThriftTarget {
  std::string upstream;
  int upstreamIndex = -1;  // into Snapshot::thriftUpstreams
  std::string plan;        // opaque plan bytes from src/plan (the transcoder reads them)
  transcode::PlanConstSharedPtr loaded;  // loaded once at publish time, shared by every worker
  PlanPolicies policies;  // the plan's policy names resolved against Snapshot::pseudo at publish time
};

struct Route {
  std::string id;
  std::vector<std::string> methods;  // empty = any
  std::string path;
  RouteKind kind = RouteKind::Proxy;
  ProxyTarget proxy;
  ThriftTarget thrift;
  std::shared_ptr<RouteCounters> counters;  // shared with the registry; survives republishing
};

/// One function a Thrift listener serves. `plan` is set only when the function has pseudonymization positions
/// (contract §7): then `hot[t]` tells whether plan type t or anything inside it carries a policy, so the walker
/// decodes only those fields and copies the rest as raw bytes.
struct ListenerFunction {
  bool oneway = false;
  transcode::PlanConstSharedPtr plan;  // null: no policy anywhere in this function's args or result
  PlanPolicies policies;               // plan policy index -> policy, resolved at publish time
  std::vector<uint8_t> hot;
};

/// One IDL service served by a Thrift listener (contract §8).
struct ListenerService {
  std::string qname;                  // "people.PeopleService"
  std::vector<std::string> muxNames;  // service names a multiplexed client may put before ':'
  std::string upstreamMuxName;        // non-empty: calls are forwarded as "<this>:<fn>"
  std::unordered_map<std::string, ListenerFunction> functions;  // every function (inherited too)
};

/// A Thrift-in listener (contract §8). Its socket is bound at engine start (listen addresses are fixed for the
/// engine's lifetime); the service and upstream mapping follows the snapshot, matched by `listen`.
struct ThriftListener {
  std::string listen;  // "host:port" exactly as configured: the key that ties it to a bound socket
  ThriftTransport transport = ThriftTransport::Framed;
  ThriftProtocol protocol = ThriftProtocol::Binary;
  std::string upstream;
  int upstreamIndex = -1;                 // into Snapshot::thriftUpstreams
  std::vector<ListenerService> services;  // [0] serves names without a "Service:" prefix
};

struct Snapshot {
  uint64_t version = 0;
  std::vector<Route> routes;
  std::vector<ThriftUpstream> thriftUpstreams;
  std::vector<ThriftListener> thriftListeners;
  Router router;
  PseudoSet pseudo;  // contract §7: policies (with their keys) and the reidentify token digests
  /// Per snapshot policy index: counters kept across snapshots by policy name (set by Engine::publish).
  std::vector<std::shared_ptr<PseudoCounters>> pseudoCounters;
};

using SnapshotConstSharedPtr = std::shared_ptr<const Snapshot>;

/// Turns a configured "host:port" into an address in *out, or returns false with a non-empty *why.
using EndpointResolver = bool (*)(const std::string& hostPort, Endpoint* out, std::string* why);

/// Resolves "host:port" (IPv4, [IPv6] or a hostname, first address) into *out.
bool resolveEndpoint(const std::string& hostPort, Endpoint* out, std::string* why);

/// Decodes the binary snapshot (format documented in snapshot.cc), resolving every endpoint through `resolve`
/// (the fuzzer passes one that never touches the network), and builds its router.
/// Returns nullptr with a non-empty *why on malformed input or an endpoint `resolve` rejects.
std::shared_ptr<Snapshot> decodeSnapshot(const uint8_t* data, size_t len, std::string* why,
                                         EndpointResolver resolve = resolveEndpoint);

}  // namespace sluice
