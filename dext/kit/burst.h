// The kit's third hook: the paced burst the fixtures drive (StartBurst, PROTOCOL.md §4).
// Message i is due at start + i * 1e9 / rate; its report is built before the wait so only
// the hand-off sits between the due time and t_send.
#pragma once
#include <atomic>
#include <cstdint>

#include "format.h"
#include "pacer.h"
#include "stimulus_report.h"

namespace hil {

// send(report, len, t_sched, i) hands message i over; returns how many were sent before
// stop became true (total if it never did). primer (may be null) warms send's path.
template <typename Send>
uint64_t run_burst(KitPlatform& p, uint64_t start_ns, uint64_t total, uint64_t rate_hz, uint32_t len,
                   const std::atomic<bool>& stop, Primer* primer, Send&& send) {
  const Pacer pacer(p, start_ns, rate_hz);
  uint8_t report[kMaxReportLen];
  for (uint64_t i = 0; i < total; ++i) {
    const uint64_t t = pacer.due(i);
    make_burst_report(i, t, len, report);
    if (!pacer.wait_until(t, stop, primer)) return i;
    send(report, len, t, i);
  }
  return total;
}

}  // namespace hil
