// The kit under DriverKit's rules: built with -fno-exceptions -fno-rtti (CMake), no
// standard library beyond what DriverKit's libc++ has for a dext's hot path, and no
// allocation once started: operator new below fails the test the moment anything
// allocates after start. Every hook runs here: stamps, the record ring, the selector
// range and method table, the pacer with a primer, the burst loop.
#include "burst.h"
#include "counters.h"
#include "format.h"
#include "kit_platform.h"
#include "method_table.h"
#include "pacer.h"
#include "spsc_ring.h"
#include "stamps.h"
#include "stimulus_report.h"

// The kit's headers must not pull in what DriverKit's runtime lacks or what allocates.
#if defined(_GLIBCXX_FUNCTIONAL) || defined(_GLIBCXX_MEMORY) || defined(_GLIBCXX_STRING) || \
    defined(_GLIBCXX_VECTOR) || defined(_GLIBCXX_IOSTREAM) || defined(_GLIBCXX_MUTEX) || defined(_GLIBCXX_THREAD)
#error "a kit header includes <functional>, <memory>, <string>, <vector>, <iostream>, <mutex> or <thread>"
#endif

#include <cstdio>
#include <cstdlib>
#include <new>

namespace {

bool g_started = false;

[[noreturn]] void fail(const char* file, int line, const char* what) {
  std::fprintf(stderr, "%s:%d: kit_no_alloc: %s\n", file, line, what);
  std::abort();
}
#define CHECK(c) ((c) ? (void)0 : fail(__FILE__, __LINE__, "expected " #c))

void* take(std::size_t n) {
  if (g_started) {
    std::fprintf(stderr, "kit_no_alloc: operator new(%zu) after start(): the kit allocated on its hot path\n", n);
    std::abort();
  }
  void* p = std::malloc(n ? n : 1);
  if (!p) std::abort();
  return p;
}

}  // namespace

void* operator new(std::size_t n) { return take(n); }
void* operator new[](std::size_t n) { return take(n); }
void* operator new(std::size_t n, const std::nothrow_t&) noexcept { return take(n); }
void* operator new[](std::size_t n, const std::nothrow_t&) noexcept { return take(n); }
void operator delete(void* p) noexcept { std::free(p); }
void operator delete[](void* p) noexcept { std::free(p); }
void operator delete(void* p, std::size_t) noexcept { std::free(p); }
void operator delete[](void* p, std::size_t) noexcept { std::free(p); }

namespace {

using namespace hil;

// A clock that moves only when slept on or relaxed: the pacer's waits end at once.
class FakeClock : public KitPlatform {
 public:
  uint64_t now_ns() override { return now_; }
  void sleep_until_ns(uint64_t d) override { now_ = d > now_ ? d : now_; }
  void cpu_relax() override { now_ += 1000; }
  uint64_t now_ = 1000000;
};

class CountingPrimer : public Primer {
 public:
  void prime() override { ++primes; }
  uint64_t primes = 0;
};

// A team's driver instance as the kit sees it: Driver2 records what it is handed.
class Target : public KitTarget {
 public:
  Target(Role r, Arrivals* a, Counters& c) : role_(r), arrivals_(a), c_(c) {}
  Role role() override { return role_; }
  uint32_t process_id() override { return 42; }
  uint64_t instance_id() override { return 1; }
  bool peer_present() override { return true; }
  IoRet configure(uint64_t, uint64_t, uint64_t, uint64_t) override { return ior::Success; }
  IoRet set_fault(uint64_t, uint64_t) override { return ior::Unsupported; }
  CountersSnapshot read_counters() override { return c_.snapshot(false); }
  void reset_counters() override { c_.reset(); }
  IoRet deliver_encoded(const uint8_t* msg, uint32_t len) override {
    Message m;
    if (!decode_message(msg, len, m)) return ior::BadArgument;
    arrivals_->record(m, Topology::AppRelay, 5);
    return ior::Success;
  }

 private:
  Role role_;
  Arrivals* arrivals_;
  Counters& c_;
};

constexpr uint64_t kCap = 1024;
alignas(64) uint8_t g_ring[kRingHeaderSize + kRecordSize * kCap];
MethodArgs g_args;  // 4 KiB: static, as a dext keeps it in its ivars

IoRet call(KitTarget& t, const SelectorRange& range, uint64_t selector, const uint64_t* in, uint32_t n,
           const uint8_t* st, uint32_t len) {
  if (!range.owns(selector)) return ior::BadArgument;  // the team's own selector, not the kit's
  g_args = MethodArgs();
  g_args.selector = selector - range.base;
  g_args.scalar_in = in;
  g_args.scalar_in_count = n;
  g_args.struct_in = st;
  g_args.struct_in_len = len;
  return kit_external_method(t, g_args);
}

void stamps_and_ring(FakeClock& clock, Counters& d1, Counters& d2, Arrivals& arr) {
  Departures dep(d1);
  RingConsumer drain(reinterpret_cast<RingHeader*>(g_ring));
  Message m;
  m.report_len = 8;
  for (uint64_t i = 0; i < 3 * kCap; ++i) {
    m.seq = dep.take_seq();
    m.t_sched_ns = clock.now_ns();
    Departures::stamp(m, clock);
    arr.prime();
    CHECK(arr.record(m, Topology::OneProcess, Arrivals::stamp(clock)) == 0);
    if (i % 2 == 0) {  // drain half: the ring fills, and overflows are counted, not written
      CHECK(drain.front() != nullptr);
      drain.pop();
    }
  }
  CHECK(d1.sent.load() == 3 * kCap);
  CHECK(d2.delivered.load() == 3 * kCap);
  CHECK(d2.ring_overflow.load() > 0);
  m.seq = 5;  // seen already
  CHECK(arr.record(m, Topology::OneProcess, 1) == kFlagDuplicate);
}

void selectors(Arrivals& arr, Counters& d2) {
  Target t(Role::Driver2, &arr, d2);
  const SelectorRange range{0x100};
  const uint64_t version = 1;
  CHECK(call(t, range, 0x100, &version, 1, nullptr, 0) == ior::Success);  // OpenSession
  CHECK(g_args.scalar_out_count == 4 && g_args.scalar_out[0] == 2 && g_args.scalar_out[1] == 42);
  CHECK(call(t, range, 0x102, nullptr, 0, nullptr, 0) == ior::BadArgument);  // StartBurst: 3 scalars
  const uint64_t burst[3] = {1, 1, 0};
  CHECK(call(t, range, 0x102, burst, 3, nullptr, 0) == ior::Unsupported);  // a Driver1 selector
  CHECK(call(t, range, 0x110, nullptr, 0, nullptr, 0) == ior::BadArgument);  // past the range
  CHECK(call(t, range, 0xFF, nullptr, 0, nullptr, 0) == ior::BadArgument);   // below it
  uint8_t msg[kMaxMessageSize];
  Message m;
  m.seq = 0;
  m.report_len = 8;
  make_burst_report(0, 0, 8, m.report);
  const size_t n = encode_message(m, msg, sizeof msg);
  CHECK(call(t, range, 0x10A, nullptr, 0, msg, static_cast<uint32_t>(n)) == ior::Success);  // DeliverMessage
  CHECK(call(t, range, 0x105, nullptr, 0, nullptr, 0) == ior::Success);  // ReadCounters
  CHECK(g_args.scalar_out_count == 8);
}

void burst(FakeClock& clock) {
  const std::atomic<bool> stop{false};
  CountingPrimer primer;
  uint64_t sent = 0;
  const uint64_t n = run_burst(clock, clock.now_ns() + 1000000, 50, 1000, 17, stop, &primer,
                               [&](const uint8_t* report, uint32_t len, uint64_t t, uint64_t i) {
                                 CHECK(len == 17 && report[0] == kVendorReportId && i == sent && t <= clock.now_ns());
                                 ++sent;
                               });
  CHECK(n == 50 && sent == 50);
  CHECK(primer.primes >= 50 && primer.primes <= 100);  // as each spin starts, and again just before t
}

}  // namespace

int main() {
  FakeClock clock;
  Counters d1, d2;
  Arrivals arr(d2);
  // start(): the only point where a dext may still allocate. Nothing after it may.
  CHECK(arr.start(g_ring, sizeof g_ring, kCap));
  g_started = true;
  stamps_and_ring(clock, d1, d2, arr);
  selectors(arr, d2);
  burst(clock);
  std::printf("kit_no_alloc: every hook ran with no allocation after start\n");
  return 0;
}
