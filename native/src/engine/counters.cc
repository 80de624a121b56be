#include "engine/counters.h"

namespace sluice {

void RouteCounters::record(size_t worker, int status, uint64_t latencyUs) {
  RouteSlot& s = slots_[worker];
  int cls = status / 100;
  if (cls >= 1 && cls <= 5) { s.byClass[cls].add(); }
  size_t b = 0;
  while (b + 1 < kLatencyBuckets && latencyUs > kLatencyBoundsUs[b]) { b++; }
  s.latency[b].add();
  s.latencySumUs.add(latencyUs);
}

uint64_t RouteCounters::byClass(int cls) const {
  uint64_t n = 0;
  for (size_t w = 0; w < workers_; w++) { n += slots_[w].byClass[cls].get(); }
  return n;
}

uint64_t RouteCounters::latencyBucket(size_t i) const {
  uint64_t n = 0;
  for (size_t w = 0; w < workers_; w++) { n += slots_[w].latency[i].get(); }
  return n;
}

uint64_t RouteCounters::latencySumUs() const {
  uint64_t n = 0;
  for (size_t w = 0; w < workers_; w++) { n += slots_[w].latencySumUs.get(); }
  return n;
}

std::shared_ptr<RouteCounters> CounterRegistry::forRoute(const std::string& id) {
  std::lock_guard<std::mutex> g(mu_);
  auto it = routes_.find(id);
  if (it != routes_.end()) { return it->second; }
  auto c = std::make_shared<RouteCounters>(id, workers_);
  routes_.emplace(id, c);
  return c;
}

std::shared_ptr<PseudoCounters> CounterRegistry::forPolicy(const std::string& name) {
  std::lock_guard<std::mutex> g(mu_);
  auto it = policies_.find(name);
  if (it != policies_.end()) { return it->second; }
  auto c = std::make_shared<PseudoCounters>(name, workers_);
  policies_.emplace(name, c);
  return c;
}

uint64_t PseudoCounters::total(size_t direction, size_t outcome) const {
  uint64_t sum = 0;
  for (size_t w = 0; w < workers_; w++) { sum += slots_[w].n[direction][outcome].get(); }
  return sum;
}

}  // namespace sluice
