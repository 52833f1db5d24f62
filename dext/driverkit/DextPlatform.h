// IPlatform on DriverKit. UNVERIFIED on a Mac: compiled here only against the host
// DriverKit declarations (see ../README.md, "DriverKit glue compile check"). Everything it
// does is a stand-in for a POSIX call in simhost/posix_platform.cpp; the logic stays in core/.
#pragma once
#include <DriverKit/DriverKit.h>
#include <DriverKit/IOUserClient.h>

#include "driver2.h"
#include "platform.h"

namespace hil {

class DextPlatform : public IPlatform {
 public:
  uint64_t now_ns() override;
  void sleep_until_ns(uint64_t deadline) override;
  void cpu_relax() override;
  std::unique_ptr<IThread> start_thread(const char* name, std::function<void()> fn, bool latency_sensitive) override;
  void doorbell_wait(std::atomic<uint32_t>* word, uint32_t expected, uint64_t timeout_ns) override;
  void doorbell_wake(std::atomic<uint32_t>* word) override;
  std::unique_ptr<ISharedMemory> create_shared(const char* name, size_t size) override;
  std::unique_ptr<ISharedMemory> open_shared(const char* name) override;
  uint32_t process_id() override;
  [[noreturn]] void abort_process(const char* why) override;
};

// Ring memory: made here for the app to map through CopyClientMemoryForType, or opened by
// name (open_shared) from what this process made or adopted.
class DextSharedMemory : public ISharedMemory {
 public:
  DextSharedMemory(const char* name, IOMemoryDescriptor* md, IOMemoryMap* map, bool owner);
  ~DextSharedMemory() override;
  void* data() override;
  size_t size() const override;
  const char* name() const override { return name_; }
  IOMemoryDescriptor* descriptor() { return md_; }

 private:
  char name_[64];
  IOMemoryDescriptor* md_;
  IOMemoryMap* map_;
  bool owner_;
};

// The app's memory a call handed over as structureInputDescriptor (a struct input over 4096
// bytes, IOUserClientMethodArguments in xnu iokit/DriverKit/IOUserClient.iig), named for the
// length of that call so the core opens it with open_shared, as it opens a ring this process
// made. Whoever opened it keeps its own reference and mapping after the call.
class AdoptedMemory {
 public:
  explicit AdoptedMemory(IOMemoryDescriptor* md);
  ~AdoptedMemory();
  AdoptedMemory(const AdoptedMemory&) = delete;
  AdoptedMemory& operator=(const AdoptedMemory&) = delete;
  // Empty when the process's name table was full.
  const char* name() const { return name_; }

 private:
  char name_[32] = {};
};

// One per dext process: what IOUserServerOneProcess makes shared between drivers.
struct DextProcess {
  DextPlatform platform;
  Process process{platform};
};
DextProcess& dext_process();

// NewUserClient of HilProbeDriver1 and HilProbeRoot: the HilProbeUserClient their
// "UserClientProperties" (Info.plist) describe, created with the provider as its provider.
[[nodiscard]] kern_return_t new_user_client(IOService* provider, IOUserClient** userClient);

}  // namespace hil
