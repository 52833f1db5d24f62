// A small lock that needs nothing but atomics and the platform's sleep: DriverKit's C++
// runtime has no std::mutex, and contention here is rare (an InjectReport racing a
// burst, a client closing), so spinning briefly then sleeping is enough.
#pragma once
#include <atomic>

#include "platform.h"

namespace hil {

class SpinLock {
 public:
  explicit SpinLock(IPlatform& p) : p_(p) {}
  void lock() {
    for (unsigned i = 0; flag_.test_and_set(std::memory_order_acquire); ++i) {
      if (i < 128) {
        p_.cpu_relax();
      } else {
        p_.sleep_until_ns(p_.now_ns() + 2000);
      }
    }
  }
  void unlock() { flag_.clear(std::memory_order_release); }

 private:
  IPlatform& p_;
  std::atomic_flag flag_ = ATOMIC_FLAG_INIT;
};

class LockGuard {
 public:
  explicit LockGuard(SpinLock& l) : l_(l) { l_.lock(); }
  ~LockGuard() { l_.unlock(); }
  LockGuard(const LockGuard&) = delete;
  LockGuard& operator=(const LockGuard&) = delete;

 private:
  SpinLock& l_;
};

}  // namespace hil
