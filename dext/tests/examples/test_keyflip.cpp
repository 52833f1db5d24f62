// The example dext (dext/examples/keyflip) driven the way the harness drives a dext: only
// through the kit's selectors at Keyflip's base, plus one selector of its own.
#include <gtest/gtest.h>

#include <chrono>
#include <csignal>
#include <cstdlib>
#include <thread>
#include <vector>

#include "keyflip.h"
#include "spsc_ring.h"

namespace keyflip {
namespace {

class StdPlatform : public hil::KitPlatform {
 public:
  uint64_t now_ns() override {
    return static_cast<uint64_t>(std::chrono::duration_cast<std::chrono::nanoseconds>(
                                     std::chrono::steady_clock::now().time_since_epoch())
                                     .count());
  }
  void sleep_until_ns(uint64_t d) override {
    const uint64_t now = now_ns();
    if (d > now) std::this_thread::sleep_for(std::chrono::nanoseconds(d - now));
  }
  void cpu_relax() override {}
};

class ThreadQueue : public Queue {
 public:
  ~ThreadQueue() { wait_idle(); }
  bool run(void (*fn)(void*), void* ctx) override {
    wait_idle();
    t_ = std::thread(fn, ctx);
    return true;
  }
  void wait_idle() override {
    if (t_.joinable()) t_.join();
  }

 private:
  std::thread t_;
};

// A dext's crash on DriverKit is the process aborting; here too (inside a death test).
class AbortCrash : public Crash {
 public:
  [[noreturn]] void now(const char*) override { std::abort(); }
};

constexpr uint64_t kCap = 4096;

struct Dext : ::testing::Test {
  StdPlatform p;
  ThreadQueue q;
  AbortCrash crash;
  KeyflipDevice device{p, &crash};
  KeyflipSource source{p, q, &crash};
  std::vector<uint64_t> ring = std::vector<uint64_t>((hil::kRingHeaderSize + hil::kRecordSize * kCap) / 8);
  hil::MethodArgs a;
  std::vector<uint64_t> in;

  Dext() {
    EXPECT_TRUE(device.start(ring.data(), ring.size() * 8, kCap));
    source.attach(&device);
  }
  template <typename D>
  IoRet call(D& d, uint64_t selector, std::vector<uint64_t> scalars, const uint8_t* st = nullptr, uint32_t len = 0) {
    in = std::move(scalars);
    a = hil::MethodArgs();
    a.scalar_in = in.data();
    a.scalar_in_count = static_cast<uint32_t>(in.size());
    a.struct_in = st;
    a.struct_in_len = len;
    return d.external_method(selector, a);
  }
  std::vector<hil::Record> records() {
    hil::RingConsumer c(hil::ring_attach(ring.data(), ring.size() * 8, hil::kRecordSize));
    std::vector<hil::Record> out;
    while (const uint8_t* s = c.front()) {
      hil::Record r;
      hil::decode_record(s, r);
      out.push_back(r);
      c.pop();
    }
    return out;
  }
};

TEST_F(Dext, AnswersTheKitSelectorsAtItsBaseAndItsOwnBelow) {
  ASSERT_EQ(call(source, kKitBase + hil::kSelOpenSession, {1}), hil::ior::Success);
  EXPECT_EQ(a.scalar_out[0], 1u);  // Driver1
  ASSERT_EQ(call(device, kKitBase + hil::kSelOpenSession, {1}), hil::ior::Success);
  EXPECT_EQ(a.scalar_out[0], 2u);
  EXPECT_EQ(call(source, 1, {1}), hil::ior::BadArgument);  // below the base: Keyflip's own, unknown
  EXPECT_EQ(call(source, kKitBase + hil::kSelectorCount, {}), hil::ior::BadArgument);
  EXPECT_EQ(call(source, kSelSetFlipMask, {0x33}), hil::ior::Success);
  EXPECT_EQ(source.mask(), 0x33);
  EXPECT_EQ(call(device, kKitBase + hil::kSelStartBurst, {1, 1, 0}), hil::ior::Unsupported);  // role
}

TEST_F(Dext, OnlyOneProcess) {
  EXPECT_EQ(call(source, kKitBase + hil::kSelConfigure, {0, 8, 0, 0}), hil::ior::Unsupported);
  EXPECT_EQ(call(source, kKitBase + hil::kSelConfigure, {2, 8, 0, 0}), hil::ior::Unsupported);
  EXPECT_EQ(call(source, kKitBase + hil::kSelConfigure, {1, 8, 0, 0}), hil::ior::Success);
  EXPECT_EQ(call(device, kKitBase + hil::kSelConfigure, {1, 8, 0, 0}), hil::ior::Success);
}

TEST_F(Dext, AnInjectedReportCrossesTheFlipIntact) {
  ASSERT_EQ(call(source, kKitBase + hil::kSelConfigure, {1, 8, 0, 0}), hil::ior::Success);
  const uint8_t report[9] = {1, 0x02, 0, 0x04, 0x05, 0, 0, 0, 0xFF};
  ASSERT_EQ(call(source, kKitBase + hil::kSelInjectReport, {}, report, sizeof report), hil::ior::Success);
  ASSERT_EQ(call(device, kKitBase + hil::kSelReadLastReport, {}), hil::ior::Success);
  ASSERT_EQ(a.struct_out_len, sizeof report);
  EXPECT_EQ(std::vector<uint8_t>(a.struct_out, a.struct_out + a.struct_out_len),
            std::vector<uint8_t>(report, report + sizeof report));
  const auto recs = records();
  ASSERT_EQ(recs.size(), 1u);
  EXPECT_EQ(recs[0].flags, static_cast<uint32_t>(hil::kFlagInjected));
}

TEST_F(Dext, APacedBurstIsCountedAndRecordedInOrder) {
  ASSERT_EQ(call(source, kKitBase + hil::kSelConfigure, {1, 17, 0, 0}), hil::ior::Success);
  ASSERT_EQ(call(source, kKitBase + hil::kSelStartBurst, {300, 20000, 20}), hil::ior::Success);
  // 320 messages at 20 kHz take 17 ms; wait up to 10 s for burst_active to drop, by name.
  for (int i = 0; i < 1000; ++i) {
    ASSERT_EQ(call(source, kKitBase + hil::kSelReadCounters, {}), hil::ior::Success);
    if (a.scalar_out[6] == 0) break;
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  ASSERT_EQ(a.scalar_out[6], 0u) << "the burst was still active after 10 s";
  const uint64_t sent = a.scalar_out[0];
  EXPECT_EQ(sent, 320u);
  ASSERT_EQ(call(source, kKitBase + hil::kSelStopBurst, {}), hil::ior::Success);
  EXPECT_EQ(a.scalar_out[0], 320u);
  ASSERT_EQ(call(device, kKitBase + hil::kSelReadCounters, {}), hil::ior::Success);
  EXPECT_EQ(a.scalar_out[1], sent);  // delivered
  const auto recs = records();
  ASSERT_EQ(recs.size(), sent);
  for (uint64_t i = 0; i < sent; ++i) {
    EXPECT_EQ(recs[i].seq, i);
    EXPECT_EQ(recs[i].flags, 0u);
    EXPECT_GE(recs[i].t_recv_ns, recs[i].t_send_ns);
    EXPECT_GE(recs[i].t_send_ns, recs[i].t_sched_ns);
  }
}

// Fault 4 through the kit's SetFault at Keyflip's base (what the lifecycle fixture sends): the
// Nth frame after it ends the process, N = 0 ends it at once; 0 clears; the probe's other kinds
// are not Keyflip's.
TEST_F(Dext, FaultFourEndsTheProcessOnTheNthFrameOrAtOnce) {
  GTEST_FLAG_SET(death_test_style, "threadsafe");
  ASSERT_EQ(call(source, kKitBase + hil::kSelConfigure, {1, 8, 0, 0}), hil::ior::Success);
  EXPECT_EQ(call(source, kKitBase + hil::kSelSetFault, {1, 2}), hil::ior::Unsupported);
  EXPECT_EQ(call(source, kKitBase + hil::kSelSetFault, {6, 0}), hil::ior::BadArgument);
  EXPECT_EQ(call(device, kKitBase + hil::kSelSetFault, {0, 0}), hil::ior::Success);
  const uint8_t report[8] = {1, 2, 3, 4, 5, 6, 7, 8};
  ASSERT_EQ(call(source, kKitBase + hil::kSelSetFault, {4, 2}), hil::ior::Success);
  ASSERT_EQ(call(source, kKitBase + hil::kSelInjectReport, {}, report, sizeof report), hil::ior::Success);  // the 1st lives
  EXPECT_EXIT(call(source, kKitBase + hil::kSelInjectReport, {}, report, sizeof report), ::testing::KilledBySignal(SIGABRT), "");
  EXPECT_EXIT(call(device, kKitBase + hil::kSelSetFault, {4, 0}), ::testing::KilledBySignal(SIGABRT), "");
}

}  // namespace
}  // namespace keyflip
