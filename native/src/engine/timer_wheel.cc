#include "engine/timer_wheel.h"

#include <time.h>

namespace sluice {

uint64_t monotonicMs() {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return static_cast<uint64_t>(ts.tv_sec) * 1000u + static_cast<uint64_t>(ts.tv_nsec) / 1000000u;
}

TimerWheel::TimerWheel(uint64_t nowMs) : heads_(kSlots), cursorMs_(nowMs - nowMs % kTickMs) {
  for (TimerEntry& h : heads_) { h.prev = h.next = &h; }
}

void TimerWheel::arm(TimerEntry* e, uint64_t deadlineMs) {
  cancel(e);
  e->deadlineMs = deadlineMs;
  // A deadline already in the past goes into the current slot so the next advance() fires it.
  TimerEntry& head = heads_[slotOf(deadlineMs < cursorMs_ ? cursorMs_ : deadlineMs)];
  e->next = &head;
  e->prev = head.prev;
  head.prev->next = e;
  head.prev = e;
  count_++;
}

void TimerWheel::cancel(TimerEntry* e) {
  if (!e->armed()) { return; }
  e->prev->next = e->next;
  e->next->prev = e->prev;
  e->prev = e->next = nullptr;
  count_--;
}

void TimerWheel::advance(uint64_t nowMs) {
  // Scan every slot from the cursor up to now; entries due in a later rotation stay put.
  uint32_t scanned = 0;
  while (cursorMs_ <= nowMs && count_ > 0) {
    TimerEntry& head = heads_[slotOf(cursorMs_)];
    // Detach the due entries first so targets can freely re-arm into this same slot.
    TimerEntry due;
    due.prev = due.next = &due;
    for (TimerEntry* e = head.next; e != &head;) {
      TimerEntry* next = e->next;
      if (e->deadlineMs <= nowMs) {
        e->prev->next = e->next;
        e->next->prev = e->prev;
        e->next = &due;
        e->prev = due.prev;
        due.prev->next = e;
        due.prev = e;
      }
      e = next;
    }
    while (due.next != &due) {
      TimerEntry* e = due.next;
      e->prev->next = e->next;
      e->next->prev = e->prev;
      e->prev = e->next = nullptr;
      count_--;
      e->target->onTimer();
    }
    if (cursorMs_ + kTickMs > nowMs) { break; }  // current slot stays open for entries due later in it
    cursorMs_ += kTickMs;
    if (++scanned > kSlots) {  // long sleep: one full rotation visited every slot already
      cursorMs_ = nowMs - nowMs % kTickMs;
    }
  }
  if (count_ == 0) { cursorMs_ = nowMs - nowMs % kTickMs; }
}

int64_t TimerWheel::nextWaitMs(uint64_t nowMs) const {
  if (count_ == 0) { return -1; }
  uint64_t next = cursorMs_ + kTickMs;
  return next > nowMs ? static_cast<int64_t>(next - nowMs) : 0;
}

}  // namespace sluice
