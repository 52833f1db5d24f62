// Deterministic, thread-free platform for fuzzing: no thread ever runs, sleeps return at
// once, the clock advances 1 ms per read (so fault delays end fast), and a simulated
// crash throws instead of killing the fuzzer.
#pragma once
#include <cstdlib>
#include <cstring>
#include <map>
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
    live_[name] = b.get();
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
  struct Block : ISharedMemory {
    Block(std::string n, size_t s, FuzzPlatform* o) : name_(std::move(n)), size_(s), owner_(o) {
      p_ = std::calloc(1, s);  // calloc: big rings stay untouched, cheap per input
    }
    ~Block() override {
      owner_->live_.erase(name_);
      std::free(p_);
    }
    void* data() override { return p_; }
    size_t size() const override { return size_; }
    const char* name() const override { return name_.c_str(); }
    std::string name_;
    size_t size_;
    FuzzPlatform* owner_;
    void* p_;
  };
  struct View : ISharedMemory {
    explicit View(Block* b) : b_(b) {}
    void* data() override { return b_->p_; }
    size_t size() const override { return b_->size_; }
    const char* name() const override { return b_->name_.c_str(); }
    Block* b_;  // the fuzz target tears Driver1 down before Driver2
  };
  uint64_t t_ = 1;
  std::map<std::string, Block*> live_;
};

}  // namespace hil
