// Host declarations for the DriverKit build check (see dext/README.md). Not Apple's text.
// Source: apple-oss-distributions/xnu iokit/DriverKit/IOTypes.h (IOOptionBits, IOFixed).
#pragma once
#include <stdint.h>

typedef uint32_t IOOptionBits;
typedef int32_t IOFixed;
