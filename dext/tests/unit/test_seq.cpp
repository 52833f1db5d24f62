#include <gtest/gtest.h>

#include "seq_tracker.h"

namespace hil {

using K = SeqTracker::Kind;

TEST(SeqTracker, InOrderDuplicateAndLate) {
  SeqTracker t;
  EXPECT_EQ(t.observe(0), K::New);
  EXPECT_EQ(t.observe(1), K::New);
  EXPECT_EQ(t.observe(3), K::New);
  EXPECT_EQ(t.observe(3), K::Duplicate);
  EXPECT_EQ(t.observe(2), K::OutOfOrder);  // late, but new
  EXPECT_EQ(t.observe(2), K::Duplicate);
  EXPECT_EQ(t.observe(1), K::Duplicate);
}

TEST(SeqTracker, SeqZeroStartsANewBurstButADuplicatedZeroIsADuplicate) {
  SeqTracker t;
  EXPECT_EQ(t.observe(0), K::New);
  EXPECT_EQ(t.observe(0), K::Duplicate);
  EXPECT_EQ(t.observe(1), K::New);
  EXPECT_EQ(t.observe(0), K::New);  // next burst
  EXPECT_EQ(t.observe(1), K::New);
}

TEST(SeqTracker, OlderThanTheWindowCountsOutOfOrder) {
  SeqTracker t;
  EXPECT_EQ(t.observe(5), K::New);
  EXPECT_EQ(t.observe(5 + SeqTracker::kWindow + 10), K::New);
  EXPECT_EQ(t.observe(6), K::OutOfOrder);
  // The window forgets what slid out of it, so reuse of slots is not a false duplicate.
  SeqTracker u;
  for (uint64_t s = 0; s < 3 * SeqTracker::kWindow; ++s) ASSERT_EQ(u.observe(s), K::New);
}

}  // namespace hil
