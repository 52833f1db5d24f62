// IThread over a std::thread, for the hosts that have one (the POSIX sim host, the unit
// tests' platform); DriverKit has none, hence not in core/. Destroying it joins, so a
// driver that drops its thread handle never leaves the thread running behind it.
#pragma once
#include <thread>

#include "platform.h"

namespace hil {

class StdThread : public IThread {
 public:
  explicit StdThread(std::thread t) : t_(std::move(t)) {}
  ~StdThread() override { join(); }
  void join() override {
    if (t_.joinable()) t_.join();
  }

 private:
  std::thread t_;
};

}  // namespace hil
