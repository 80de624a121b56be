// Timer wheel: deadlines fire once, in time, never early; cancel and re-arm from callbacks work;
// deadlines beyond one rotation wait for their round.
#include <vector>

#include "check.h"
#include "engine/timer_wheel.h"

using namespace sluice;

namespace {

struct Probe : TimerTarget {
  std::vector<uint64_t>* log = nullptr;
  uint64_t id = 0;
  TimerEntry entry;
  TimerWheel* rearmOn = nullptr;
  uint64_t rearmAt = 0;
  Probe() { entry.target = this; }
  void onTimer() override {
    log->push_back(id);
    if (rearmOn != nullptr) {
      TimerWheel* w = rearmOn;
      rearmOn = nullptr;
      w->arm(&entry, rearmAt);
    }
  }
};

}  // namespace

TEST(firesEachDeadlineOnceAndNeverEarly) {
  uint64_t t0 = 1000000;
  TimerWheel w(t0);
  std::vector<uint64_t> log;
  Probe a, b, c;
  a.log = b.log = c.log = &log;
  a.id = 1;
  b.id = 2;
  c.id = 3;
  w.arm(&a.entry, t0 + 100);
  w.arm(&b.entry, t0 + 20);
  w.arm(&c.entry, t0 + 5000);
  CHECK_EQ(w.size(), 3u);
  w.advance(t0 + 19);
  CHECK(log.empty());
  w.advance(t0 + 20);
  CHECK_EQ(log.size(), 1u);
  CHECK_EQ(log[0], 2u);
  w.advance(t0 + 99);
  CHECK_EQ(log.size(), 1u);
  w.advance(t0 + 4000);
  CHECK_EQ(log.size(), 2u);
  w.advance(t0 + 5000);
  CHECK_EQ(log.size(), 3u);
  CHECK_EQ(w.size(), 0u);
  w.advance(t0 + 20000);
  CHECK_EQ(log.size(), 3u);
}

TEST(cancelledEntriesNeverFire) {
  TimerWheel w(0);
  std::vector<uint64_t> log;
  Probe a;
  a.log = &log;
  w.arm(&a.entry, 50);
  w.cancel(&a.entry);
  w.cancel(&a.entry);  // idempotent
  w.advance(100);
  CHECK(log.empty());
  CHECK_EQ(w.size(), 0u);
}

TEST(deadlinesBeyondOneRotationWaitForTheirRound) {
  TimerWheel w(0);
  std::vector<uint64_t> log;
  Probe a;
  a.log = &log;
  uint64_t far = TimerWheel::kTickMs * TimerWheel::kSlots * 2 + 40;
  w.arm(&a.entry, far);
  for (uint64_t t = 0; t < far; t += 7) { w.advance(t); }
  CHECK(log.empty());
  w.advance(far);
  CHECK_EQ(log.size(), 1u);
}

TEST(rearmingFromACallbackWorks) {
  TimerWheel w(0);
  std::vector<uint64_t> log;
  Probe a;
  a.log = &log;
  a.rearmOn = &w;
  a.rearmAt = 300;
  w.arm(&a.entry, 100);
  w.advance(150);
  CHECK_EQ(log.size(), 1u);
  CHECK(a.entry.armed());
  w.advance(299);
  CHECK_EQ(log.size(), 1u);
  w.advance(300);
  CHECK_EQ(log.size(), 2u);
}

TEST(aLongSleepFiresEverythingDue) {
  TimerWheel w(0);
  std::vector<uint64_t> log;
  std::vector<Probe> probes(50);
  for (size_t i = 0; i < probes.size(); i++) {
    probes[i].log = &log;
    probes[i].id = i;
    w.arm(&probes[i].entry, 10 + i * 997);
  }
  w.advance(1000000);
  CHECK_EQ(log.size(), 50u);
  CHECK_EQ(w.nextWaitMs(1000000), -1);
}

TEST(pastDeadlinesFireOnTheNextAdvance) {
  TimerWheel w(5000);
  std::vector<uint64_t> log;
  Probe a;
  a.log = &log;
  w.arm(&a.entry, 10);
  CHECK(w.nextWaitMs(5000) >= 0);
  w.advance(5000);
  CHECK_EQ(log.size(), 1u);
}

int main() { return sluice_test::runAll(); }
