#include "engine/exchange.h"

#include <time.h>

namespace sluice {

void Exchange::recycle() {
  std::string keepHead = std::move(rawHead);
  std::vector<HeaderField> keepFields = std::move(head.headers);
  std::vector<PathParam> keepParams = std::move(params);
  std::string keepBody = std::move(body);
  std::string keepId = std::move(requestId);
  *this = Exchange();
  keepHead.clear();
  keepFields.clear();
  keepParams.clear();
  keepId.clear();
  rawHead = std::move(keepHead);
  head.headers = std::move(keepFields);
  params = std::move(keepParams);
  requestId = std::move(keepId);
  if (keepBody.capacity() <= (64u << 10)) {
    keepBody.clear();
    body = std::move(keepBody);
  }
}

uint64_t monotonicUs() {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return static_cast<uint64_t>(ts.tv_sec) * 1000000u + static_cast<uint64_t>(ts.tv_nsec) / 1000u;
}

}  // namespace sluice
