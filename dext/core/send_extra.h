// Extra work compiled into Driver1's send path, so a slower candidate build is a different
// build and not a runtime switch (hil compare's real regression; CMake HIL_SEND_EXTRA_NS).
#pragma once
#include <chrono>

#ifndef HIL_SEND_EXTRA_NS
#define HIL_SEND_EXTRA_NS 0
#endif

namespace hil {

// A busy wait, not a sleep: a sleep would hand the core away and measure the scheduler's
// wake-up instead of the added work.
inline void send_extra_work() {
  if constexpr (HIL_SEND_EXTRA_NS > 0) {
    const auto until = std::chrono::steady_clock::now() + std::chrono::nanoseconds(HIL_SEND_EXTRA_NS);
    while (std::chrono::steady_clock::now() < until) {
    }
  }
}

}  // namespace hil
