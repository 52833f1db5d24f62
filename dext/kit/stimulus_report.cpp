#include "stimulus_report.h"

#include <cstring>

#include "bytes.h"

namespace hil {

void make_burst_report(uint64_t seq, uint64_t t_sched, uint32_t len, uint8_t* out) {
  uint8_t full[kVendorReportSize] = {};
  full[0] = kVendorReportId;
  put_u64(full + 1, seq);
  put_u64(full + 9, t_sched);
  std::memset(out, 0, len);
  std::memcpy(out, full, len < kVendorReportSize ? len : kVendorReportSize);
}

}  // namespace hil
