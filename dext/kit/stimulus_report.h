// The report a paced burst carries (PROTOCOL.md §4): the vendor input report, ID 2, with the
// message's seq and scheduled time, so the harness can check what arrived. A dext that
// declares its own report descriptor includes this report in it.
#pragma once
#include <cstdint>

namespace hil {

constexpr uint8_t kVendorReportId = 2;
// ID + u64 seq + u64 timestamp (ns).
constexpr uint32_t kVendorReportSize = 17;

// Writes len bytes: the vendor report truncated (or zero-padded) to len.
void make_burst_report(uint64_t seq, uint64_t t_sched, uint32_t len, uint8_t* out);

}  // namespace hil
