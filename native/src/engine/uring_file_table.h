// The ring's registered-file table, used as a mirror of real descriptors. A socket keeps its own fd
// (getpeername for X-Forwarded-For, setsockopt, shutdown and close need one; direct-only descriptors
// would need 6.7+/6.8+ opcodes for those) and also sits in a slot of the table, and its recv/send SQEs
// name the slot with IOSQE_FIXED_FILE: the kernel then skips the per-operation file lookup and
// reference count (fget/fput, an atomic pair per SQE in a multi-threaded process).
//
// Slot lifetime: install() fills a slot synchronously (one register syscall per connection, so the
// first SQE may use it at once); the socket's close queues a FILES_UPDATE SQE that empties it, and
// the slot is reused only after that SQE's CQE (release()): a later install must not be overwritten
// by an earlier, not yet submitted clear. Operations already in flight hold their own file reference,
// so emptying the slot never pulls a file from under them.
#pragma once
#include <liburing.h>
#include <sys/resource.h>

#include <vector>

namespace sluice {

class UringFileTable {
 public:
  /// Registers a sparse table of up to `wanted` slots (capped by RLIMIT_NOFILE). False: the table is
  /// unused and every socket goes by its plain fd.
  bool init(io_uring* ring, unsigned wanted) {
    rlimit rl{};
    if (getrlimit(RLIMIT_NOFILE, &rl) == 0 && rl.rlim_cur != RLIM_INFINITY && rl.rlim_cur < wanted) {
      wanted = static_cast<unsigned>(rl.rlim_cur);
    }
    if (wanted == 0 || io_uring_register_files_sparse(ring, wanted) != 0) { return false; }
    free_.reserve(wanted);
    for (unsigned i = wanted; i > 0; i--) { free_.push_back(static_cast<int>(i - 1)); }
    size_ = wanted;
    return true;
  }

  /// Puts fd in a free slot; the slot, or -1 when the table is full or unused (the socket then goes by fd).
  int install(io_uring* ring, int fd) {
    if (free_.empty()) { return -1; }
    int slot = free_.back();
    if (io_uring_register_files_update(ring, static_cast<unsigned>(slot), &fd, 1) != 1) { return -1; }
    free_.pop_back();
    return slot;
  }

  /// Prepares the SQE that empties `slot`; call release(slot) when its CQE arrives.
  static void prepClear(io_uring_sqe* sqe, int slot) {
    // The kernel reads the fd array when it issues the SQE; a static -1 outlives any submission.
    static int kEmpty = -1;
    io_uring_prep_files_update(sqe, &kEmpty, 1, slot);
  }

  /// The slot is empty in the kernel again and may be handed out.
  void release(int slot) { free_.push_back(slot); }

  unsigned size() const { return size_; }
  unsigned inUse() const { return size_ - static_cast<unsigned>(free_.size()); }

 private:
  std::vector<int> free_;  // free slot numbers, lowest on top
  unsigned size_ = 0;
};

}  // namespace sluice
