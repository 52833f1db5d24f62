#include "driver2.h"

#include <cstring>

#include "bytes.h"

namespace hil {

constexpr uint64_t kMinMsgRing = 64, kMaxMsgRing = 1u << 20;
// Spin mode backs off to the doorbell after this long idle, so an idle instance does not
// hold a core for its whole life; any rate >= 1 Hz keeps it spinning.
constexpr uint64_t kSpinIdleNs = 1000000000ull;
constexpr uint64_t kWaitModeSpinNs = 20000;  // "bounded spin (~20 us) then wait"
constexpr uint64_t kDoorbellTimeoutNs = 10000000;  // re-check stop every 10 ms

Driver2::Driver2(IPlatform& p, Process& proc, std::string name, uint64_t id, uint64_t record_capacity)
    : DriverInstance(Role::Driver2, p, proc, std::move(name), id),
      deliver_lock_(p),
      record_capacity_(record_capacity),
      config_lock_(p),
      arrivals_(counters_) {
  // Created up front: records of messages that arrive before the app maps the ring are
  // kept, not lost.
  const size_t bytes = ring_bytes(kRecordSize, record_capacity_);
  record_mem_ = p.create_shared(shm_name(p.process_id(), this->name(), 1).c_str(), bytes);
  if (record_mem_) arrivals_.start(record_mem_->data(), record_mem_->size(), record_capacity_);
}

IoRet Driver2::configure(uint64_t topology, uint64_t report_len, uint64_t doorbell, uint64_t reserved) {
  LockGuard g(config_lock_);
  const IoRet r = DriverInstance::configure(topology, report_len, doorbell, reserved);
  if (r == ior::Success) update_consumer();
  return r;
}

IoRet Driver2::set_fault(uint64_t kind, uint64_t param) {
  // "Every Nth message" faults act where messages originate (Driver1).
  const auto k = static_cast<FaultKind>(kind);
  if (k == FaultKind::DropNth || k == FaultKind::DuplicateNth) return ior::Unsupported;
  return DriverInstance::set_fault(kind, param);
}

void Driver2::shutdown() {
  DriverInstance::shutdown();
  LockGuard g(config_lock_);
  stop_consumer();
  LockGuard d(deliver_lock_);
  messages_ = RingConsumer();
  msg_mem_.reset();
  arrivals_.stop();
  record_mem_.reset();
}

IoRet Driver2::deliver(const Message& m, Topology via) {
  const uint64_t t_recv = Arrivals::stamp(p_);
  if (m.prime_only) {
    prime();
    return ior::Success;
  }
  return deliver_stamped(m, via, t_recv);
}

void Driver2::prime() {
  LockGuard g(deliver_lock_);
  volatile uint64_t touch = fault_kind_.load(std::memory_order_relaxed) + offline_.load(std::memory_order_relaxed);
  (void)touch;
  arrivals_.prime();
}

IoRet Driver2::deliver_stamped(const Message& m, Topology via, uint64_t t_recv) {
  // An injected delay goes before the stamp, so it shows up as latency.
  if (static_cast<FaultKind>(fault_kind_.load(std::memory_order_relaxed)) == FaultKind::Delay) {
    apply_delay();
    t_recv = p_.now_ns();
  }
  LockGuard g(deliver_lock_);
  if (offline_.load(std::memory_order_relaxed)) return ior::Offline;
  arrivals_.record(m, via, t_recv);
  last_seq_ = m.seq;
  last_report_len_ = m.report_len <= kMaxReportLen ? m.report_len : kMaxReportLen;
  std::memcpy(last_report_, m.report, last_report_len_);
  if (report_sink_) report_sink_->post_report(t_recv, m.report, m.report_len);
  count_toward_crash();
  return ior::Success;
}

IoRet Driver2::deliver_encoded(const uint8_t* msg, uint32_t len) {
  Message m;
  if (!decode_message(msg, len, m)) return ior::BadArgument;
  return deliver(m, Topology::AppRelay);
}

IoRet Driver2::map_record_ring(uint64_t& size, uint64_t& capacity) {
  if (!arrivals_.started()) return ior::NoMemory;
  size = record_mem_->size();
  capacity = record_capacity_;
  return ior::Success;
}

IoRet Driver2::map_shared_ring(uint64_t capacity, uint64_t& size) {
  if (capacity < kMinMsgRing || capacity > kMaxMsgRing || !is_pow2(capacity)) return ior::BadArgument;
  LockGuard g(config_lock_);
  if (offline_.load()) return ior::Offline;
  if (msg_mem_ && messages_.valid() &&
      reinterpret_cast<RingHeader*>(msg_mem_->data())->capacity == capacity) {
    size = msg_mem_->size();  // same instance for the same type, as CopyClientMemoryForType
    return ior::Success;
  }
  // Another capacity replaces the ring; the app must hand the new name to Driver1.
  stop_consumer();
  messages_ = RingConsumer();
  msg_mem_.reset();
  const size_t bytes = ring_bytes(kMessageSlotSize, capacity);
  auto mem = p_.create_shared(shm_name(p_.process_id(), name(), 2).c_str(), bytes);
  if (!mem || !ring_init(mem->data(), mem->size(), kMessageSlotSize, capacity)) return ior::NoMemory;
  messages_ = RingConsumer(ring_attach(mem->data(), mem->size(), kMessageSlotSize));
  msg_mem_ = std::move(mem);
  size = msg_mem_->size();
  update_consumer();
  return ior::Success;
}

ISharedMemory* Driver2::memory(uint32_t type) {
  LockGuard g(config_lock_);
  if (type == 1) return arrivals_.started() ? record_mem_.get() : nullptr;
  if (type == 2) return msg_mem_.get();
  return nullptr;
}

IoRet Driver2::set_feature(const uint8_t* data, uint32_t len) {
  if (len < 1 || len > kMaxReportLen) return ior::BadArgument;
  LockGuard g(deliver_lock_);
  std::memcpy(feature_, data, len);
  feature_len_ = len;
  return ior::Success;
}

uint32_t Driver2::get_feature(uint8_t* out, uint32_t cap) {
  LockGuard g(deliver_lock_);
  const uint32_t n = feature_len_ < cap ? feature_len_ : cap;
  std::memcpy(out, feature_, n);
  return n;
}

uint32_t Driver2::last_report(uint64_t& seq, uint8_t* out, uint32_t cap) {
  LockGuard g(deliver_lock_);
  seq = last_seq_;
  const uint32_t n = last_report_len_ < cap ? last_report_len_ : cap;
  std::memcpy(out, last_report_, n);
  return n;
}

// Caller holds config_lock_.
void Driver2::update_consumer() {
  const bool want = configured() && topology() == Topology::SharedRing && messages_.valid() &&
                    !offline_.load();
  if (want && !consumer_) {
    consumer_stop_.store(false);
    consumer_ = p_.start_thread("hil-consume", [this] { consume_loop(); }, true);
  } else if (!want && consumer_) {
    stop_consumer();
  }
}

void Driver2::stop_consumer() {
  if (!consumer_) return;
  consumer_stop_.store(true);
  p_.doorbell_wake(messages_.doorbell());
  consumer_->join();
  consumer_.reset();
}

void Driver2::consume_loop() {
  RingConsumer& ring = messages_;
  uint64_t idle_since = 0;
  uint32_t spins = 0;
  Message m;
  while (!consumer_stop_.load(std::memory_order_relaxed)) {
    if (const uint8_t* slot = ring.front()) {
      const uint64_t t_recv = Arrivals::stamp(p_);  // arrival is when the slot became visible
      const uint32_t rl = get_u32(slot + 24);
      // A malformed slot can only come from a broken producer; skip it rather than stop.
      // Ignored: only Offline comes back, and then shutdown is stopping this loop.
      if (rl <= kMaxReportLen && decode_message(slot, kMessageHeaderSize + rl, m))
        (void)deliver_stamped(m, Topology::SharedRing, t_recv);
      ring.pop();
      idle_since = 0;
      continue;
    }
    // Reading the clock on every empty poll would slow the poll; every 64th is enough.
    if (++spins % 64 != 0 || idle_since == 0) {
      if (idle_since == 0) idle_since = p_.now_ns();
      p_.cpu_relax();
      continue;
    }
    const uint64_t budget = doorbell_mode() == kDoorbellSpin ? kSpinIdleNs : kWaitModeSpinNs;
    if (p_.now_ns() - idle_since < budget) {
      p_.cpu_relax();
      continue;
    }
    if (ring.prepare_wait()) p_.doorbell_wait(ring.doorbell(), 1, kDoorbellTimeoutNs);
    ring.finish_wait();
  }
}

}  // namespace hil
