#include <gtest/gtest.h>

#include <cstddef>
#include <thread>
#include <vector>

#include "bytes.h"
#include "spsc_ring.h"

namespace hil {

namespace {
struct Mem {
  std::vector<uint64_t> v;
  explicit Mem(size_t bytes) : v((bytes + 7) / 8, 0) {}
  void* p() { return v.data(); }
  size_t size() const { return v.size() * 8; }
};

// A ring set up in its own memory; h is null if ring_init or ring_attach refused it.
struct TestRing {
  Mem m;
  RingHeader* h = nullptr;
  TestRing(uint32_t slot_size, uint64_t capacity) : m(ring_bytes(slot_size, capacity)) {
    if (ring_init(m.p(), m.size(), slot_size, capacity)) h = ring_attach(m.p(), m.size(), slot_size);
  }
};
}  // namespace

TEST(Ring, HeaderOffsetsAreTheContract) {
  EXPECT_EQ(offsetof(RingHeader, magic), 0u);
  EXPECT_EQ(offsetof(RingHeader, version), 8u);
  EXPECT_EQ(offsetof(RingHeader, slot_size), 12u);
  EXPECT_EQ(offsetof(RingHeader, capacity), 16u);
  EXPECT_EQ(offsetof(RingHeader, overflow), 24u);
  EXPECT_EQ(offsetof(RingHeader, head), 64u);   // own cache line
  EXPECT_EQ(offsetof(RingHeader, tail), 128u);  // own cache line
  EXPECT_EQ(offsetof(RingHeader, doorbell), 192u);
  Mem m(ring_bytes(40, 64));
  ASSERT_TRUE(ring_init(m.p(), m.size(), 40, 64));
  const auto* b = static_cast<const uint8_t*>(m.p());
  EXPECT_EQ(get_u64(b), 0x474E495250494C48ull);
  EXPECT_EQ(get_u32(b + 8), 1u);
  EXPECT_EQ(get_u32(b + 12), 40u);
  EXPECT_EQ(get_u64(b + 16), 64u);
  EXPECT_EQ(ring_bytes(40, 64), 256u + 40 * 64);
}

TEST(Ring, InitAndAttachValidate) {
  Mem m(ring_bytes(96, 64));
  EXPECT_FALSE(ring_init(m.p(), m.size(), 96, 48));      // not a power of two
  EXPECT_FALSE(ring_init(m.p(), m.size() - 1, 96, 64));  // too small
  EXPECT_EQ(ring_attach(m.p(), m.size(), 96), nullptr);  // no magic yet
  ASSERT_TRUE(ring_init(m.p(), m.size(), 96, 64));
  EXPECT_NE(ring_attach(m.p(), m.size(), 96), nullptr);
  EXPECT_EQ(ring_attach(m.p(), m.size(), 40), nullptr);      // wrong slot size
  EXPECT_EQ(ring_attach(m.p(), m.size() - 8, 96), nullptr);  // mapping shorter than the ring
}

TEST(Ring, WrapsAroundManyTimes) {
  TestRing ring(16, 64);
  ASSERT_NE(ring.h, nullptr);
  RingProducer p(ring.h);
  RingConsumer c(ring.h);
  uint64_t next = 0;
  for (uint64_t i = 0; i < 1000; ++i) {
    uint8_t b[8];
    put_u64(b, i);
    ASSERT_TRUE(p.try_push(b, 8));
    if (i % 3 == 2) {  // consume in bursts so head and tail cross the wrap point apart
      while (const uint8_t* s = c.front()) {
        ASSERT_EQ(get_u64(s), next++);
        EXPECT_EQ(get_u64(s + 8), 0u);  // padding is zeroed
        c.pop();
      }
    }
  }
  while (const uint8_t* s = c.front()) {
    ASSERT_EQ(get_u64(s), next++);
    c.pop();
  }
  EXPECT_EQ(next, 1000u);
  EXPECT_EQ(ring.h->head.load(), 1000u);
  EXPECT_EQ(ring.h->tail.load(), 1000u);
}

TEST(Ring, OverflowIsCountedAndNeverOverwrites) {
  TestRing ring(8, 64);
  ASSERT_NE(ring.h, nullptr);
  RingProducer p(ring.h);
  for (uint64_t i = 0; i < 64; ++i) ASSERT_TRUE(p.try_push(&i, 8));
  for (uint64_t i = 64; i < 100; ++i) EXPECT_FALSE(p.try_push(&i, 8));
  EXPECT_EQ(ring.h->overflow.load(), 36u);
  EXPECT_EQ(p.overflow(), 36u);
  RingConsumer c(ring.h);
  for (uint64_t i = 0; i < 64; ++i) {
    const uint8_t* s = c.front();
    ASSERT_NE(s, nullptr);
    EXPECT_EQ(get_u64(s), i);  // the oldest data survived
    c.pop();
  }
  EXPECT_EQ(c.front(), nullptr);
  uint64_t v = 7;
  EXPECT_TRUE(p.try_push(&v, 8));  // room again after the consumer moved
  EXPECT_FALSE(p.try_push(&v, 9)); // longer than a slot
}

TEST(Ring, CorruptIndicesAreContained) {
  TestRing ring(8, 64);
  ASSERT_NE(ring.h, nullptr);
  ring.h->head.store(1000);  // a producer claiming more than the ring holds
  RingConsumer c(ring.h);
  EXPECT_EQ(c.front(), nullptr);
  EXPECT_EQ(c.corrupt_skips(), 1u);
  ring.h->tail.store(5000);  // a consumer ahead of the producer
  RingProducer p(ring.h);
  uint64_t v = 1;
  EXPECT_FALSE(p.try_push(&v, 8));
}

TEST(Ring, DoorbellHandshake) {
  TestRing ring(8, 64);
  ASSERT_NE(ring.h, nullptr);
  RingProducer p(ring.h);
  RingConsumer c(ring.h);
  EXPECT_TRUE(c.prepare_wait());  // empty: may sleep
  EXPECT_EQ(ring.h->doorbell.load(), 1u);
  uint64_t v = 1;
  ASSERT_TRUE(p.try_push(&v, 8));
  EXPECT_TRUE(p.consumer_sleeping());  // so the producer wakes it
  c.finish_wait();
  EXPECT_FALSE(c.prepare_wait());  // data present: must not sleep
  EXPECT_EQ(ring.h->doorbell.load(), 0u);
}

TEST(Ring, TwoThreadsTransferEverythingInOrder) {
  TestRing ring(96, 256);
  ASSERT_NE(ring.h, nullptr);
  RingHeader* h = ring.h;
  constexpr uint64_t kN = 200000;
  std::thread prod([h] {
    RingProducer p(h);
    for (uint64_t i = 0; i < kN;) {
      uint8_t b[96];
      put_u64(b, i);
      if (p.try_push(b, 96)) ++i;
      else std::this_thread::yield();
    }
  });
  RingConsumer c(h);
  uint64_t next = 0;
  while (next < kN) {
    if (const uint8_t* s = c.front()) {
      ASSERT_EQ(get_u64(s), next);
      ++next;
      c.pop();
    } else {
      std::this_thread::yield();
    }
  }
  prod.join();
}

}  // namespace hil
