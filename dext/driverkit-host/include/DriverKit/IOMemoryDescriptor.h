// Host declarations for the DriverKit build check (see dext/README.md). Not Apple's text.
// Source: apple-oss-distributions/xnu iokit/DriverKit/IOMemoryDescriptor.iig (direction
// options, IOAddressSegment, GetLength, CreateMapping; Map is private there, so here too).
#pragma once
#include <DriverKit/OSObject.h>

class IOService;
class IOMemoryMap;

enum {
  kIOMemoryDirectionNone = 0x00000000,
  kIOMemoryDirectionIn = 0x00000001,
  kIOMemoryDirectionOut = 0x00000002,
  kIOMemoryDirectionOutIn = kIOMemoryDirectionIn | kIOMemoryDirectionOut,
  kIOMemoryDirectionInOut = kIOMemoryDirectionOutIn,
};

struct IOAddressSegment {
  uint64_t address;
  uint64_t length;
};

class IOMemoryDescriptor : public OSObject {
 public:
  bool init() override;
  void free() override;
  kern_return_t GetLength(uint64_t* returnLength);
  kern_return_t CreateMapping(uint64_t options, uint64_t address, uint64_t offset, uint64_t length,
                              uint64_t alignment, IOMemoryMap** map, OSDispatchMethod supermethod = nullptr);
  static kern_return_t _Dispatch(OSMetaClassBase* self, const IORPC rpc);

 protected:
  virtual kern_return_t CreateMapping_Impl(uint64_t options, uint64_t address, uint64_t offset,
                                           uint64_t length, uint64_t alignment, IOMemoryMap** map);

 private:
  kern_return_t Map(uint64_t options, uint64_t address, uint64_t length, uint64_t alignment,
                    uint64_t* returnAddress, uint64_t* returnLength);
};
