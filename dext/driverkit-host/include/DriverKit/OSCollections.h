// Host declarations for the DriverKit build check (see dext/README.md). Not Apple's text.
// Source: Apple's DriverKit documentation (developer.apple.com/documentation/driverkit):
//   OSData::withBytes(const void*, size_t), getBytesNoCopy() const, getLength() const;
//   OSDictionary::withCapacity(uint32_t); OSDictionarySetValue(OSDictionaryPtr, const char*,
//   OSObjectPtr) -> bool; OSDictionarySetStringValue / OSDictionarySetUInt64Value -> void;
//   `extern OSBooleanPtr kOSBooleanTrue` (and False). These live in the SDK's
//   OSCollections.h, which is not in xnu's open source.
#pragma once
#include <DriverKit/OSObject.h>

typedef OSData* OSDataPtr;
typedef OSDictionary* OSDictionaryPtr;
typedef OSArray* OSArrayPtr;
typedef OSString* OSStringPtr;
typedef OSNumber* OSNumberPtr;
typedef OSBoolean* OSBooleanPtr;

class OSContainer : public OSObject {};

class OSData : public OSContainer {
 public:
  static OSDataPtr withBytes(const void* bytes, size_t numBytes);
  static OSDataPtr withCapacity(uint32_t capacity);
  const void* getBytesNoCopy() const;
  const void* getBytesNoCopy(size_t start, size_t numBytes) const;
  size_t getLength() const;
};

class OSString : public OSContainer {
 public:
  static OSStringPtr withCString(const char* cString);
  const char* getCStringNoCopy() const;
};

class OSNumber : public OSContainer {};
class OSBoolean : public OSContainer {};
class OSArray : public OSContainer {};

class OSDictionary : public OSContainer {
 public:
  static OSDictionaryPtr withCapacity(uint32_t capacity);
  bool setObject(const char* aKey, const OSMetaClassBase* anObject);
  OSObject* getObject(const char* aKey) const;
};

extern OSBooleanPtr kOSBooleanTrue;
extern OSBooleanPtr kOSBooleanFalse;

bool OSDictionarySetValue(OSDictionaryPtr obj, const char* key, OSObjectPtr value);
OSObjectPtr OSDictionaryGetValue(OSDictionaryPtr obj, const char* key);
void OSDictionarySetStringValue(OSDictionaryPtr obj, const char* key, const char* value);
void OSDictionarySetUInt64Value(OSDictionaryPtr obj, const char* key, uint64_t value);
