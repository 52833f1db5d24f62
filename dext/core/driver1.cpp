#include "driver1.h"

#include <cstring>

#include "driver2.h"
#include "burst.h"
#include "send_extra.h"

namespace hil {

constexpr uint64_t kMaxCount = 100000000ull;
constexpr uint64_t kMaxRate = 1000000ull;
constexpr uint64_t kLeadNs = 1000000;  // first message 1 ms after StartBurst returns

IoRet Driver1::configure(uint64_t topology, uint64_t report_len, uint64_t doorbell, uint64_t reserved) {
  if (burst_active_.load()) return ior::Busy;
  LockGuard g(send_lock_);
  const IoRet r = DriverInstance::configure(topology, report_len, doorbell, reserved);
  if (r != ior::Success) return r;
  peer_ = static_cast<Topology>(topology) == Topology::OneProcess ? proc_.find_driver2() : nullptr;
  return ior::Success;
}

IoRet Driver1::set_fault(uint64_t kind, uint64_t param) {
  LockGuard g(send_lock_);
  const IoRet r = DriverInstance::set_fault(kind, param);
  if (r == ior::Success) fault_index_ = 0;
  return r;
}

bool Driver1::route_ready() const {
  switch (topology()) {
    case Topology::AppRelay: return completion_ != nullptr;
    case Topology::OneProcess: return peer_ != nullptr;
    case Topology::SharedRing: return ring_.valid();
  }
  return false;
}

IoRet Driver1::start_burst(uint64_t count, uint64_t rate_hz, uint64_t warmup) {
  if (count < 1 || count > kMaxCount || rate_hz > kMaxRate || warmup > kMaxCount) return ior::BadArgument;
  if (offline_.load()) return ior::Offline;
  if (burst_active_.load()) return ior::Busy;
  join_burst();  // reap a burst that ended on its own
  {
    LockGuard g(send_lock_);
    if (!configured() || !route_ready()) return ior::NotReady;
    departures_.restart();
  }
  burst_stop_.store(false);
  burst_sent_.store(0);
  burst_active_.store(true);
  const uint64_t total = count + warmup;  // warm-up messages go first, seq 0..warmup-1
  burst_thread_ = p_.start_thread("hil-burst", [this, total, rate_hz] { burst_loop(total, rate_hz); }, true);
  if (!burst_thread_) {
    burst_active_.store(false);
    return ior::NoResources;
  }
  return ior::Success;
}

void Driver1::burst_loop(uint64_t total, uint64_t rate_hz) {
  run_burst(p_, p_.now_ns() + kLeadNs, total, rate_hz, report_len_.load(), burst_stop_, this,
            [this](const uint8_t* report, uint32_t len, uint64_t t, uint64_t i) {
              // Ignored: a burst message's fate is in the counters (sent, dropped), and the
              // only refusal, Offline, means shutdown is about to stop this loop.
              (void)send_one(report, len, t, false, nullptr);
              burst_sent_.store(i + 1, std::memory_order_relaxed);
            });
  burst_active_.store(false);
}

// A dry run of the one-process hand-off, from the lock to Driver2's arrival stamp: after
// a 1 ms sleep on a busy host its code and data are out of cache, and those misses would be
// measured as the hop. The other topologies leave the process, so they only warm the lock.
void Driver1::prime() {
  LockGuard g(send_lock_);
  if (offline_.load(std::memory_order_relaxed) || topology() != Topology::OneProcess || !peer_) return;
  Message m;
  m.prime_only = true;
  m.report_len = report_len_.load(std::memory_order_relaxed);
  Departures::stamp(m, p_);
  (void)forward(m);  // Driver2 stamps and returns: nothing is delivered, recorded or counted
}

void Driver1::join_burst() {
  if (burst_thread_) {
    burst_thread_->join();
    burst_thread_.reset();
  }
}

uint64_t Driver1::stop_burst() {
  burst_stop_.store(true);
  join_burst();
  burst_active_.store(false);
  return burst_sent_.load();
}

void Driver1::shutdown() {
  DriverInstance::shutdown();
  stop_burst();
  LockGuard g(send_lock_);
  completion_.reset();
  peer_.reset();
  ring_ = RingProducer();
  ring_mem_.reset();
}

IoRet Driver1::inject(const uint8_t* report, uint32_t len, uint64_t& seq) {
  if (len < 1 || len > kMaxReportLen) return ior::BadArgument;
  return send_one(report, len, 0, true, &seq);
}

void Driver1::on_device_report(const uint8_t* report, uint32_t len) {
  uint64_t seq = 0;
  if (len > kMaxReportLen) len = kMaxReportLen;
  // Ignored: handleReport has no caller to answer. A report before the route is
  // configured is refused uncounted, as InjectReport would be with kIOReturnNotReady.
  if (len) (void)send_one(report, len, 0, true, &seq);
}

IoRet Driver1::send_one(const uint8_t* report, uint32_t len, uint64_t t_sched, bool injected, uint64_t* seq_out) {
  LockGuard g(send_lock_);
  if (offline_.load(std::memory_order_relaxed)) return ior::Offline;
  // An injected report with no route is refused; a burst message whose route vanished
  // mid-burst (client closed) is sent and counted dropped, so the totals still add up.
  if (injected && (!configured() || !route_ready())) return ior::NotReady;
  const uint64_t seq = departures_.take_seq();
  if (seq_out) *seq_out = seq;
  const uint64_t index = ++fault_index_;
  const auto fault = static_cast<FaultKind>(fault_kind_.load(std::memory_order_relaxed));
  IoRet r = ior::Success;
  if (fault == FaultKind::DropNth && nth(index)) {
    Counters::inc(counters_.dropped);
  } else {
    if (fault == FaultKind::Delay) apply_delay();  // checked here: no call on the hot path without a fault
    send_extra_work();  // compiled out unless the build asks for it (HIL_SEND_EXTRA_NS)
    Message m;
    m.seq = seq;
    m.t_sched_ns = injected ? 0 : t_sched;
    m.report_len = len;
    std::memcpy(m.report, report, len);
    Departures::stamp(m, p_);
    r = forward(m);
    if (r != ior::Success) {
      Counters::inc(counters_.dropped);
    } else if (fault == FaultKind::DuplicateNth && nth(index) && forward(m) == ior::Success) {
      Counters::inc(counters_.duplicated);
    }
  }
  count_toward_crash();
  // The caller's request succeeded even if the message was lost on the way: the loss is
  // accounted in the counters, which is where the harness looks for it.
  return injected ? r : ior::Success;
}

IoRet Driver1::forward(const Message& m) {
  switch (topology()) {
    case Topology::AppRelay: {
      if (!completion_) return ior::NotReady;
      uint64_t args[4 + kMaxReportLen / 8] = {m.seq, m.t_sched_ns, m.t_send_ns, m.report_len};
      const uint32_t words = (m.report_len + 7) / 8;
      for (uint32_t w = 0; w < words; ++w) {
        uint64_t v = 0;
        for (uint32_t b = 0; b < 8 && w * 8 + b < m.report_len; ++b)
          v |= static_cast<uint64_t>(m.report[w * 8 + b]) << (8 * b);
        args[4 + w] = v;
      }
      return completion_->complete(completion_ref_, ior::Success, args, 4 + words) ? ior::Success
                                                                                   : ior::Offline;
    }
    case Topology::OneProcess:
      if (!peer_) return ior::NotReady;
      return peer_->deliver(m, Topology::OneProcess);
    case Topology::SharedRing: {
      if (!ring_.valid()) return ior::NotReady;
      uint8_t slot[kMessageSlotSize];
      const size_t n = encode_message(m, slot, sizeof slot);
      if (!ring_.try_push(slot, n)) {
        Counters::inc(counters_.ring_overflow);
        return ior::Overrun;
      }
      if (ring_.consumer_sleeping()) {
        ring_.doorbell()->store(0, std::memory_order_relaxed);
        p_.doorbell_wake(ring_.doorbell());
      }
      return ior::Success;
    }
  }
  return ior::Error;
}

IoRet Driver1::register_completion(std::shared_ptr<ICompletionSink> sink, uint32_t ref) {
  LockGuard g(send_lock_);
  completion_ = std::move(sink);
  completion_ref_ = ref;
  return ior::Success;
}

void Driver1::unregister_completion(const ICompletionSink* sink) {
  LockGuard g(send_lock_);
  if (completion_.get() == sink) completion_.reset();
}

IoRet Driver1::hand_over_ring(uint64_t capacity, const uint8_t* name, uint32_t len) {
  if (burst_active_.load()) return ior::Busy;
  if (len == 0 || len > 255 || std::memchr(name, 0, len)) return ior::BadArgument;
  const std::string n(reinterpret_cast<const char*>(name), len);
  auto mem = p_.open_shared(n.c_str());
  if (!mem) return ior::BadArgument;
  RingHeader* h = ring_attach(mem->data(), mem->size(), kMessageSlotSize);
  if (!h || h->capacity != capacity) return ior::BadArgument;
  LockGuard g(send_lock_);
  ring_mem_ = std::move(mem);
  ring_ = RingProducer(h);
  return ior::Success;
}

}  // namespace hil
