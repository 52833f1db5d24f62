// Host declarations for the DriverKit build check (see dext/README.md). Not Apple's text.
// Source: apple-oss-distributions/xnu osfmk/mach/mach_time.h.
#pragma once
#include <stdint.h>

#include <DriverKit/IOReturn.h>

struct mach_timebase_info {
  uint32_t numer;
  uint32_t denom;
};
typedef struct mach_timebase_info* mach_timebase_info_t;
typedef struct mach_timebase_info mach_timebase_info_data_t;

extern "C" kern_return_t mach_timebase_info(mach_timebase_info_t info);
extern "C" uint64_t mach_absolute_time(void);
