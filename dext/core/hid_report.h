// Driver2's HID report descriptor: decided here (portable, testable), used by the
// DriverKit glue's newReportDescriptor.
#pragma once
#include <cstddef>
#include <cstdint>

#include "stimulus_report.h"

namespace hil {

constexpr uint8_t kKeyboardReportId = 1;
constexpr uint8_t kFeatureReportId = 3;
// ID + 8 bytes (modifiers, reserved, 6 keys).
constexpr uint32_t kKeyboardReportSize = 9;

const uint8_t* report_descriptor(size_t* len);

}  // namespace hil
