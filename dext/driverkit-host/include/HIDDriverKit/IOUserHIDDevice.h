// Host declarations for the DriverKit build check (see dext/README.md). Not Apple's text.
// IOUserHIDDevice.iig is not in Apple's open source; the declarations follow Apple's
// HIDDriverKit documentation (developer.apple.com/documentation/hiddriverkit/iouserhiddevice:
// `virtual bool handleStart(IOService *provider)`, `virtual OSDictionary *
// newDeviceDescription()`, `virtual OSData * newReportDescriptor()`), Apple's published
// IOHIDFamily HIDDriverKit/IOUserHIDDevice.cpp (Start calls handleStart, then the two new*
// methods) and its open-source base, IOHIDFamily HIDDriverKit/IOHIDDevice.iig.
#pragma once
#include <DriverKit/OSCollections.h>
#include <HIDDriverKit/IOHIDDevice.h>

class IOUserHIDDevice : public IOHIDDevice {
 public:
  bool init() override;
  void free() override;
  virtual bool handleStart(IOService* provider);
  virtual OSDictionary* newDeviceDescription();
  virtual OSData* newReportDescriptor();
  static kern_return_t _Dispatch(OSMetaClassBase* self, const IORPC rpc);

 protected:
  kern_return_t Start_Impl(IOService* provider) override;
  kern_return_t Stop_Impl(IOService* provider) override;
};
