#include "pacer.h"

namespace hil {

bool Pacer::wait_until(uint64_t t, const std::atomic<bool>& stop, Primer* primer) const {
  bool primed_early = false;
  for (;;) {
    if (stop.load(std::memory_order_relaxed)) return false;
    const uint64_t now = p_.now_ns();
    if (now >= t) return true;
    const uint64_t left = t - now;
    if (left > spin_ns_) {
      const uint64_t nap = left - spin_ns_;
      const uint64_t wake = now + (nap < kMaxSleepNs ? nap : kMaxSleepNs);
      p_.sleep_until_ns(wake);
      const uint64_t woke = p_.now_ns();
      learn(woke > wake ? woke - wake : 0);
    } else {
      // Once as the spin starts (after the sleep the cache is coldest) and once just before
      // t, since a neighbour on a busy host can evict it again during a 100 us spin.
      if (primer && (!primed_early || left <= kPrimeAgainNs)) {
        primer->prime();
        if (primed_early) primer = nullptr;
        primed_early = true;
      }
      p_.cpu_relax();
    }
  }
}

void Pacer::learn(uint64_t late_ns) const {
  if (2 * late_ns > spin_ns_) {
    spin_ns_ = 2 * late_ns < kMaxSpinNs ? 2 * late_ns : kMaxSpinNs;
  } else {
    const uint64_t less = spin_ns_ - spin_ns_ / 64;
    spin_ns_ = less > kSpinNs ? less : kSpinNs;
  }
}

}  // namespace hil
