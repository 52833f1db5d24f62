// Host declarations for the DriverKit build check (see dext/README.md). Not Apple's text.
// Source: apple-oss-distributions/xnu iokit/DriverKit/IOBufferMemoryDescriptor.iig (Create,
// GetAddressRange, SetLength).
#pragma once
#include <DriverKit/IOMemoryDescriptor.h>

class IOBufferMemoryDescriptor : public IOMemoryDescriptor {
 public:
  static kern_return_t Create(uint64_t options, uint64_t capacity, uint64_t alignment,
                              IOBufferMemoryDescriptor** memory);
  bool init() override;
  void free() override;
  kern_return_t GetAddressRange(IOAddressSegment* range);
  kern_return_t SetLength(uint64_t length, OSDispatchMethod supermethod = nullptr);
  static kern_return_t _Dispatch(OSMetaClassBase* self, const IORPC rpc);

 protected:
  virtual kern_return_t SetLength_Impl(uint64_t length);
};
