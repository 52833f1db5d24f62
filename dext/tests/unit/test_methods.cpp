// Every selector against bad scalar counts, bad struct sizes, a missing completion and
// the wrong role, in the contract's check order; plus each method's own validation.
#include <gtest/gtest.h>

#include <chrono>
#include <vector>

#include "fake_platform.h"
#include "frame_call.h"
#include "method_table.h"
#include "user_client.h"

namespace hil {
namespace {

// PROTOCOL.md §4, transcribed independently of method_table.cpp.
struct Expect {
  uint32_t sel;
  uint8_t roles;  // 1 Driver1, 2 Driver2, 3 both
  bool completion;
  uint32_t scalars, smin, smax;
};
const Expect kContract[] = {
    {0, 3, false, 1, 0, 0},  {1, 3, false, 4, 0, 0},  {2, 1, false, 3, 0, 0},   {3, 1, false, 0, 0, 0},
    {4, 1, false, 0, 1, 64}, {5, 3, false, 0, 0, 0},  {6, 2, false, 0, 0, 0},   {7, 2, false, 0, 1, 64},
    {8, 2, false, 0, 0, 0},  {9, 1, true, 0, 0, 0},   {10, 2, false, 0, 28, 92}, {11, 1, false, 1, 1, 255},
    {12, 2, false, 1, 0, 0}, {13, 3, false, 2, 0, 0}, {14, 3, false, 0, 0, 0}, {15, 2, false, 0, 0, 0},
};

struct Fixture : ::testing::Test {
  TestProcess tp;
  std::shared_ptr<CapturingSink> sink = std::make_shared<CapturingSink>();
  std::unique_ptr<UserClient> u1, u2;
  std::vector<uint64_t> scalars = std::vector<uint64_t>(17, 0);
  std::vector<uint8_t> bytes = std::vector<uint8_t>(300, 0);
  Fixture() {
    tp.p.run_threads = false;  // StartBurst must not really send here
    u1 = std::make_unique<UserClient>(tp.d1, sink);
    u2 = std::make_unique<UserClient>(tp.d2, sink);
  }
  [[nodiscard]] IoRet call(UserClient& u, uint64_t sel, uint32_t ns, uint32_t len, bool completion, MethodArgs* out = nullptr) {
    static MethodArgs a;
    a = MethodArgs();
    a.selector = sel;
    a.has_completion = completion;
    a.scalar_in = scalars.data();
    a.scalar_in_count = ns;
    a.struct_in = bytes.data();
    a.struct_in_len = len;
    const IoRet r = u.external_method(a);
    if (out) *out = a;
    return r;
  }
};

TEST_F(Fixture, TableMatchesContract) {
  for (const Expect& e : kContract) {
    const MethodSpec* s = method_spec(e.sel);
    ASSERT_NE(s, nullptr) << e.sel;
    EXPECT_EQ(s->roles, e.roles) << s->name;
    EXPECT_EQ(s->needs_completion, e.completion) << s->name;
    EXPECT_EQ(s->scalars_in, e.scalars) << s->name;
    EXPECT_EQ(s->struct_min, e.smin) << s->name;
    EXPECT_EQ(s->struct_max, e.smax) << s->name;
  }
  EXPECT_EQ(method_spec(16), nullptr);
}

TEST_F(Fixture, UnknownSelectorsAreBadArgument) {
  for (uint64_t sel : {16ull, 17ull, 255ull, 1ull << 32, ~0ull}) {
    EXPECT_EQ(call(*u1, sel, 0, 0, false), ior::BadArgument);
    EXPECT_EQ(call(*u2, sel, 0, 0, true), ior::BadArgument);
  }
}

TEST_F(Fixture, EverySelectorRejectsBadShapesOnBothRoles) {
  for (const Expect& e : kContract) {
    for (UserClient* u : {u1.get(), u2.get()}) {
      const char* who = u == u1.get() ? "d1" : "d2";
      SCOPED_TRACE(std::string(method_spec(e.sel)->name) + " on " + who);
      EXPECT_EQ(call(*u, e.sel, e.scalars + 1, e.smin, true), ior::BadArgument);
      if (e.scalars) {
        EXPECT_EQ(call(*u, e.sel, e.scalars - 1, e.smin, true), ior::BadArgument);
      }
      EXPECT_EQ(call(*u, e.sel, 16, e.smin, true), ior::BadArgument);
      EXPECT_EQ(call(*u, e.sel, e.scalars, e.smax + 1, true), ior::BadArgument);
      if (e.smin) {
        EXPECT_EQ(call(*u, e.sel, e.scalars, e.smin - 1, true), ior::BadArgument);
      }
      if (e.completion) {
        EXPECT_EQ(call(*u, e.sel, e.scalars, e.smin, false), ior::BadArgument);
      }
    }
  }
}

TEST_F(Fixture, WrongRoleIsUnsupportedOnlyAfterShapeChecks) {
  for (const Expect& e : kContract) {
    if (e.roles == 3) continue;
    UserClient& wrong = e.roles == 1 ? *u2 : *u1;
    SCOPED_TRACE(method_spec(e.sel)->name);
    EXPECT_EQ(call(wrong, e.sel, e.scalars, e.smin, true), ior::Unsupported);
    EXPECT_EQ(call(wrong, e.sel, e.scalars + 1, e.smin, true), ior::BadArgument);
  }
}

TEST_F(Fixture, OpenSessionAndReadCounters) {
  MethodArgs a;
  scalars[0] = 2;
  EXPECT_EQ(call(*u1, kSelOpenSession, 1, 0, false), ior::Unsupported);  // protocol version
  scalars[0] = 1;
  ASSERT_EQ(call(*u1, kSelOpenSession, 1, 0, false, &a), ior::Success);
  ASSERT_EQ(a.scalar_out_count, 4u);
  EXPECT_EQ(a.scalar_out[0], 1u);
  EXPECT_EQ(a.scalar_out[1], 4242u);
  EXPECT_EQ(a.scalar_out[2], tp.d1->id());
  EXPECT_EQ(a.scalar_out[3], 1u);  // Driver2 is in this process
  ASSERT_EQ(call(*u2, kSelReadCounters, 0, 0, false, &a), ior::Success);
  ASSERT_EQ(a.scalar_out_count, 8u);
  EXPECT_EQ(a.scalar_out[7], kNoSeq);
}

TEST_F(Fixture, ConfigureValidatesEveryScalar) {
  const uint64_t bad[][4] = {{3, 8, 0, 0}, {0, 0, 0, 0}, {0, 65, 0, 0}, {0, 8, 2, 0}, {0, 8, 0, 1}};
  for (auto& b : bad) {
    std::copy(b, b + 4, scalars.begin());
    EXPECT_EQ(call(*u1, kSelConfigure, 4, 0, false), ior::BadArgument);
  }
  const uint64_t ok[4] = {2, 64, 1, 0};
  std::copy(ok, ok + 4, scalars.begin());
  EXPECT_EQ(call(*u2, kSelConfigure, 4, 0, false), ior::Success);
}

TEST_F(Fixture, StartBurstNeedsConfigurationAndRoute) {
  const uint64_t b[3] = {100, 1000, 0};
  std::copy(b, b + 3, scalars.begin());
  EXPECT_EQ(call(*u1, kSelStartBurst, 3, 0, false), ior::NotReady);  // not configured
  scalars[0] = 0;
  EXPECT_EQ(call(*u1, kSelStartBurst, 3, 0, false), ior::BadArgument);
  scalars[0] = 100;
  scalars[1] = 1000001;
  EXPECT_EQ(call(*u1, kSelStartBurst, 3, 0, false), ior::BadArgument);
  ASSERT_EQ(tp.d1->configure(0, 8, 0, 0), ior::Success);
  std::copy(b, b + 3, scalars.begin());
  EXPECT_EQ(call(*u1, kSelStartBurst, 3, 0, false), ior::NotReady);  // app-relay, no completion
  MethodArgs a;
  a.completion_ref = 5;
  ASSERT_EQ(call(*u1, kSelRegisterCompletion, 0, 0, true), ior::Success);
  EXPECT_EQ(call(*u1, kSelStartBurst, 3, 0, false), ior::Success);
  EXPECT_EQ(call(*u1, kSelStartBurst, 3, 0, false), ior::Busy);
  EXPECT_EQ(call(*u1, kSelConfigure, 4, 0, false), ior::Busy);
  ASSERT_EQ(call(*u1, kSelStopBurst, 0, 0, false, &a), ior::Success);
  EXPECT_EQ(a.scalar_out_count, 1u);
}

TEST_F(Fixture, InjectAndDeliverValidatePayloads) {
  EXPECT_EQ(call(*u1, kSelInjectReport, 0, 8, false), ior::NotReady);
  Message m;
  m.report_len = 8;
  encode_message(m, bytes.data(), bytes.size());
  EXPECT_EQ(call(*u2, kSelDeliverMessage, 0, 36, false), ior::Success);
  EXPECT_EQ(call(*u2, kSelDeliverMessage, 0, 37, false), ior::BadArgument);  // length disagrees
}

TEST_F(Fixture, FeatureReportRoundTrip) {
  MethodArgs a;
  ASSERT_EQ(call(*u2, kSelGetFeatureReport, 0, 0, false, &a), ior::Success);
  EXPECT_EQ(a.struct_out_len, 0u);  // empty before any set
  bytes[0] = 3;
  bytes[4] = 0x5A;
  ASSERT_EQ(call(*u2, kSelSetFeatureReport, 0, 5, false), ior::Success);
  ASSERT_EQ(call(*u2, kSelGetFeatureReport, 0, 0, false, &a), ior::Success);
  ASSERT_EQ(a.struct_out_len, 5u);
  EXPECT_EQ(a.struct_out[4], 0x5A);
}

TEST_F(Fixture, LastReportIsTheLastMessageAsDelivered) {
  MethodArgs a;
  ASSERT_EQ(call(*u2, kSelReadLastReport, 0, 0, false, &a), ior::Success);
  EXPECT_EQ(a.scalar_out[1], 0u);  // nothing delivered yet
  Message m;
  m.seq = 41;
  m.t_send_ns = 7;
  m.report_len = 3;
  m.report[0] = 0xA1;
  m.report[2] = 0x7E;
  encode_message(m, bytes.data(), bytes.size());
  ASSERT_EQ(call(*u2, kSelDeliverMessage, 0, 31, false), ior::Success);
  ASSERT_EQ(call(*u2, kSelReadLastReport, 0, 0, false, &a), ior::Success);
  EXPECT_EQ(a.scalar_out_count, 2u);
  EXPECT_EQ(a.scalar_out[0], 41u);
  ASSERT_EQ(a.scalar_out[1], 3u);
  ASSERT_EQ(a.struct_out_len, 3u);
  EXPECT_EQ(a.struct_out[0], 0xA1);
  EXPECT_EQ(a.struct_out[2], 0x7E);
  EXPECT_EQ(call(*u1, kSelReadLastReport, 0, 0, false), ior::Unsupported);
}

TEST_F(Fixture, RingsAndClientMemory) {
  MethodArgs a;
  ASSERT_EQ(call(*u2, kSelMapRecordRing, 0, 0, false, &a), ior::Success);
  EXPECT_EQ(a.scalar_out[0], 1u);
  EXPECT_EQ(a.scalar_out[1], 256u + 40u * kRecordRingCapacity);
  EXPECT_EQ(a.scalar_out[2], kRecordRingCapacity);
  ISharedMemory* mem = nullptr;
  EXPECT_EQ(u2->copy_client_memory(1, mem), ior::Success);
  EXPECT_STREQ(mem->name(), "/hil-4242-d2-1");
  EXPECT_EQ(u2->copy_client_memory(2, mem), ior::NotReady);
  EXPECT_EQ(u2->copy_client_memory(3, mem), ior::Unsupported);
  EXPECT_EQ(u1->copy_client_memory(1, mem), ior::Unsupported);
  for (uint64_t cap : {0ull, 32ull, 63ull, 100ull, 1ull << 21}) {
    scalars[0] = cap;
    EXPECT_EQ(call(*u2, kSelMapSharedRing, 1, 0, false), ior::BadArgument) << cap;
  }
  scalars[0] = 64;
  ASSERT_EQ(call(*u2, kSelMapSharedRing, 1, 0, false, &a), ior::Success);
  EXPECT_EQ(a.scalar_out[0], 2u);
  EXPECT_EQ(a.scalar_out[1], 256u + 96u * 64);
  EXPECT_EQ(a.scalar_out[2], 64u);
  ASSERT_EQ(u2->copy_client_memory(2, mem), ior::Success);
  const std::string name = mem->name();
  std::copy(name.begin(), name.end(), bytes.begin());
  scalars[0] = 128;  // capacity disagrees with the ring
  EXPECT_EQ(call(*u1, kSelHandOverSharedRing, 1, static_cast<uint32_t>(name.size()), false), ior::BadArgument);
  scalars[0] = 64;
  EXPECT_EQ(call(*u1, kSelHandOverSharedRing, 1, static_cast<uint32_t>(name.size()), false), ior::Success);
  bytes[1] = 0;  // embedded NUL
  EXPECT_EQ(call(*u1, kSelHandOverSharedRing, 1, static_cast<uint32_t>(name.size()), false), ior::BadArgument);
  bytes[1] = 'x';
  EXPECT_EQ(call(*u1, kSelHandOverSharedRing, 1, static_cast<uint32_t>(name.size()), false), ior::BadArgument);
}

// What a call frame carries reaches the method through the sim host's conversion.
TEST_F(Fixture, CallFramesReachTheMethodTable) {
  uint8_t buf[64];
  Frame f;
  MethodArgs a;
  auto decoded = [&](size_t n) { return n > 4 && decode_frame(buf + 4, n - 4, f); };
  const uint64_t version = 1;
  ASSERT_TRUE(decoded(encode_call(buf, sizeof buf, 7, kSelOpenSession, &version, 1, nullptr, 0)));
  ASSERT_EQ(call_from_frame(*u1, f, a), ior::Success);
  EXPECT_EQ(a.scalar_out_count, 4u);
  // RegisterCompletion needs the completion that only a call-async frame brings.
  ASSERT_TRUE(decoded(encode_call(buf, sizeof buf, 8, kSelRegisterCompletion, nullptr, 0, nullptr, 0)));
  EXPECT_EQ(call_from_frame(*u1, f, a), ior::BadArgument);
  ASSERT_TRUE(decoded(encode_call_async(buf, sizeof buf, 9, kSelRegisterCompletion, 42, nullptr, 0, nullptr, 0)));
  ASSERT_EQ(call_from_frame(*u1, f, a), ior::Success);
  EXPECT_EQ(a.completion_ref, 42u);
  const uint8_t feature[5] = {3, 0, 0, 0, 0x5A};
  ASSERT_TRUE(decoded(encode_call(buf, sizeof buf, 10, kSelSetFeatureReport, nullptr, 0, feature, 5)));
  ASSERT_EQ(call_from_frame(*u2, f, a), ior::Success);
  ASSERT_EQ(call(*u2, kSelGetFeatureReport, 0, 0, false, &a), ior::Success);
  ASSERT_EQ(a.struct_out_len, 5u);
  EXPECT_EQ(a.struct_out[4], 0x5A);
}

TEST_F(Fixture, FaultsValidateAndCrashAborts) {
  const uint64_t bad[][2] = {{6, 0}, {1, 0}, {5, 0}, {2, 1000000001}, {3, 600001}};
  for (auto& b : bad) {
    scalars[0] = b[0];
    scalars[1] = b[1];
    EXPECT_EQ(call(*u1, kSelSetFault, 2, 0, false), ior::BadArgument);
  }
  scalars[0] = 1;
  scalars[1] = 3;
  EXPECT_EQ(call(*u2, kSelSetFault, 2, 0, false), ior::Unsupported);  // every-Nth acts at Driver1
  scalars[0] = 3;
  scalars[1] = 60;  // hang 60 ms
  ASSERT_EQ(call(*u2, kSelSetFault, 2, 0, false), ior::Success);
  const auto t0 = std::chrono::steady_clock::now();
  EXPECT_EQ(call(*u2, kSelResetCounters, 0, 0, false), ior::Success);
  EXPECT_GE(std::chrono::steady_clock::now() - t0, std::chrono::milliseconds(50));
  scalars[0] = 4;
  scalars[1] = 0;
  EXPECT_THROW((void)call(*u1, kSelSetFault, 2, 0, false), AbortCalled);  // throws: no result to check
}

}  // namespace
}  // namespace hil
