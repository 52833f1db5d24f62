// Host declarations for the DriverKit build check (see dext/README.md). Not Apple's text.
// Source: apple-oss-distributions/xnu iokit/DriverKit/IOReturn.h (kern_return_t, IOReturn,
// the err_system/err_sub encoding and the kIOReturn* values the glue uses).
#pragma once

typedef int kern_return_t;
typedef kern_return_t IOReturn;

#define KERN_SUCCESS 0

// system 0x38 (IOKit), subsystem 0 (common): 0xE0000000 | code.
#define hil_iokit_common_err(code) ((IOReturn)(0xE0000000u | (code)))

#define kIOReturnSuccess KERN_SUCCESS
#define kIOReturnError hil_iokit_common_err(0x2bc)
#define kIOReturnNoMemory hil_iokit_common_err(0x2bd)
#define kIOReturnNoResources hil_iokit_common_err(0x2be)
#define kIOReturnNoDevice hil_iokit_common_err(0x2c0)
#define kIOReturnBadArgument hil_iokit_common_err(0x2c2)
#define kIOReturnUnsupported hil_iokit_common_err(0x2c7)
#define kIOReturnNotOpen hil_iokit_common_err(0x2cd)
#define kIOReturnNotPermitted hil_iokit_common_err(0x2e2)
