#include "stamps.h"

namespace hil {

bool Arrivals::start(void* mem, size_t size, uint64_t capacity) {
  if (!ring_init(mem, size, kRecordSize, capacity)) return false;
  records_ = RingProducer(ring_attach(mem, size, kRecordSize));
  return records_.valid();
}

uint32_t Arrivals::record(const Message& m, Topology via, uint64_t t_recv) {
  Record rec;
  rec.seq = m.seq;
  // An injected report has no schedule; recording t_send keeps t_recv - t_sched meaningful.
  rec.t_sched_ns = m.t_sched_ns ? m.t_sched_ns : m.t_send_ns;
  rec.t_send_ns = m.t_send_ns;
  rec.t_recv_ns = t_recv;
  rec.topology = static_cast<uint32_t>(via);
  rec.flags = m.t_sched_ns ? 0u : static_cast<uint32_t>(kFlagInjected);
  switch (tracker_.observe(m.seq)) {
    case SeqTracker::Kind::New:
      Counters::inc(c_.delivered);
      break;
    case SeqTracker::Kind::Duplicate:
      Counters::inc(c_.duplicated);
      rec.flags |= kFlagDuplicate;
      break;
    case SeqTracker::Kind::OutOfOrder:
      Counters::inc(c_.delivered);
      Counters::inc(c_.out_of_order);
      rec.flags |= kFlagOutOfOrder;
      break;
  }
  c_.last_seq.store(m.seq, std::memory_order_relaxed);
  uint8_t buf[kRecordSize];
  encode_record(rec, buf);
  if (!records_.valid() || !records_.try_push(buf, sizeof buf)) Counters::inc(c_.ring_overflow);
  return rec.flags;
}

}  // namespace hil
