// What the core needs from the host (DriverKit or the POSIX sim host), as small
// interfaces so the core itself includes only the C++ standard library.
#pragma once
#include <atomic>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>

#include "ioreturn.h"
#include "kit_platform.h"

namespace hil {

class IThread {
 public:
  virtual ~IThread() = default;
  virtual void join() = 0;
};

// A mapping the host created (or opened) for a ring. The name is what the app is told
// to map (PROTOCOL.md §5); on DriverKit it is informational.
class ISharedMemory {
 public:
  virtual ~ISharedMemory() = default;
  virtual void* data() = 0;
  virtual size_t size() const = 0;
  virtual const char* name() const = 0;
};

// The kit's clock, sleep and spin hint (kit/kit_platform.h) plus what only the probe needs.
class IPlatform : public KitPlatform {
 public:
  // Pacing threads want a low timer slack; the flag lets the host set it.
  virtual std::unique_ptr<IThread> start_thread(const char* name, std::function<void()> fn,
                                                bool latency_sensitive) = 0;
  // Wait while *word == expected, at most timeout_ns. Cross-process capable.
  virtual void doorbell_wait(std::atomic<uint32_t>* word, uint32_t expected,
                             uint64_t timeout_ns) = 0;
  virtual void doorbell_wake(std::atomic<uint32_t>* word) = 0;
  virtual std::unique_ptr<ISharedMemory> create_shared(const char* name, size_t size) = 0;
  virtual std::unique_ptr<ISharedMemory> open_shared(const char* name) = 0;
  virtual uint32_t process_id() = 0;
  [[noreturn]] virtual void abort_process(const char* why) = 0;
};

// Where Driver1 fires async completions (an OSAction on DriverKit, a kind-3 frame on a
// sim connection). Returns false if the client is gone.
class ICompletionSink {
 public:
  virtual ~ICompletionSink() = default;
  virtual bool complete(uint32_t ref, IoRet status, const uint64_t* args, uint32_t n) = 0;
};

// Optional: where Driver2 posts the arriving HID report (handleReport on DriverKit).
class IReportSink {
 public:
  virtual ~IReportSink() = default;
  virtual void post_report(uint64_t t_ns, const uint8_t* report, uint32_t len) = 0;
};

}  // namespace hil
