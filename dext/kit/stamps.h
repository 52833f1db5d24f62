// The kit's first hook: stamp a message as it leaves Driver1 and as it arrives at Driver2.
// Arrival classifies the seq (new, duplicate, out of order), counts it and appends the
// record the harness drains (PROTOCOL.md §1, §5). Nothing here allocates: the record ring
// lives in memory the dext hands over at start (shm on the sim host, an
// IOBufferMemoryDescriptor on DriverKit).
#pragma once
#include <cstddef>
#include <cstdint>

#include "counters.h"
#include "format.h"
#include "kit_platform.h"
#include "seq_tracker.h"
#include "spsc_ring.h"

namespace hil {

// Driver1's side. The caller serialises sends (one sender at a time), as it must for seqs.
class Departures {
 public:
  explicit Departures(Counters& c) : c_(c) {}
  // A burst starts again at seq 0 (the harness tells warm-up from measured messages by seq).
  void restart() { next_ = 0; }
  // The next seq, counted sent whatever becomes of the message.
  uint64_t take_seq() {
    const uint64_t seq = next_++;
    Counters::inc(c_.sent);
    c_.last_seq.store(seq, std::memory_order_relaxed);
    return seq;
  }
  // Last thing before the hand-off to Driver2: t_send_ns.
  static void stamp(Message& m, KitPlatform& p) { m.t_send_ns = p.now_ns(); }

 private:
  Counters& c_;
  uint64_t next_ = 0;
};

// Driver2's side. The caller serialises arrivals (one deliverer at a time).
class Arrivals {
 public:
  explicit Arrivals(Counters& c) : c_(c) {}
  // Lays a fresh record ring of `capacity` records into mem; false if it does not fit.
  bool start(void* mem, size_t size, uint64_t capacity);
  void stop() { records_ = RingProducer(); }
  bool started() const { return records_.valid(); }
  // First thing on arrival: t_recv_ns. Then record() with it.
  static uint64_t stamp(KitPlatform& p) { return p.now_ns(); }
  // Accounts m's seq and appends its record; a full ring counts ring_overflow and drops the
  // record (the message itself was delivered). Returns the record's flags.
  uint32_t record(const Message& m, Topology via, uint64_t t_recv);
  // Before an expected arrival: brings the next record slot and the counters into cache.
  void prime() {
    records_.prime();
    (void)c_.delivered.load(std::memory_order_relaxed);
  }

 private:
  Counters& c_;
  SeqTracker tracker_;
  RingProducer records_;
};

}  // namespace hil
