// Host declarations for the DriverKit build check (see dext/README.md). Not Apple's text.
// Source: apple-oss-distributions/IOHIDFamily HIDDriverKit/IOHIDEventService.iig (init/free
// and the Start/Stop overrides).
#pragma once
#include <DriverKit/IOService.h>
#include <DriverKit/IOTypes.h>

class IOHIDEventService : public IOService {
 public:
  bool init() override;
  void free() override;
  static kern_return_t _Dispatch(OSMetaClassBase* self, const IORPC rpc);

 protected:
  kern_return_t Start_Impl(IOService* provider) override;
  kern_return_t Stop_Impl(IOService* provider) override;
};
