// Host declarations for the DriverKit build check (see dext/README.md). Not Apple's text.
// Source: apple-oss-distributions/xnu iokit/DriverKit/OSAction.iig (OSAction, its
// LOCALONLY GetReference/Cancel and the cancel handler block type).
#pragma once
#include <DriverKit/OSObject.h>

typedef void (^OSActionCancelHandler)(void);

class OSAction : public OSObject {
 public:
  void free() override;
  void* GetReference();
  kern_return_t Cancel(OSActionCancelHandler handler);
};
