// Per-instance counters (PROTOCOL.md §4 ReadCounters). Written by one hot thread at a
// time, read by any connection thread, hence relaxed atomics rather than a lock.
#pragma once
#include <atomic>
#include <cstdint>

namespace hil {

constexpr uint64_t kNoSeq = ~0ull;  // last_seq before any message

struct CountersSnapshot {
  uint64_t sent = 0, delivered = 0, dropped = 0, duplicated = 0, out_of_order = 0,
           ring_overflow = 0, burst_active = 0, last_seq = kNoSeq;
};

struct Counters {
  std::atomic<uint64_t> sent{0}, delivered{0}, dropped{0}, duplicated{0}, out_of_order{0},
      ring_overflow{0}, last_seq{kNoSeq};

  static void inc(std::atomic<uint64_t>& c) {
    // Single writer per counter on the hot path: load+store avoids a locked RMW.
    c.store(c.load(std::memory_order_relaxed) + 1, std::memory_order_relaxed);
  }
  void reset() {
    std::atomic<uint64_t>* all[] = {&sent, &delivered, &dropped, &duplicated, &out_of_order, &ring_overflow};
    for (auto* c : all) c->store(0, std::memory_order_relaxed);
    last_seq.store(kNoSeq, std::memory_order_relaxed);
  }
  CountersSnapshot snapshot(bool burst_active) const {
    CountersSnapshot s;
    s.sent = sent.load(std::memory_order_relaxed);
    s.delivered = delivered.load(std::memory_order_relaxed);
    s.dropped = dropped.load(std::memory_order_relaxed);
    s.duplicated = duplicated.load(std::memory_order_relaxed);
    s.out_of_order = out_of_order.load(std::memory_order_relaxed);
    s.ring_overflow = ring_overflow.load(std::memory_order_relaxed);
    s.burst_active = burst_active ? 1 : 0;
    s.last_seq = last_seq.load(std::memory_order_relaxed);
    return s;
  }
};

}  // namespace hil
