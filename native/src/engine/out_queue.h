// Per-socket send queue. Ownership: the queue owns every byte until the send that carries it
// completes; chunks [0, pinned) are referenced by an in-flight send SQE and are never modified,
// moved or freed until its CQE (list nodes never move, whatever is appended behind them).
#pragma once
#include <sys/uio.h>

#include <cstddef>
#include <iterator>
#include <list>
#include <string>

namespace sluice {

/// Chunk nodes (a list node and its string storage) of sent chunks, kept per thread for the next
/// ones: a proxied response then costs no allocation for its bytes, and an idle connection's empty
/// queue holds no storage at all. Bounded in count and in the storage each node may keep.
class ChunkPool {
 public:
  using List = std::list<std::string>;
  static constexpr size_t kMaxChunk = 16384;  // storage above this is let go when a node comes back
  static constexpr size_t kMaxKept = 64;      // nodes kept per thread

  /// An empty string with kept storage for n bytes when the pool has one, else an empty string.
  static std::string take(size_t n) {
    List& kept = list();
    if (kept.empty() || kept.back().capacity() < n) { return std::string(); }
    std::string s = std::move(kept.back());
    s.clear();
    kept.back() = std::string();
    kept.splice(kept.begin(), kept, std::prev(kept.end()));  // the emptied node goes to the front
    return s;
  }
  /// Moves a node to the end of `to` (a kept one when there is one); its string is empty.
  static void takeNode(List& to) {
    List& kept = list();
    if (kept.empty()) {
      to.emplace_back();
      return;
    }
    to.splice(to.end(), kept, std::prev(kept.end()));
    to.back().clear();
  }
  /// Takes back the first node of `from` (freed instead when the pool is full).
  static void giveFront(List& from) {
    List& kept = list();
    if (kept.size() >= kMaxKept) {
      from.pop_front();
      return;
    }
    std::string& s = from.front();
    if (s.capacity() > kMaxChunk) { std::string().swap(s); }
    s.clear();
    kept.splice(kept.end(), from, from.begin());
  }
  /// Nodes kept by the calling thread (tests).
  static size_t kept() { return list().size(); }

 private:
  static List& list() {
    thread_local List kept;
    return kept;
  }
};

class OutQueue {
 public:
  static constexpr size_t kMaxIov = 16;

  OutQueue() = default;
  OutQueue(const OutQueue&) = delete;
  OutQueue& operator=(const OutQueue&) = delete;
  ~OutQueue() { clear(); }

  /// Copies bytes in, coalescing into the last chunk when that chunk is not pinned by a send.
  void append(const char* p, size_t n) {
    if (n == 0) { return; }
    if (chunks_.size() > pinned_ && chunks_.back().size() + n <= 65536) {
      chunks_.back().append(p, n);
    } else {
      ChunkPool::takeNode(chunks_);
      chunks_.back().assign(p, n);
    }
    bytes_ += n;
  }
  /// Moves a whole chunk in (no copy of large chunks).
  void append(std::string&& s) {
    if (s.empty()) { return; }
    bytes_ += s.size();
    if (chunks_.size() > pinned_ && chunks_.back().size() + s.size() <= 4096) {
      chunks_.back().append(s);
    } else {
      ChunkPool::takeNode(chunks_);
      chunks_.back() = std::move(s);
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
      ChunkPool::giveFront(chunks_);
      headOff_ = 0;
    }
    pinned_ = 0;
  }
  void unpin() { pinned_ = 0; }
  size_t bytes() const { return bytes_; }
  bool empty() const { return bytes_ == 0; }
  /// Drops everything queued (the socket is closing; nothing is pinned any more).
  void clear() {
    while (!chunks_.empty()) { ChunkPool::giveFront(chunks_); }
    bytes_ = headOff_ = pinned_ = 0;
  }

 private:
  std::list<std::string> chunks_;  // no storage while empty (an idle connection costs nothing here)
  size_t headOff_ = 0;
  size_t bytes_ = 0;
  size_t pinned_ = 0;
};

}  // namespace sluice
