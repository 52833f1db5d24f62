// Deterministic, thread-free platform for fuzzing: no thread ever runs, sleeps return at
// once, the clock advances 1 ms per read (so fault delays end fast), and a simulated
// crash throws instead of killing the fuzzer. Shared memory behaves as POSIX shm does: the
// creator's release removes the name (shm_unlink), and the memory lives on while any view
// of it is mapped (Driver1 may keep pushing into a ring Driver2 has replaced).
#pragma once
#include <cstdlib>
#include <cstring>
#include <map>
#include <memory>
#include <stdexcept>
#include <string>

#include "platform.h"

namespace hil {

struct FuzzAbort : std::runtime_error {
  using std::runtime_error::runtime_error;
};

class FuzzPlatform : public IPlatform {
 public:
  uint64_t now_ns() override { return t_ += 1000000; }
  void sleep_until_ns(uint64_t d) override {
    if (d > t_) t_ = d;
  }
  void cpu_relax() override {}
  std::unique_ptr<IThread> start_thread(const char*, std::function<void()>, bool) override {
    struct Never : IThread {
      void join() override {}
    };
    return std::make_unique<Never>();
  }
  void doorbell_wait(std::atomic<uint32_t>*, uint32_t, uint64_t) override {}
  void doorbell_wake(std::atomic<uint32_t>*) override {}
  std::unique_ptr<ISharedMemory> create_shared(const char* name, size_t size) override {
    auto b = std::make_unique<Block>(name, size, this);
    live_[name] = b->s_;
    return b;
  }
  std::unique_ptr<ISharedMemory> open_shared(const char* name) override {
    auto it = live_.find(name);
    if (it == live_.end()) return nullptr;
    return std::make_unique<View>(it->second);
  }
  uint32_t process_id() override { return 1; }
  [[noreturn]] void abort_process(const char* why) override { throw FuzzAbort(why); }

 private:
  // The memory object: freed when its last mapping goes.
  struct Storage {
    Storage(std::string n, size_t s) : name(std::move(n)), size(s), p(std::calloc(1, s)) {}  // calloc: big rings stay untouched, cheap per input
    ~Storage() { std::free(p); }
    Storage(const Storage&) = delete;
    Storage& operator=(const Storage&) = delete;
    std::string name;
    size_t size;
    void* p;
  };
  struct View : ISharedMemory {
    explicit View(std::shared_ptr<Storage> s) : s_(std::move(s)) {}
    void* data() override { return s_->p; }
    size_t size() const override { return s_->size; }
    const char* name() const override { return s_->name.c_str(); }
    std::shared_ptr<Storage> s_;
  };
  struct Block : View {
    Block(std::string n, size_t s, FuzzPlatform* o) : View(std::make_shared<Storage>(std::move(n), s)), owner_(o) {}
    ~Block() override {
      // Only unlink the name if it still names this object (a newer ring may have taken it).
      auto it = owner_->live_.find(s_->name);
      if (it != owner_->live_.end() && it->second == s_) owner_->live_.erase(it);
    }
    FuzzPlatform* owner_;
  };
  uint64_t t_ = 1;
  std::map<std::string, std::shared_ptr<Storage>> live_;
};

}  // namespace hil
