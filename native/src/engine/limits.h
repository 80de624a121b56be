// Request limits and timeouts (contract §2 `limits`), fixed for the engine's lifetime.
#pragma once
#include <cstdint>

namespace sluice {

struct Limits {
  uint64_t maxHeaderBytes = 65536;
  uint64_t maxBodyBytes = 4194304;
  uint64_t headerTimeoutMs = 10000;  // whole request head (and then body progress) must arrive in time
  uint64_t idleTimeoutMs = 60000;    // keep-alive connection with no request
  uint64_t sendTimeoutMs = 60000;    // client reads nothing for this long -> closed
};

}  // namespace sluice
