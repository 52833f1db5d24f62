// Host umbrella for the DriverKit build check (see dext/README.md). Not Apple's text.
// The HIDDriverKit classes the glue uses.
#pragma once
#include <HIDDriverKit/IOHIDDeviceTypes.h>
#include <HIDDriverKit/IOHIDDevice.h>
#include <HIDDriverKit/IOHIDEventService.h>
#include <HIDDriverKit/IOUserHIDDevice.h>
#include <HIDDriverKit/IOUserHIDEventService.h>
