// Host declarations for the DriverKit build check (see dext/README.md). Not Apple's text.
// Source: apple-oss-distributions/xnu iokit/DriverKit/IODispatchQueue.iig (Create, the
// LOCALONLY DispatchAsync/DispatchSync and the block types).
#pragma once
#include <DriverKit/OSObject.h>

typedef void (^IODispatchBlock)(void);

class IODispatchQueue : public OSObject {
 public:
  static kern_return_t Create(const IODispatchQueueName name, uint64_t options, uint64_t priority,
                              IODispatchQueue** queue);
  bool init() override;
  void free() override;
  bool OnQueue();
  const char* GetName();
  void DispatchAsync(IODispatchBlock block);
  void DispatchSync(IODispatchBlock block);
};
