// Host declarations for the DriverKit build check (see dext/README.md). Not Apple's text.
// Sources, apple-oss-distributions/xnu:
//   iokit/DriverKit/OSObject.iig   OSMetaClassBase/OSObject members, the IIG annotations
//                                  (empty outside iig), IODispatchQueueName, IMPL/DEFN
//   iokit/DriverKit/IORPC.h        IORPC, OSDispatchMethod
//   libkern/libkern/c++/OSMetaClass.h  OSDynamicCast, OSSafeReleaseNULL, SUPERDISPATCH
#pragma once
#include <stddef.h>
#include <stdint.h>

#include <DriverKit/IOReturn.h>
#include <DriverKit/IOTypes.h>

// OSObject.iig: these annotate methods for iig and expand to nothing in C++.
#define KERNEL
#define LOCAL
#define LOCALONLY
#define REMOTE
#define TARGET
#define QUEUENAME(name)
#define TYPE(p)

class OSMetaClass;
class OSMetaClassBase;
class OSObject;
class IODispatchQueue;
class OSData;
class OSDictionary;
class OSArray;
class OSString;
class OSNumber;
class OSBoolean;
typedef OSObject* OSObjectPtr;
typedef char IODispatchQueueName[256];

// IORPC.h: one remote call's messages. SUPERDISPATCH names the base class's dispatcher.
struct IORPCMessageMach;
struct IORPC {
  IORPCMessageMach* message;
  IORPCMessageMach* reply;
  uint32_t sendSize;
  uint32_t replySize;
};
typedef kern_return_t (*OSDispatchMethod)(OSMetaClassBase* self, const IORPC rpc);

class OSMetaClassBase {
 public:
  virtual const OSMetaClass* getMetaClass() const;
  virtual void retain() const;
  virtual void release() const;
  virtual bool isEqualTo(const OSMetaClassBase* anObject) const;

 protected:
  virtual ~OSMetaClassBase();
};

class OSObject : public OSMetaClassBase {
 public:
  virtual bool init();
  virtual void free();
  void retain() const override;
  void release() const override;
  kern_return_t SetDispatchQueue(const IODispatchQueueName name, IODispatchQueue* queue,
                                 OSDispatchMethod supermethod = nullptr);
  kern_return_t CopyDispatchQueue(const IODispatchQueueName name, IODispatchQueue** queue,
                                  OSDispatchMethod supermethod = nullptr);
  static kern_return_t _Dispatch(OSMetaClassBase* self, const IORPC rpc);

 protected:
  virtual kern_return_t SetDispatchQueue_Impl(const IODispatchQueueName name, IODispatchQueue* queue);
  virtual kern_return_t CopyDispatchQueue_Impl(const IODispatchQueueName name, IODispatchQueue** queue);
};

// OSObject.iig: IMPL(Class, Method) is the definition of Method_Impl with the parameters the
// class's generated header spells as Class_Method_Args (dext/driverkit-host/iig.py).
#define DEFN(classname, name) name##_Impl(classname##_##name##_Args)
#define IMPL(classname, name) classname::DEFN(classname, name)

// OSMetaClass.h. The real OSDynamicCast asks the metaclass; RTTI gives the same answer for
// the same type rules, which is all a compile check needs.
#define OSDynamicCast(type, inst) (dynamic_cast<type*>(inst))
#define OSSafeReleaseNULL(inst)          \
  do {                                   \
    if ((inst) != nullptr) (inst)->release(); \
    (inst) = nullptr;                    \
  } while (0)
#define SUPERDISPATCH ((OSDispatchMethod)&super::_Dispatch)
