// UNVERIFIED DriverKit glue: see DextPlatform.h.
#include "DextPlatform.h"

#include <DriverKit/IOBufferMemoryDescriptor.h>
#include <DriverKit/IODispatchQueue.h>
#include <DriverKit/IOLib.h>
#include <DriverKit/IOMemoryMap.h>
#include <DriverKit/IOUserClient.h>
#include <mach/mach_time.h>
#include <os/log.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

namespace hil {
namespace {

// DriverKit has no std::thread: a "thread" is a serial dispatch queue running one block.
class QueueThread : public IThread {
 public:
  QueueThread(IODispatchQueue* q, std::function<void()> fn) : q_(q), fn_(std::move(fn)) {
    q_->DispatchAsync(^{
      fn_();
      done_.store(true);
    });
  }
  ~QueueThread() override {
    join();
    OSSafeReleaseNULL(q_);
  }
  void join() override {
    while (!done_.load()) IOSleep(1);
  }

 private:
  IODispatchQueue* q_;
  std::function<void()> fn_;
  std::atomic<bool> done_{false};
};

// Rings created in this process, so HandOverSharedRing can find Driver2's ring by name
// when both drivers share the process, and memory the app passed (AdoptedMemory), which is
// how the ring reaches a Driver1 in another process.
struct Named {
  char name[64];
  IOMemoryDescriptor* md;
};
Named g_named[8];

bool add_named(const char* name, IOMemoryDescriptor* md) {
  for (Named& n : g_named)
    if (!n.md) {
      strlcpy(n.name, name, sizeof n.name);
      n.md = md;
      return true;
    }
  return false;
}

void remove_named(const IOMemoryDescriptor* md) {
  for (Named& n : g_named)
    if (n.md == md) n.md = nullptr;
}

// "/hil-app-<n>", built by hand: DriverKit's libc is not one to lean on for snprintf.
void adopted_name(char* out, size_t cap, uint32_t n) {
  char digits[11];
  size_t len = 0;
  do {
    digits[len++] = static_cast<char>('0' + n % 10);
    n /= 10;
  } while (n != 0);
  strlcpy(out, "/hil-app-", cap);
  size_t at = strlen(out);
  while (len > 0 && at + 1 < cap) out[at++] = digits[--len];
  out[at] = 0;
}
uint32_t g_adopted = 0;

}  // namespace

uint64_t DextPlatform::now_ns() {
  static mach_timebase_info_data_t tb;
  if (tb.denom == 0) mach_timebase_info(&tb);
  return mach_absolute_time() * tb.numer / tb.denom;
}

void DextPlatform::sleep_until_ns(uint64_t deadline) {
  const uint64_t now = now_ns();
  if (deadline <= now) return;
  const uint64_t left = deadline - now;
  if (left >= 1000000) IOSleep(left / 1000000);  // ms granularity
  else IODelay(left / 1000);                      // us
}

void DextPlatform::cpu_relax() {
#if defined(__x86_64__)
  __builtin_ia32_pause();
#elif defined(__arm64__) || defined(__aarch64__)
  __asm__ volatile("yield");
#endif
}

std::unique_ptr<IThread> DextPlatform::start_thread(const char* name, std::function<void()> fn, bool) {
  IODispatchQueue* q = nullptr;
  if (IODispatchQueue::Create(name, 0, 0, &q) != kIOReturnSuccess) return nullptr;
  return std::make_unique<QueueThread>(q, std::move(fn));
}

void DextPlatform::doorbell_wait(std::atomic<uint32_t>* word, uint32_t expected, uint64_t) {
  // The real doorbell is IOEventLink (macOS 13+); until it is wired, a short sleep poll.
  if (word->load() == expected) IODelay(50);
}

void DextPlatform::doorbell_wake(std::atomic<uint32_t>*) {}

DextSharedMemory::DextSharedMemory(const char* name, IOMemoryDescriptor* md, IOMemoryMap* map, bool owner)
    : md_(md), map_(map), owner_(owner) {
  strlcpy(name_, name, sizeof name_);
}

DextSharedMemory::~DextSharedMemory() {
  if (owner_) remove_named(md_);
  OSSafeReleaseNULL(map_);
  OSSafeReleaseNULL(md_);
}

void* DextSharedMemory::data() { return reinterpret_cast<void*>(map_->GetAddress()); }
size_t DextSharedMemory::size() const { return static_cast<size_t>(map_->GetLength()); }

std::unique_ptr<ISharedMemory> DextPlatform::create_shared(const char* name, size_t size) {
  IOBufferMemoryDescriptor* md = nullptr;
  IOMemoryMap* map = nullptr;
  if (IOBufferMemoryDescriptor::Create(kIOMemoryDirectionInOut, size, 4096, &md) != kIOReturnSuccess) return nullptr;
  md->SetLength(size);
  if (md->CreateMapping(0, 0, 0, 0, 0, &map) != kIOReturnSuccess) {
    OSSafeReleaseNULL(md);
    return nullptr;
  }
  memset(reinterpret_cast<void*>(map->GetAddress()), 0, size);
  (void)add_named(name, md);  // a full table only stops HandOverSharedRing finding it by name
  return std::make_unique<DextSharedMemory>(name, md, map, true);
}

std::unique_ptr<ISharedMemory> DextPlatform::open_shared(const char* name) {
  for (Named& n : g_named)
    if (n.md && strcmp(n.name, name) == 0) {
      IOMemoryMap* map = nullptr;
      if (n.md->CreateMapping(0, 0, 0, 0, 0, &map) != kIOReturnSuccess) return nullptr;
      n.md->retain();
      return std::make_unique<DextSharedMemory>(name, n.md, map, false);
    }
  return nullptr;
}

AdoptedMemory::AdoptedMemory(IOMemoryDescriptor* md) {
  char name[sizeof name_];
  adopted_name(name, sizeof name, ++g_adopted);
  if (!add_named(name, md)) return;
  md->retain();  // the table's reference, dropped with the entry
  strlcpy(name_, name, sizeof name_);
}

AdoptedMemory::~AdoptedMemory() {
  if (!name_[0]) return;
  for (Named& n : g_named)
    if (n.md && strcmp(n.name, name_) == 0) {
      IOMemoryDescriptor* md = n.md;
      n.md = nullptr;
      md->release();
    }
}

uint32_t DextPlatform::process_id() { return static_cast<uint32_t>(getpid()); }

void DextPlatform::abort_process(const char* why) {
  os_log(OS_LOG_DEFAULT, "hilprobe: aborting (%{public}s)", why);
  abort();
}

DextProcess& dext_process() {
  static DextProcess p;
  return p;
}

kern_return_t new_user_client(IOService* provider, IOUserClient** userClient) {
  IOService* client = nullptr;
  const kern_return_t ret = provider->Create(provider, "UserClientProperties", &client);
  if (ret != kIOReturnSuccess) return ret;
  *userClient = OSDynamicCast(IOUserClient, client);
  if (!*userClient) {
    client->release();
    return kIOReturnError;
  }
  return kIOReturnSuccess;
}

}  // namespace hil
