// Classifies arriving sequence numbers as new, duplicate or out of order, with a
// fixed-size window so tracking never allocates. A seq older than the window cannot be
// told apart from a duplicate; it is counted out of order (documented in PROTOCOL.md §4).
#pragma once
#include <cstdint>

namespace hil {

class SeqTracker {
 public:
  enum class Kind { New, Duplicate, OutOfOrder };
  static constexpr uint64_t kWindow = 4096;

  Kind observe(uint64_t seq);
  void reset();

 private:
  bool test(uint64_t s) const { return bits_[(s % kWindow) / 64] >> (s % 64) & 1u; }
  void set(uint64_t s) { bits_[(s % kWindow) / 64] |= 1ull << (s % 64); }
  void clear(uint64_t s) { bits_[(s % kWindow) / 64] &= ~(1ull << (s % 64)); }

  bool any_ = false;
  uint64_t max_ = 0;   // highest seq seen in this burst
  uint64_t last_ = 0;  // previous arrival, to tell a new burst from a duplicated seq 0
  uint64_t bits_[kWindow / 64] = {};
};

}  // namespace hil
