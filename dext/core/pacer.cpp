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
    if (left > kSpinNs) {
      const uint64_t nap = left - kSpinNs;
      p_.sleep_until_ns(now + (nap < kMaxSleepNs ? nap : kMaxSleepNs));
    } else {
      p_.cpu_relax();
    }
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
