// The forwarding logic per topology, with real threads, and the counters it keeps.
#include <gtest/gtest.h>

#include <chrono>
#include <thread>

#include "fake_platform.h"

namespace hil {
namespace {

void wait_burst(Driver1& d1) {
  for (int i = 0; i < 2000 && d1.read_counters().burst_active; ++i)
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  ASSERT_EQ(d1.read_counters().burst_active, 0u);
}

void wait_delivered(Driver2& d2, uint64_t n) {
  for (int i = 0; i < 2000 && d2.read_counters().delivered < n; ++i)
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
}

void expect_all_records(Driver2& d2, uint64_t n, Topology t) {
  const auto recs = drain_records(d2);
  ASSERT_EQ(recs.size(), n);
  for (uint64_t i = 0; i < n; ++i) {
    EXPECT_EQ(recs[i].seq, i);
    EXPECT_EQ(recs[i].topology, static_cast<uint32_t>(t));
    EXPECT_EQ(recs[i].flags, 0u);
    EXPECT_GE(recs[i].t_recv_ns, recs[i].t_send_ns);
    EXPECT_GE(recs[i].t_send_ns, recs[i].t_sched_ns);
  }
}

}  // namespace

TEST(Forwarding, OneProcessIsADirectCall) {
  TestProcess tp;
  ASSERT_EQ(tp.d2->configure(1, 8, 0, 0), ior::Success);
  ASSERT_EQ(tp.d1->configure(1, 8, 0, 0), ior::Success);
  ASSERT_EQ(tp.d1->start_burst(500, 50000, 20), ior::Success);
  wait_burst(*tp.d1);
  const auto s1 = tp.d1->read_counters();
  const auto s2 = tp.d2->read_counters();
  EXPECT_EQ(s1.sent, 520u);
  EXPECT_EQ(s2.delivered, 520u);
  EXPECT_EQ(s1.last_seq, 519u);
  EXPECT_EQ(s2.last_seq, 519u);
  expect_all_records(*tp.d2, 520, Topology::OneProcess);
}

TEST(Forwarding, OneProcessNeedsThePeerInTheProcess) {
  TestProcess tp(true, false);
  EXPECT_EQ(tp.d1->configure(1, 8, 0, 0), ior::Unsupported);
  EXPECT_FALSE(tp.d1->peer_present());
}

TEST(Forwarding, AppRelayFiresCompletionsTheAppRelays) {
  TestProcess tp;
  auto sink = std::make_shared<CapturingSink>();
  ASSERT_EQ(tp.d1->configure(0, 20, 0, 0), ior::Success);
  ASSERT_EQ(tp.d1->register_completion(sink, 99), ior::Success);
  ASSERT_EQ(tp.d1->start_burst(300, 0, 0), ior::Success);  // closed loop
  wait_burst(*tp.d1);
  ASSERT_EQ(sink->calls.size(), 300u);
  EXPECT_EQ(sink->last_ref, 99u);
  for (const auto& args : sink->calls) {
    ASSERT_EQ(args.size(), 4u + 3);  // 20 report bytes = 3 words
    Message m;
    m.seq = args[0];
    m.t_sched_ns = args[1];
    m.t_send_ns = args[2];
    m.report_len = static_cast<uint32_t>(args[3]);
    for (uint32_t i = 0; i < m.report_len; ++i) m.report[i] = static_cast<uint8_t>(args[4 + i / 8] >> (8 * (i % 8)));
    EXPECT_EQ(m.report[0], 2);  // vendor report id
    uint8_t buf[kMaxMessageSize];
    const size_t n = encode_message(m, buf, sizeof buf);
    ASSERT_EQ(tp.d2->deliver_encoded(buf, static_cast<uint32_t>(n)), ior::Success);
  }
  EXPECT_EQ(tp.d2->read_counters().delivered, 300u);
  expect_all_records(*tp.d2, 300, Topology::AppRelay);
  // The client went away: messages are sent and counted dropped, nothing vanishes.
  sink->fail = true;
  ASSERT_EQ(tp.d1->start_burst(10, 0, 0), ior::Success);
  wait_burst(*tp.d1);
  EXPECT_EQ(tp.d1->read_counters().dropped, 10u);
  EXPECT_EQ(tp.d1->read_counters().sent, 310u);
}

class SharedRing : public ::testing::TestWithParam<uint32_t> {};

TEST_P(SharedRing, Driver2ConsumesOnItsOwnThread) {
  TestProcess tp;
  uint64_t size = 0;
  ASSERT_EQ(tp.d2->configure(2, 8, GetParam(), 0), ior::Success);
  // Bigger than the burst: on a loaded 2-core box the consumer can be descheduled for
  // longer than a small ring lasts, and this test is about forwarding, not overflow.
  ASSERT_EQ(tp.d2->map_shared_ring(4096, size), ior::Success);
  const std::string name = tp.d2->memory(2)->name();
  ASSERT_EQ(tp.d1->configure(2, 8, GetParam(), 0), ior::Success);
  ASSERT_EQ(tp.d1->hand_over_ring(4096, reinterpret_cast<const uint8_t*>(name.data()), static_cast<uint32_t>(name.size())),
            ior::Success);
  ASSERT_EQ(tp.d1->start_burst(2000, 20000, 0), ior::Success);
  wait_burst(*tp.d1);
  wait_delivered(*tp.d2, 2000);
  EXPECT_EQ(tp.d1->read_counters().sent, 2000u);
  EXPECT_EQ(tp.d1->read_counters().ring_overflow, 0u);
  EXPECT_EQ(tp.d2->read_counters().delivered, 2000u);
  expect_all_records(*tp.d2, 2000, Topology::SharedRing);
}

INSTANTIATE_TEST_SUITE_P(Doorbell, SharedRing, ::testing::Values(kDoorbellSpin, kDoorbellWait));

TEST(Forwarding, SharedRingFullIsCountedNotOverwritten) {
  TestProcess tp;
  uint64_t size = 0;
  ASSERT_EQ(tp.d2->map_shared_ring(64, size), ior::Success);  // no consumer: Driver2 not in shared-ring
  const std::string name = tp.d2->memory(2)->name();
  ASSERT_EQ(tp.d1->configure(2, 8, 0, 0), ior::Success);
  ASSERT_EQ(tp.d1->hand_over_ring(64, reinterpret_cast<const uint8_t*>(name.data()), static_cast<uint32_t>(name.size())),
            ior::Success);
  ASSERT_EQ(tp.d1->start_burst(200, 0, 0), ior::Success);
  wait_burst(*tp.d1);
  const auto s1 = tp.d1->read_counters();
  EXPECT_EQ(s1.sent, 200u);
  EXPECT_EQ(s1.dropped, 136u);
  EXPECT_EQ(s1.ring_overflow, 136u);
  EXPECT_EQ(reinterpret_cast<RingHeader*>(tp.d2->memory(2)->data())->overflow.load(), 136u);
  // Now let Driver2 consume: the 64 that fit arrive, oldest first.
  ASSERT_EQ(tp.d2->configure(2, 8, 0, 0), ior::Success);
  wait_delivered(*tp.d2, 64);
  EXPECT_EQ(tp.d2->read_counters().delivered, 64u);
  expect_all_records(*tp.d2, 64, Topology::SharedRing);
}

TEST(Forwarding, DropAndDuplicateFaultsAreAccounted) {
  TestProcess tp;
  ASSERT_EQ(tp.d1->configure(1, 8, 0, 0), ior::Success);
  ASSERT_EQ(tp.d1->set_fault(1, 4), ior::Success);
  ASSERT_EQ(tp.d1->start_burst(100, 0, 0), ior::Success);
  wait_burst(*tp.d1);
  auto s1 = tp.d1->read_counters();
  auto s2 = tp.d2->read_counters();
  EXPECT_EQ(s1.sent, 100u);
  EXPECT_EQ(s1.dropped, 25u);
  EXPECT_EQ(s2.delivered, 75u);
  EXPECT_EQ(s1.sent, s2.delivered + s1.dropped);
  drain_records(*tp.d2);
  tp.d1->reset_counters();
  tp.d2->reset_counters();
  ASSERT_EQ(tp.d1->set_fault(5, 10), ior::Success);
  ASSERT_EQ(tp.d1->start_burst(100, 0, 0), ior::Success);
  wait_burst(*tp.d1);
  s1 = tp.d1->read_counters();
  s2 = tp.d2->read_counters();
  EXPECT_EQ(s1.duplicated, 10u);
  EXPECT_EQ(s2.duplicated, 10u);
  EXPECT_EQ(s2.delivered, 100u);
  uint64_t dup_flags = 0;
  for (const Record& r : drain_records(*tp.d2)) dup_flags += (r.flags & kFlagDuplicate) ? 1 : 0;
  EXPECT_EQ(dup_flags, 10u);
}

TEST(Forwarding, Driver2CountsOutOfOrderAndInjected) {
  TestProcess tp;
  Message m;
  m.report_len = 1;
  m.t_sched_ns = 1;
  for (uint64_t s : {0, 1, 3, 2, 2}) {
    m.seq = s;
    ASSERT_EQ(tp.d2->deliver(m, Topology::AppRelay), ior::Success);
  }
  auto s2 = tp.d2->read_counters();
  EXPECT_EQ(s2.delivered, 4u);
  EXPECT_EQ(s2.out_of_order, 1u);
  EXPECT_EQ(s2.duplicated, 1u);
  m.seq = 4;
  m.t_sched_ns = 0;  // injected
  m.t_send_ns = 777;
  ASSERT_EQ(tp.d2->deliver(m, Topology::AppRelay), ior::Success);
  const auto recs = drain_records(*tp.d2);
  ASSERT_EQ(recs.size(), 6u);
  EXPECT_EQ(recs[3].flags, static_cast<uint32_t>(kFlagOutOfOrder));
  EXPECT_EQ(recs[4].flags, static_cast<uint32_t>(kFlagDuplicate));
  EXPECT_EQ(recs[5].flags, static_cast<uint32_t>(kFlagInjected));
  EXPECT_EQ(recs[5].t_sched_ns, 777u);
}

TEST(Forwarding, InjectReportUsesTheRouteAndReturnsSeq) {
  TestProcess tp;
  ASSERT_EQ(tp.d1->configure(1, 8, 0, 0), ior::Success);
  const uint8_t rep[3] = {1, 2, 3};
  uint64_t seq = 99;
  ASSERT_EQ(tp.d1->inject(rep, 3, seq), ior::Success);
  EXPECT_EQ(seq, 0u);
  ASSERT_EQ(tp.d1->inject(rep, 3, seq), ior::Success);
  EXPECT_EQ(seq, 1u);
  EXPECT_EQ(tp.d2->read_counters().delivered, 2u);
  const auto recs = drain_records(*tp.d2);
  ASSERT_EQ(recs.size(), 2u);
  EXPECT_EQ(recs[1].flags, static_cast<uint32_t>(kFlagInjected));
}

TEST(Forwarding, RecordRingOverflowIsCountedAndOldestKept) {
  TestProcess tp(false, true);
  Message m;
  m.report_len = 1;
  m.t_sched_ns = 1;
  for (uint64_t s = 0; s < kRecordRingCapacity + 10; ++s) {
    m.seq = s;
    tp.d2->deliver(m, Topology::OneProcess);
  }
  const auto s2 = tp.d2->read_counters();
  EXPECT_EQ(s2.delivered, kRecordRingCapacity + 10);
  EXPECT_EQ(s2.ring_overflow, 10u);
  const auto recs = drain_records(*tp.d2);
  ASSERT_EQ(recs.size(), kRecordRingCapacity);
  EXPECT_EQ(recs.front().seq, 0u);
  EXPECT_EQ(recs.back().seq, kRecordRingCapacity - 1);
}

TEST(Forwarding, CrashFaultAbortsAfterNMessages) {
  TestProcess tp;
  ASSERT_EQ(tp.d1->configure(1, 8, 0, 0), ior::Success);
  ASSERT_EQ(tp.d2->set_fault(4, 3), ior::Success);
  const uint8_t rep[1] = {1};
  uint64_t seq = 0;
  EXPECT_EQ(tp.d1->inject(rep, 1, seq), ior::Success);
  EXPECT_EQ(tp.d1->inject(rep, 1, seq), ior::Success);
  EXPECT_THROW((void)tp.d1->inject(rep, 1, seq), AbortCalled);  // throws: no result to check
}

TEST(Forwarding, RemovedPeerMeansOfflineAndCountedDrop) {
  TestProcess tp;
  ASSERT_EQ(tp.d1->configure(1, 8, 0, 0), ior::Success);
  tp.d2->shutdown();
  const uint8_t rep[1] = {1};
  uint64_t seq = 0;
  EXPECT_EQ(tp.d1->inject(rep, 1, seq), ior::Offline);
  EXPECT_EQ(tp.d1->read_counters().dropped, 1u);
}

}  // namespace hil

namespace hil {

// Driver1's primer sends a dry run through the one-process hand-off before each paced
// message: Driver2 must stamp and return, with nothing delivered, counted or recorded.
TEST(Forwarding, DryRunMessageIsNotDelivered) {
  TestProcess tp;
  ASSERT_EQ(tp.d2->configure(1, 8, 0, 0), ior::Success);
  Message m;
  m.prime_only = true;
  m.seq = 7;
  m.report_len = 8;
  ASSERT_EQ(tp.d2->deliver(m, Topology::OneProcess), ior::Success);
  const auto s = tp.d2->read_counters();
  EXPECT_EQ(s.delivered, 0u);
  EXPECT_EQ(s.duplicated, 0u);
  EXPECT_EQ(s.last_seq, kNoSeq);
  EXPECT_TRUE(drain_records(*tp.d2).empty());
  uint64_t seq = 0;
  uint8_t out[kMaxReportLen];
  EXPECT_EQ(tp.d2->last_report(seq, out, sizeof out), 0u);
}

}  // namespace hil
