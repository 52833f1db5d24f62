// Host declarations for the DriverKit build check (see dext/README.md). Not Apple's text.
// Source: apple-oss-distributions/xnu iokit/DriverKit/IOMemoryMap.iig (the LOCALONLY
// GetAddress/GetLength/GetOffset).
#pragma once
#include <DriverKit/OSObject.h>

class IOMemoryMap : public OSObject {
 public:
  bool init() override;
  void free() override;
  uint64_t GetAddress();
  uint64_t GetLength();
  uint64_t GetOffset();
};
