// What liburing 2.3 (Debian bookworm) lacks and we use; every feature is still probed at run time.
#pragma once
#include <liburing.h>
#include <sys/mman.h>

#ifndef IORING_SETUP_NO_SQARRAY
#define IORING_SETUP_NO_SQARRAY (1U << 16)
#endif
#ifndef IORING_RECVSEND_BUNDLE
#define IORING_RECVSEND_BUNDLE (1U << 4)
#endif
#ifndef IORING_FEAT_RECVSEND_BUNDLE
#define IORING_FEAT_RECVSEND_BUNDLE (1U << 14)
#endif

namespace sluice::compat {

/// liburing 2.4's io_uring_setup_buf_ring, rebuilt from 2.3 primitives: mmap a page-aligned ring of
/// `entries` (power of two) slots, register it as group `bgid`, init it. Returns nullptr with *err.
/// Ownership: the caller munmaps `entries * sizeof(io_uring_buf)` bytes after unregistering.
inline io_uring_buf_ring* setupBufRing(io_uring* ring, unsigned entries, int bgid, int* err) {
  size_t bytes = entries * sizeof(struct io_uring_buf);
  void* mem = mmap(nullptr, bytes, PROT_READ | PROT_WRITE, MAP_ANONYMOUS | MAP_PRIVATE, -1, 0);
  if (mem == MAP_FAILED) {
    *err = -ENOMEM;
    return nullptr;
  }
  auto* br = static_cast<io_uring_buf_ring*>(mem);
  struct io_uring_buf_reg reg = {};
  reg.ring_addr = reinterpret_cast<unsigned long>(br);
  reg.ring_entries = entries;
  reg.bgid = static_cast<__u16>(bgid);
  int rc = io_uring_register_buf_ring(ring, &reg, 0);
  if (rc != 0) {
    munmap(mem, bytes);
    *err = rc;
    return nullptr;
  }
  io_uring_buf_ring_init(br);
  return br;
}

}  // namespace sluice::compat
