// Open-loop pacing: message i is due at start + i*period whatever happened before, so a
// stall shows up as latency of the messages behind it (no coordinated omission).
#pragma once
#include <atomic>
#include <cstdint>

#include "kit_platform.h"

namespace hil {

// The sender's own path, warmed once per message as the pacer stops sleeping and starts its
// final spin: after a 1 ms sleep on a busy host the hand-off's data is out of cache, and
// those misses would be measured as the hop's latency. prime() touches what the hand-off
// will touch and must not send anything.
class Primer {
 public:
  virtual void prime() = 0;

 protected:
  ~Primer() = default;
};

class Pacer {
 public:
  // rate_hz 0 = closed loop: every message is due "now".
  Pacer(KitPlatform& p, uint64_t start_ns, uint64_t rate_hz) : p_(p), start_(start_ns), rate_(rate_hz) {}

  uint64_t due(uint64_t i) const {
    // i*1e9 fits in u64 for i < 1.8e10, far above the 2e8 message limit.
    return rate_ ? start_ + (i * 1000000000ull) / rate_ : p_.now_ns();
  }
  // Sleeps until spin_ns() before t, then spins: sleeping all the way would add the
  // scheduler's wake-up jitter; spinning all the way would hold a core on a 2-core box.
  // The spin margin adapts to how late this host's sleeps wake (on a VM a wake-up of an idle
  // vCPU can take 100 us), so the stimulus leaves on time and that lateness is not measured
  // as the topology's latency. Returns false if stop became true first. primer, if any, runs
  // as the spin starts and again kPrimeAgainNs before t.
  bool wait_until(uint64_t t, const std::atomic<bool>& stop, Primer* primer = nullptr) const;

  // The margin now: twice the latest wake-up lateness it has seen, decaying by 1/64 per
  // on-time wake, within [kSpinNs, kMaxSpinNs]. The cap is measured: at 300 us the two pacers
  // of a floor-beside run held so much of a 2-core VM that app-relay p99 grew 3-10x; at 100 us
  // app-relay kept its tail and one-process still lost the timer lateness (p50 1-7 us -> 0.5-0.7 us).
  uint64_t spin_ns() const { return spin_ns_; }

  static constexpr uint64_t kSpinNs = 50000;
  static constexpr uint64_t kMaxSpinNs = 100000;
  static constexpr uint64_t kMaxSleepNs = 10000000;  // re-check stop at least every 10 ms
  static constexpr uint64_t kPrimeAgainNs = 2000;    // the primer's second call, before t

 private:
  void learn(uint64_t late_ns) const;

  KitPlatform& p_;
  uint64_t start_;
  uint64_t rate_;
  mutable uint64_t spin_ns_ = kSpinNs;  // adapts while the caller waits; one thread per pacer
};

}  // namespace hil
