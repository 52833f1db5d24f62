// POSIX stand-ins for what the kernel gives a dext: CLOCK_MONOTONIC, threads, shm_open
// shared memory, a futex doorbell (Linux), os_sync_wait_on_address (macOS 14.4+) or a short
// sleep poll (elsewhere).
#pragma once
#include <string>

#include "platform.h"

namespace hil {

class PosixPlatform : public IPlatform {
 public:
  uint64_t now_ns() override;
  void sleep_until_ns(uint64_t deadline) override;
  void cpu_relax() override;
  std::unique_ptr<IThread> start_thread(const char* name, std::function<void()> fn,
                                        bool latency_sensitive) override;
  void doorbell_wait(std::atomic<uint32_t>* word, uint32_t expected, uint64_t timeout_ns) override;
  void doorbell_wake(std::atomic<uint32_t>* word) override;
  std::unique_ptr<ISharedMemory> create_shared(const char* name, size_t size) override;
  std::unique_ptr<ISharedMemory> open_shared(const char* name) override;
  uint32_t process_id() override;
  [[noreturn]] void abort_process(const char* why) override;

  // "futex" on Linux, "os_sync_wait_on_address" on macOS 14.4+, "sleep-poll" elsewhere: what
  // doorbell mode 1 does once it stops spinning.
  static const char* doorbell_wait_kind();
  // Lower the calling thread's timer slack so clock_nanosleep wakes when asked (Linux).
  static void set_low_timer_slack();
};

// Names this process must remove on any exit path, including a simulated crash.
void cleanup_register(const std::string& path, bool is_shm);
void cleanup_unregister(const std::string& path);
void cleanup_all();  // unlinks everything registered; safe to call more than once

// Maps an existing shm object without taking ownership (used by clients and tests).
std::unique_ptr<ISharedMemory> map_shared(const char* name);

}  // namespace hil
