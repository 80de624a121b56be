// Hashed timer wheel: one per worker, drives every data-plane timeout (header, idle, send, connect,
// upstream request, drain). O(1) arm/cancel via intrusive links; entries live inside their owners.
#pragma once
#include <cstddef>
#include <cstdint>
#include <vector>

namespace sluice {

class TimerWheel;

/// Something that wants to hear about its deadline.
class TimerTarget {
 public:
  virtual ~TimerTarget() = default;
  /// Called once when the armed deadline passes; the entry is already disarmed.
  virtual void onTimer() = 0;
};

/// An intrusive wheel entry. Embedded in its owner; MUST be cancelled (or expired) before the owner dies.
struct TimerEntry {
  TimerEntry* prev = nullptr;
  TimerEntry* next = nullptr;
  uint64_t deadlineMs = 0;
  TimerTarget* target = nullptr;  // Not owned; the entry is a member of its target.
  bool armed() const { return prev != nullptr; }
};

class TimerWheel {
 public:
  static constexpr uint64_t kTickMs = 8;
  static constexpr uint32_t kSlots = 1024;

  explicit TimerWheel(uint64_t nowMs);
  TimerWheel(const TimerWheel&) = delete;
  TimerWheel& operator=(const TimerWheel&) = delete;

  /// Arms (or re-arms) `e` to fire at `deadlineMs` (absolute, monotonic ms).
  void arm(TimerEntry* e, uint64_t deadlineMs);
  /// Disarms `e` if armed; safe to call on an unarmed entry.
  void cancel(TimerEntry* e);
  /// Fires every entry whose deadline is <= nowMs. Targets may arm/cancel entries from onTimer.
  void advance(uint64_t nowMs);
  /// Milliseconds until the next tick worth waking for, or -1 when nothing is armed.
  int64_t nextWaitMs(uint64_t nowMs) const;
  size_t size() const { return count_; }

 private:
  uint32_t slotOf(uint64_t ms) const { return static_cast<uint32_t>((ms / kTickMs) % kSlots); }
  std::vector<TimerEntry> heads_;  // sentinel per slot (circular list)
  uint64_t cursorMs_;               // start of the next slot to scan
  size_t count_ = 0;
};

/// Monotonic clock in milliseconds.
uint64_t monotonicMs();

}  // namespace sluice
