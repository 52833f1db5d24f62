#include "keyflip.h"

#include <cstring>

namespace keyflip {
namespace {

using hil::ior::BadArgument;
using hil::ior::Busy;
using hil::ior::NotReady;
using hil::ior::Success;
using hil::ior::Unsupported;

constexpr uint64_t kLeadNs = 1000000;  // the kit's StartBurst contract: first message 1 ms on
constexpr uint64_t kMaxCount = 100000000ull, kMaxRate = 1000000ull;
constexpr uint64_t kFaultCrash = 4, kLastFaultKind = 5;  // PROTOCOL.md "Faults": the harness's kinds

uint8_t checksum(const uint8_t* b, uint32_t n) {
  uint8_t s = 0xA5;
  for (uint32_t i = 0; i < n; ++i) s = static_cast<uint8_t>((s << 1 | s >> 7) ^ b[i]);
  return s;
}

// Keyflip's scrambling: every byte but the report ID, XOR the mask. Its own inverse.
void flip(const uint8_t* in, uint8_t* out, uint32_t n, uint8_t mask) {
  for (uint32_t i = 0; i < n; ++i) out[i] = i == 0 ? in[0] : static_cast<uint8_t>(in[i] ^ mask);
}

class Spin {  // one holder at a time; contention is an injection racing the burst
 public:
  explicit Spin(std::atomic_flag& f, hil::KitPlatform& p) : f_(f) {
    while (f_.test_and_set(std::memory_order_acquire)) p.cpu_relax();
  }
  ~Spin() { f_.clear(std::memory_order_release); }
  Spin(const Spin&) = delete;
  Spin& operator=(const Spin&) = delete;

 private:
  std::atomic_flag& f_;
};

// The team's ExternalMethod: its own selectors, then the kit's range, then nothing.
template <typename Own>
IoRet dispatch(hil::KitTarget& t, uint64_t selector, hil::MethodArgs& a, Own&& own) {
  const hil::SelectorRange kit{kKitBase};
  if (kit.owns(selector)) {
    a.selector = selector - kit.base;
    return hil::kit_external_method(t, a);
  }
  return own();
}

}  // namespace

IoRet KeyflipSource::external_method(uint64_t selector, hil::MethodArgs& a) {
  return dispatch(*this, selector, a, [&]() -> IoRet {
    if (selector != kSelSetFlipMask || a.scalar_in_count != 1 || a.scalar_in[0] > 0xFF) return BadArgument;
    mask_.store(static_cast<uint8_t>(a.scalar_in[0]));
    return Success;
  });
}

IoRet KeyflipSource::configure(uint64_t topology, uint64_t report_len, uint64_t doorbell, uint64_t reserved) {
  if (topology > 2 || report_len < 1 || report_len > hil::kMaxReportLen || doorbell > 1 || reserved) return BadArgument;
  if (topology != static_cast<uint64_t>(hil::Topology::OneProcess) || !device_) return Unsupported;
  if (busy_.load()) return Busy;
  report_len_.store(static_cast<uint32_t>(report_len));
  configured_.store(true);
  return Success;
}

IoRet CrashFault::set(uint64_t kind, uint64_t frames) {
  if (kind > kLastFaultKind) return BadArgument;
  if (kind == 0) {
    left_.store(0);
    return Success;
  }
  if (kind != kFaultCrash || !crash_) return Unsupported;
  if (frames == 0) crash_->now("SetFault crash now");
  left_.store(frames);
  return Success;
}

void CrashFault::count() {
  const uint64_t left = left_.load(std::memory_order_relaxed);
  if (left == 0) return;  // not armed
  if (left == 1) crash_->now("SetFault crash after N frames");
  left_.store(left - 1, std::memory_order_relaxed);
}

IoRet KeyflipSource::set_fault(uint64_t kind, uint64_t param) { return fault_.set(kind, param); }

IoRet KeyflipSource::start_burst(uint64_t count, uint64_t rate_hz, uint64_t warmup) {
  if (count < 1 || count > kMaxCount || rate_hz > kMaxRate || warmup > kMaxCount) return BadArgument;
  if (busy_.exchange(true)) return Busy;
  if (!configured_.load()) {
    busy_.store(false);
    return NotReady;
  }
  {
    Spin s(sending_, p_);
    departures_.restart();
  }
  stop_.store(false);
  burst_sent_.store(0);
  burst_total_.store(count + warmup);
  burst_rate_.store(rate_hz);
  if (q_.run(&KeyflipSource::burst_entry, this)) return Success;
  busy_.store(false);
  return hil::ior::NoResources;
}

void KeyflipSource::burst_entry(void* self) {
  auto* s = static_cast<KeyflipSource*>(self);
  hil::run_burst(s->p_, s->p_.now_ns() + kLeadNs, s->burst_total_.load(), s->burst_rate_.load(), s->report_len_.load(),
                 s->stop_, s, [s](const uint8_t* report, uint32_t len, uint64_t t, uint64_t i) {
                   (void)s->hand_off(report, len, t, nullptr);  // its fate is in the counters
                   s->burst_sent_.store(i + 1, std::memory_order_relaxed);
                 });
  s->busy_.store(false);
}

uint64_t KeyflipSource::stop_burst() {
  stop_.store(true);
  q_.wait_idle();
  return burst_sent_.load();
}

IoRet KeyflipSource::inject(const uint8_t* report, uint32_t len, uint64_t& seq) {
  if (!configured_.load()) return NotReady;
  return hand_off(report, len, 0, &seq);
}

IoRet KeyflipSource::hand_off(const uint8_t* report, uint32_t len, uint64_t t_sched, uint64_t* seq_out) {
  Spin s(sending_, p_);
  FlipFrame f;
  f.stamp.seq = departures_.take_seq();  // kit hook: seq, counted sent
  if (seq_out) *seq_out = f.stamp.seq;
  f.stamp.t_sched_ns = t_sched;
  f.len = static_cast<uint8_t>(len);
  f.mask = mask();
  flip(report, f.bytes, len, f.mask);
  f.checksum = checksum(f.bytes, len);
  hil::Departures::stamp(f.stamp, p_);  // kit hook: t_send, the last thing before the hand-off
  fault_.count();
  if (device_->receive(f)) return Success;
  hil::Counters::inc(counters_.dropped);
  return hil::ior::Error;
}

// The kit's Primer: a dry run of the hand-off, so the paced frame leaves from a warm cache.
void KeyflipSource::prime() {
  Spin s(sending_, p_);
  FlipFrame f;
  f.stamp.prime_only = true;
  hil::Departures::stamp(f.stamp, p_);
  device_->warm(f);
}

bool KeyflipDevice::start(void* record_mem, uint64_t size, uint64_t capacity) {
  ring_size_ = size;
  ring_capacity_ = capacity;
  return arrivals_.start(record_mem, size, capacity);
}

void KeyflipDevice::warm(const FlipFrame& f) {
  (void)hil::Arrivals::stamp(p_);
  Spin s(receiving_, p_);
  (void)f;
  arrivals_.prime();
}

bool KeyflipDevice::receive(const FlipFrame& f) {
  const uint64_t t_recv = hil::Arrivals::stamp(p_);  // kit hook: the first thing on arrival
  if (f.len > hil::kMaxReportLen || checksum(f.bytes, f.len) != f.checksum) return false;
  Spin s(receiving_, p_);
  hil::Message m = f.stamp;
  m.report_len = f.len;
  flip(f.bytes, m.report, f.len, f.mask);
  arrivals_.record(m, hil::Topology::OneProcess, t_recv);  // kit hook: seq, counters, record
  fault_.count();
  last_seq_ = m.seq;
  last_len_ = f.len;
  std::memcpy(last_, m.report, f.len);
  return true;
}

IoRet KeyflipDevice::external_method(uint64_t selector, hil::MethodArgs& a) {
  return dispatch(*this, selector, a, [] { return BadArgument; });  // no selectors of its own
}

IoRet KeyflipDevice::configure(uint64_t topology, uint64_t report_len, uint64_t doorbell, uint64_t reserved) {
  if (topology > 2 || report_len < 1 || report_len > hil::kMaxReportLen || doorbell > 1 || reserved) return BadArgument;
  return topology == static_cast<uint64_t>(hil::Topology::OneProcess) ? Success : Unsupported;
}

IoRet KeyflipDevice::map_record_ring(uint64_t& size, uint64_t& capacity) {
  if (!arrivals_.started()) return hil::ior::NoMemory;
  size = ring_size_;
  capacity = ring_capacity_;
  return Success;
}

uint32_t KeyflipDevice::last_report(uint64_t& seq, uint8_t* out, uint32_t cap) {
  Spin s(receiving_, p_);
  seq = last_seq_;
  const uint32_t n = last_len_ < cap ? last_len_ : cap;
  std::memcpy(out, last_, n);
  return n;
}

}  // namespace keyflip
