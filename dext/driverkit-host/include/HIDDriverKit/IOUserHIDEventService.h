// Host declarations for the DriverKit build check (see dext/README.md). Not Apple's text.
// IOUserHIDEventService.iig is not in Apple's open source; the declarations follow Apple's
// HIDDriverKit documentation (developer.apple.com/documentation/hiddriverkit/
// iouserhideventservice: `virtual void handleReport(uint64_t timestamp, uint8_t *report,
// uint32_t reportLength, IOHIDReportType type, uint32_t reportID)`, Start/Stop overrides)
// and its open-source base, IOHIDFamily HIDDriverKit/IOHIDEventService.iig.
#pragma once
#include <HIDDriverKit/IOHIDDeviceTypes.h>
#include <HIDDriverKit/IOHIDEventService.h>

class IOUserHIDEventService : public IOHIDEventService {
 public:
  bool init() override;
  void free() override;
  virtual void handleReport(uint64_t timestamp, uint8_t* report, uint32_t reportLength, IOHIDReportType type,
                            uint32_t reportID);
  static kern_return_t _Dispatch(OSMetaClassBase* self, const IORPC rpc);

 protected:
  kern_return_t Start_Impl(IOService* provider) override;
  kern_return_t Stop_Impl(IOService* provider) override;
};
