#include "pacer.h"

#include <cstring>

#include "bytes.h"
#include "hid_report.h"

namespace hil {

bool Pacer::wait_until(uint64_t t, const std::atomic<bool>& stop) const {
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

void make_burst_report(uint64_t seq, uint64_t t_sched, uint32_t len, uint8_t* out) {
  uint8_t full[kVendorReportSize] = {};
  full[0] = kVendorReportId;
  put_u64(full + 1, seq);
  put_u64(full + 9, t_sched);
  std::memset(out, 0, len);
  std::memcpy(out, full, len < kVendorReportSize ? len : kVendorReportSize);
}

}  // namespace hil
