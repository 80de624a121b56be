// Per-socket send queue. Ownership: the queue owns every byte until the send that carries it
// completes; chunks [0, pinned) are referenced by an in-flight send SQE and are never modified,
// moved or freed until its CQE (std::deque::push_back keeps element addresses stable).
#pragma once
#include <sys/uio.h>

#include <cstddef>
#include <deque>
#include <string>
#include <vector>

namespace sluice {

/// Storage of sent chunks, kept per thread for the next copy-in: a proxied response then costs no
/// allocation for its bytes. Bounded (count and size), and held by no connection, so idle
/// keep-alive connections keep nothing.
class ChunkPool {
 public:
  static constexpr size_t kMaxChunk = 16384;
  static constexpr size_t kMaxKept = 256;
  /// An empty string with capacity for at least n bytes when one is kept, else an empty one.
  static std::string take(size_t n) {
    std::vector<std::string>& kept = list();
    if (!kept.empty() && kept.back().capacity() >= n) {
      std::string s = std::move(kept.back());
      kept.pop_back();
      return s;
    }
    return std::string();
  }
  /// Keeps the storage of a chunk that is no longer needed (if the pool has room).
  static void give(std::string&& s) {
    std::vector<std::string>& kept = list();
    if (s.capacity() > kMaxChunk || s.capacity() <= 15 || kept.size() >= kMaxKept) { return; }
    s.clear();
    kept.push_back(std::move(s));
  }

 private:
  static std::vector<std::string>& list() {
    thread_local std::vector<std::string> kept;
    return kept;
  }
};

class OutQueue {
 public:
  static constexpr size_t kMaxIov = 16;

  /// Copies bytes in, coalescing into the last chunk when that chunk is not pinned by a send.
  void append(const char* p, size_t n) {
    if (n == 0) { return; }
    if (chunks_.size() > pinned_ && chunks_.back().size() + n <= 65536) {
      chunks_.back().append(p, n);
    } else {
      chunks_.push_back(ChunkPool::take(n));
      chunks_.back().assign(p, n);
    }
    bytes_ += n;
  }
  /// Moves a whole chunk in (no copy).
  void append(std::string&& s) {
    if (s.empty()) { return; }
    bytes_ += s.size();
    if (chunks_.size() > pinned_ && chunks_.back().size() + s.size() <= 4096) {
      chunks_.back().append(s);
    } else {
      chunks_.push_back(std::move(s));
    }
  }
  /// Fills iov with up to kMaxIov slices from the front; returns the count. Pins those chunks.
  int fill(struct iovec* iov) {
    int n = 0;
    size_t i = 0;
    for (auto it = chunks_.begin(); it != chunks_.end() && n < static_cast<int>(kMaxIov); ++it, ++i) {
      size_t off = i == 0 ? headOff_ : 0;
      iov[n].iov_base = const_cast<char*>(it->data() + off);
      iov[n].iov_len = it->size() - off;
      n++;
    }
    pinned_ = static_cast<size_t>(n);
    return n;
  }
  /// Drops `n` sent bytes from the front and unpins everything.
  void consume(size_t n) {
    bytes_ -= n;
    while (n > 0) {
      std::string& f = chunks_.front();
      size_t avail = f.size() - headOff_;
      if (n < avail) {
        headOff_ += n;
        break;
      }
      n -= avail;
      ChunkPool::give(std::move(f));
      chunks_.pop_front();
      headOff_ = 0;
    }
    pinned_ = 0;
  }
  void unpin() { pinned_ = 0; }
  size_t bytes() const { return bytes_; }
  bool empty() const { return bytes_ == 0; }
  void clear() {
    chunks_.clear();
    bytes_ = headOff_ = pinned_ = 0;
  }

 private:
  std::deque<std::string> chunks_;
  size_t headOff_ = 0;
  size_t bytes_ = 0;
  size_t pinned_ = 0;
};

}  // namespace sluice
