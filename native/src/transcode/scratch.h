// Per-thread scratch storage for the encoder and decoder stacks, so a call reuses capacity instead of
// allocating. A nested use on the same thread (defaults decoded while loading) gets its own storage.
#pragma once

#include <memory>

namespace sluice::transcode {

/** Lends this thread's T (cleared by the user) or, when it is already lent, a fresh one owned by the lease. */
template <class T>
class ScratchLease {
 public:
  ScratchLease() {
    if (inUse()) {
      own_ = std::make_unique<T>();
      p_ = own_.get();
    } else {
      inUse() = true;
      p_ = &shared();
    }
  }
  ~ScratchLease() {
    if (!own_) inUse() = false;
  }
  ScratchLease(const ScratchLease&) = delete;
  ScratchLease& operator=(const ScratchLease&) = delete;
  T& get() { return *p_; }

 private:
  static T& shared() {
    thread_local T t;
    return t;
  }
  static bool& inUse() {
    thread_local bool b = false;
    return b;
  }
  std::unique_ptr<T> own_;
  T* p_;  // Not owned when it points at the thread's shared T.
};

}  // namespace sluice::transcode
