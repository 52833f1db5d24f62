// Host declarations for the DriverKit build check (see dext/README.md). Not Apple's text.
// Source: apple-oss-distributions/xnu iokit/DriverKit/IOUserClient.iig (the argument and
// dispatch structs, kIOUserClientAsyncArgumentsCountMax, ExternalMethod (LOCALONLY, so a
// plain virtual), AsyncCompletion and CopyClientMemoryForType (RPC methods)).
#pragma once
#include <DriverKit/IOBufferMemoryDescriptor.h>
#include <DriverKit/IOService.h>
#include <DriverKit/OSAction.h>

enum { kIOUserClientScalarArrayCountMax = 16 };
typedef uint64_t IOUserClientScalarArray[kIOUserClientScalarArrayCountMax];
enum { kIOUserClientAsyncArgumentsCountMax = 16 };
typedef uint64_t IOUserClientAsyncArgumentsArray[kIOUserClientAsyncArgumentsCountMax];
enum { kIOUserClientMemoryReadOnly = 0x00000001 };

struct IOUserClientMethodArguments {
  uint64_t version;
  uint64_t selector;
  OSAction* completion;
  const uint64_t* scalarInput;
  uint32_t scalarInputCount;
  OSData* structureInput;
  IOMemoryDescriptor* structureInputDescriptor;
  uint64_t* scalarOutput;
  uint32_t scalarOutputCount;
  OSData* structureOutput;
  IOMemoryDescriptor* structureOutputDescriptor;
  uint64_t structureOutputMaximumSize;
  uint64_t __reserved[30];
};

typedef kern_return_t (*IOUserClientMethodFunction)(OSObject* target, void* reference,
                                                    IOUserClientMethodArguments* arguments);

struct IOUserClientMethodDispatch {
  IOUserClientMethodFunction function;
  uint32_t checkCompletionExists;
  uint32_t checkScalarInputCount;
  uint32_t checkStructureInputSize;
  uint32_t checkScalarOutputCount;
  uint32_t checkStructureOutputSize;
};

class IOUserClient : public IOService {
 public:
  bool init() override;
  void free() override;
  virtual kern_return_t ExternalMethod(uint64_t selector, IOUserClientMethodArguments* arguments,
                                       const IOUserClientMethodDispatch* dispatch, OSObject* target,
                                       void* reference);
  void AsyncCompletion(OSAction* action, IOReturn status, const IOUserClientAsyncArgumentsArray asyncData,
                       uint32_t asyncDataCount, OSDispatchMethod supermethod = nullptr);
  kern_return_t CopyClientMemoryForType(uint64_t type, uint64_t* options, IOMemoryDescriptor** memory,
                                        OSDispatchMethod supermethod = nullptr);
  static kern_return_t _Dispatch(OSMetaClassBase* self, const IORPC rpc);

 protected:
  // Both are `= 0` in the .iig, but IOUserClient is a KERNEL class: the kernel implements
  // AsyncCompletion; CopyClientMemoryForType is left to the driver's user client.
  virtual void AsyncCompletion_Impl(OSAction* action, IOReturn status,
                                    const IOUserClientAsyncArgumentsArray asyncData, uint32_t asyncDataCount);
  virtual kern_return_t CopyClientMemoryForType_Impl(uint64_t type, uint64_t* options,
                                                     IOMemoryDescriptor** memory) = 0;
};
