// One request/response pair on a client connection, from the end of its head to the last response
// byte. Owned by its ClientConn (unique_ptr); the upstream connection serving it only borrows it.
#pragma once
#include <cstdint>
#include <string>
#include <vector>

#include "engine/http_parser.h"
#include "engine/router.h"
#include "engine/snapshot.h"

namespace sluice {

/// How the response body is framed towards the client.
enum class BodyFraming : uint8_t { None, Length, Chunked, UntilClose };

struct Exchange {
  SnapshotConstSharedPtr snapshot;  // the version this request started on (RCU reference)
  const Route* route = nullptr;     // Not owned; lives inside `snapshot`.
  std::string rawHead;              // owned copy of the request head; `head` and `params` view into it
  RequestHead head;
  std::vector<PathParam> params;
  std::string body;                 // de-chunked request body
  ChunkedDecoder chunked;
  uint64_t bodyRemaining = 0;       // Content-Length bytes still to read
  std::string requestId;
  uint64_t startUs = 0;
  bool isHead = false;
  bool idempotent = false;
  // Response side.
  bool headSent = false;
  BodyFraming framing = BodyFraming::None;
  int status = 0;
  int attempts = 0;
  uint32_t triedMask = 0;  // endpoints already tried (bit per index, first 32)

  /// Back to a fresh exchange, keeping the storage of its strings and vectors for the next request
  /// (a body over 64 KiB is let go). Drops the snapshot reference.
  void recycle();
};

/// Monotonic microseconds.
uint64_t monotonicUs();

}  // namespace sluice
