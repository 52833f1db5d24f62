// Limits of one user-client call (PROTOCOL.md §2): the same on DriverKit and on the sim wire.
#pragma once
#include <cstdint>

namespace hil {

constexpr uint32_t kMaxScalars = 16;
constexpr uint32_t kMaxStructOut = 4096;

}  // namespace hil
