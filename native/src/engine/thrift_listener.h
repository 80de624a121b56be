// Thrift listeners (contract §8): Thrift clients connect to a `thrift_listeners` address; each call is checked,
// routed to a service by its (multiplexed) name, re-encoded for the listener's upstream when the dialects differ
// and forwarded under a fresh seqid; the reply goes back in the client's dialect with the client's seqid.
// Design and decisions: docs/thrift-listeners.md.
#pragma once
#include <memory>
#include <vector>

#include "engine/worker.h"

namespace sluice {

/// Creates a worker's Thrift-in state and starts accepting on `listeners` (worker thread, after the backend is up).
std::unique_ptr<ThriftInPlugin> makeThriftIn(Worker* w, std::vector<BoundThriftListener> listeners);

}  // namespace sluice
