// IOReturn values, numerically identical to macOS IOKit/IOReturn.h (PROTOCOL.md §3).
// Named in their own namespace, not kIOReturn*, because the DriverKit headers define
// those as macros and the glue includes both.
#pragma once
#include <cstdint>

namespace hil {

using IoRet = int32_t;

namespace ior {
constexpr IoRet Success = 0;
constexpr IoRet Error = static_cast<IoRet>(0xE00002BCu);
constexpr IoRet NoMemory = static_cast<IoRet>(0xE00002BDu);
constexpr IoRet NoResources = static_cast<IoRet>(0xE00002BEu);
constexpr IoRet BadArgument = static_cast<IoRet>(0xE00002C2u);
constexpr IoRet Unsupported = static_cast<IoRet>(0xE00002C7u);
constexpr IoRet NotOpen = static_cast<IoRet>(0xE00002CDu);
constexpr IoRet Busy = static_cast<IoRet>(0xE00002D5u);
constexpr IoRet Timeout = static_cast<IoRet>(0xE00002D6u);
constexpr IoRet NotReady = static_cast<IoRet>(0xE00002D8u);
constexpr IoRet NotPermitted = static_cast<IoRet>(0xE00002E2u);
constexpr IoRet Offline = static_cast<IoRet>(0xE00002E3u);
constexpr IoRet Overrun = static_cast<IoRet>(0xE00002E8u);
constexpr IoRet Aborted = static_cast<IoRet>(0xE00002EBu);
}  // namespace ior

// For diagnostics and test failure messages; "unknown" for anything else.
const char* ioret_name(IoRet r);

}  // namespace hil
