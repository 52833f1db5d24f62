#include <gtest/gtest.h>

#include <cstring>

#include "bytes.h"
#include "format.h"
#include "hid_report.h"
#include "ioreturn.h"
#include "fake_platform.h"
#include "pacer.h"

namespace hil {

TEST(Format, MessageLayoutIsTheContract) {
  Message m;
  m.seq = 0x0102030405060708ull;
  m.t_sched_ns = 11;
  m.t_send_ns = 22;
  m.report_len = 3;
  m.report[0] = 0xAA;
  m.report[1] = 0xBB;
  m.report[2] = 0xCC;
  uint8_t buf[kMaxMessageSize];
  ASSERT_EQ(encode_message(m, buf, sizeof buf), 31u);
  EXPECT_EQ(buf[0], 0x08);  // little-endian seq at offset 0
  EXPECT_EQ(get_u64(buf + 8), 11u);
  EXPECT_EQ(get_u64(buf + 16), 22u);
  EXPECT_EQ(get_u32(buf + 24), 3u);
  EXPECT_EQ(buf[28], 0xAA);
  Message d;
  ASSERT_TRUE(decode_message(buf, 31, d));
  EXPECT_EQ(d.seq, m.seq);
  EXPECT_EQ(d.report_len, 3u);
  EXPECT_EQ(0, std::memcmp(d.report, m.report, 3));
}

TEST(Format, MessageRejectsWrongLengths) {
  Message m;
  m.report_len = 8;
  uint8_t buf[kMaxMessageSize];
  ASSERT_EQ(encode_message(m, buf, sizeof buf), 36u);
  Message d;
  EXPECT_FALSE(decode_message(buf, 35, d));  // truncated
  EXPECT_FALSE(decode_message(buf, 27, d));  // shorter than the header
  put_u32(buf + 24, 65);
  EXPECT_FALSE(decode_message(buf, 28 + 65, d));  // report too long
  m.report_len = 65;
  EXPECT_EQ(encode_message(m, buf, sizeof buf), 0u);
  m.report_len = 64;
  EXPECT_EQ(encode_message(m, buf, 91), 0u);  // capacity too small
  EXPECT_EQ(encode_message(m, buf, 92), 92u);
  m.report_len = 0;
  ASSERT_EQ(encode_message(m, buf, sizeof buf), 28u);
  EXPECT_TRUE(decode_message(buf, 28, d));
}

TEST(Format, RecordLayoutIsTheContract) {
  Record r{1, 2, 3, 4, 2, kFlagInjected | kFlagOutOfOrder};
  uint8_t b[kRecordSize];
  encode_record(r, b);
  EXPECT_EQ(get_u64(b + 0), 1u);
  EXPECT_EQ(get_u64(b + 8), 2u);
  EXPECT_EQ(get_u64(b + 16), 3u);
  EXPECT_EQ(get_u64(b + 24), 4u);
  EXPECT_EQ(get_u32(b + 32), 2u);
  EXPECT_EQ(get_u32(b + 36), 5u);
  Record d;
  decode_record(b, d);
  EXPECT_EQ(d.t_recv_ns, 4u);
  EXPECT_EQ(d.flags, 5u);
}

TEST(Format, IoReturnValuesMatchMacOS) {
  EXPECT_EQ(static_cast<uint32_t>(ior::BadArgument), 0xE00002C2u);
  EXPECT_EQ(static_cast<uint32_t>(ior::NotPermitted), 0xE00002E2u);
  EXPECT_EQ(static_cast<uint32_t>(ior::Unsupported), 0xE00002C7u);
  EXPECT_EQ(static_cast<uint32_t>(ior::NotOpen), 0xE00002CDu);
  EXPECT_STREQ(ioret_name(ior::NotReady), "kIOReturnNotReady");
  EXPECT_STREQ(ioret_name(12345), "unknown");
}

TEST(Format, BurstReportCarriesSeqAndScheduleInVendorReport) {
  uint8_t r[kMaxReportLen];
  make_burst_report(0x1122, 0x3344, 17, r);
  EXPECT_EQ(r[0], kVendorReportId);
  EXPECT_EQ(get_u64(r + 1), 0x1122u);
  EXPECT_EQ(get_u64(r + 9), 0x3344u);
  make_burst_report(7, 9, 3, r);
  EXPECT_EQ(r[0], kVendorReportId);
  EXPECT_EQ(r[1], 7);
  size_t n = 0;
  const uint8_t* d = report_descriptor(&n);
  ASSERT_GT(n, 10u);
  EXPECT_EQ(d[n - 1], 0xC0);  // ends with End Collection
}

}  // namespace hil

namespace {

// A clock that only moves when slept on or spun, and wakes every sleep `late` ns past its deadline.
class LateWakingPlatform : public hil::FakePlatform {
 public:
  uint64_t t = 1000000;
  uint64_t late = 0;
  uint64_t now_ns() override { return t; }
  void sleep_until_ns(uint64_t deadline) override { t = (deadline > t ? deadline : t) + late; }
  void cpu_relax() override { t += 100; }
};

}  // namespace

TEST(Pacer, SpinMarginGrowsToTwiceALateWakeAndDecaysBack) {
  LateWakingPlatform p;
  const std::atomic<bool> stop{false};
  const hil::Pacer pacer(p, p.t, 1000);
  EXPECT_EQ(pacer.spin_ns(), hil::Pacer::kSpinNs);
  p.late = 40000;
  ASSERT_TRUE(pacer.wait_until(pacer.due(1), stop));
  EXPECT_EQ(pacer.spin_ns(), 80000u);
  EXPECT_GE(p.t, pacer.due(1));
  p.late = 1000000;  // a stall is capped: the pacer never spins most of a period
  ASSERT_TRUE(pacer.wait_until(pacer.due(3), stop));
  EXPECT_EQ(pacer.spin_ns(), hil::Pacer::kMaxSpinNs);
  p.late = 0;
  for (uint64_t i = 5; i < 400; ++i) ASSERT_TRUE(pacer.wait_until(pacer.due(i), stop));
  EXPECT_EQ(pacer.spin_ns(), hil::Pacer::kSpinNs);
}
