#include "seq_tracker.h"

namespace hil {

void SeqTracker::reset() {
  any_ = false;
  max_ = last_ = 0;
  for (auto& b : bits_) b = 0;
}

SeqTracker::Kind SeqTracker::observe(uint64_t seq) {
  // Every burst restarts seq at 0 and the message carries no burst id, so seq 0 begins a
  // new burst unless the message just before was seq 0 too (then it is a duplicate).
  if (seq == 0 && any_ && !(last_ == 0 && test(0))) reset();
  last_ = seq;
  if (!any_) {
    any_ = true;
    max_ = seq;
    set(seq);
    return Kind::New;
  }
  if (seq > max_) {
    // Slots between the old and new max belong to seqs not seen yet: clear them so the
    // window only remembers the last kWindow seqs.
    const uint64_t gap = seq - max_;
    if (gap >= kWindow) {
      for (auto& b : bits_) b = 0;
    } else {
      for (uint64_t s = max_ + 1; s <= seq; ++s) clear(s);
    }
    max_ = seq;
    set(seq);
    return Kind::New;
  }
  if (max_ - seq >= kWindow) return Kind::OutOfOrder;
  if (test(seq)) return Kind::Duplicate;
  set(seq);
  return Kind::OutOfOrder;
}

}  // namespace hil
