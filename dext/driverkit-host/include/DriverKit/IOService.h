// Host declarations for the DriverKit build check (see dext/README.md). Not Apple's text.
// Source: apple-oss-distributions/xnu iokit/DriverKit/IOService.iig (IOService and the
// methods the glue calls or overrides: Start, Stop, RegisterService, NewUserClient, Create,
// Terminate; IOPropertyName).
//
// The shape of an RPC method is iig's generated one: the caller `Method(args, supermethod)`
// (SUPERDISPATCH as supermethod reaches the base class) and the implementation
// `Method_Impl(args)`, which a subclass's generated header overrides. Apple's _Impl is not
// virtual (iig dispatches by message ID); here it is, so that `override` in the generated
// header makes the compiler check our .iig's signature against this one.
#pragma once
#include <DriverKit/OSObject.h>

class IOMemoryDescriptor;
class IOBufferMemoryDescriptor;
class IOUserClient;
class OSAction;

typedef char IOServiceName[128];
typedef char IOPropertyName[128];

class IOService : public OSObject {
 public:
  bool init() override;
  void free() override;

  kern_return_t Start(IOService* provider, OSDispatchMethod supermethod = nullptr);
  kern_return_t Stop(IOService* provider, OSDispatchMethod supermethod = nullptr);
  kern_return_t RegisterService(OSDispatchMethod supermethod = nullptr);
  kern_return_t GetRegistryEntryID(uint64_t* registryEntryID, OSDispatchMethod supermethod = nullptr);
  kern_return_t NewUserClient(uint32_t type, IOUserClient** userClient, OSDispatchMethod supermethod = nullptr);
  kern_return_t Create(IOService* provider, const IOPropertyName propertiesKey, IOService** result,
                       OSDispatchMethod supermethod = nullptr);
  kern_return_t Terminate(uint64_t options, OSDispatchMethod supermethod = nullptr);
  kern_return_t SetProperties(OSDictionary* properties, OSDispatchMethod supermethod = nullptr);
  static kern_return_t _Dispatch(OSMetaClassBase* self, const IORPC rpc);

 protected:
  virtual kern_return_t Start_Impl(IOService* provider);
  virtual kern_return_t Stop_Impl(IOService* provider);
  virtual kern_return_t RegisterService_Impl();
  virtual kern_return_t GetRegistryEntryID_Impl(uint64_t* registryEntryID);
  virtual kern_return_t NewUserClient_Impl(uint32_t type, IOUserClient** userClient);
  virtual kern_return_t Create_Impl(IOService* provider, const IOPropertyName propertiesKey, IOService** result);
  virtual kern_return_t Terminate_Impl(uint64_t options);
  virtual kern_return_t SetProperties_Impl(OSDictionary* properties);
};
