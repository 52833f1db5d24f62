// A platform for unit tests: real time and threads (std::), shm as heap blocks looked up
// by name, and abort_process throws so a crash fault can be asserted.
#pragma once
#include <map>
#include <memory>
#include <mutex>
#include <stdexcept>
#include <string>
#include <vector>

#include "driver1.h"
#include "driver2.h"
#include "platform.h"

namespace hil {

struct AbortCalled : std::runtime_error {
  using std::runtime_error::runtime_error;
};

class FakePlatform : public IPlatform {
 public:
  bool run_threads = true;  // false: start_thread returns a thread that never runs
  int threads_started = 0;

  uint64_t now_ns() override;
  void sleep_until_ns(uint64_t deadline) override;
  void cpu_relax() override {}
  std::unique_ptr<IThread> start_thread(const char*, std::function<void()> fn, bool) override;
  void doorbell_wait(std::atomic<uint32_t>* w, uint32_t expected, uint64_t timeout_ns) override;
  void doorbell_wake(std::atomic<uint32_t>*) override { ++wakes; }
  std::unique_ptr<ISharedMemory> create_shared(const char* name, size_t size) override;
  std::unique_ptr<ISharedMemory> open_shared(const char* name) override;
  uint32_t process_id() override { return 4242; }
  [[noreturn]] void abort_process(const char* why) override { throw AbortCalled(why); }

  std::atomic<uint64_t> wakes{0};
  std::mutex mu;
  std::map<std::string, std::shared_ptr<std::vector<uint64_t>>> blocks;  // u64 = 8-aligned
};

// Collects Driver1's completions (the app side of app-relay).
class CapturingSink : public ICompletionSink {
 public:
  bool fail = false;
  std::vector<std::vector<uint64_t>> calls;
  std::mutex mu;
  bool complete(uint32_t ref, IoRet status, const uint64_t* args, uint32_t n) override {
    if (fail) return false;
    std::lock_guard<std::mutex> g(mu);
    calls.emplace_back(args, args + n);
    last_ref = ref;
    return true;
  }
  uint32_t last_ref = 0;
};

// A process with one Driver1 and (optionally) one Driver2, as one sim host would hold.
struct TestProcess {
  FakePlatform p;
  Process proc{p};
  std::shared_ptr<Driver1> d1;
  std::shared_ptr<Driver2> d2;
  explicit TestProcess(bool with_d1 = true, bool with_d2 = true);
  ~TestProcess();
};

// Drains Driver2's record ring.
std::vector<Record> drain_records(Driver2& d2);

}  // namespace hil
