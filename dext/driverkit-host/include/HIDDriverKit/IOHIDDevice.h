// Host declarations for the DriverKit build check (see dext/README.md). Not Apple's text.
// Source: apple-oss-distributions/IOHIDFamily HIDDriverKit/IOHIDDevice.iig (handleReport,
// LOCALONLY, with its default report type and options).
#pragma once
#include <DriverKit/IOMemoryDescriptor.h>
#include <DriverKit/IOService.h>
#include <DriverKit/IOTypes.h>
#include <HIDDriverKit/IOHIDDeviceTypes.h>

class IOHIDDevice : public IOService {
 public:
  virtual kern_return_t handleReport(uint64_t timestamp, IOMemoryDescriptor* report, uint32_t reportLength,
                                     IOHIDReportType reportType = kIOHIDReportTypeInput, IOOptionBits options = 0);
  static kern_return_t _Dispatch(OSMetaClassBase* self, const IORPC rpc);
};
