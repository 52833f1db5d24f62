#include "posix_platform.h"

#include <fcntl.h>
#include <pthread.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <cerrno>
#include <climits>
#include <cstdio>
#include <cstdlib>
#include <mutex>
#include <thread>
#include <vector>

#include "std_thread.h"

#ifdef __linux__
#include <linux/futex.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#endif

// macOS (14.4+): os_sync_wait_on_address is the public futex counterpart; its _SHARED flag
// makes it work across processes on a MAP_SHARED page, as the ring's doorbell needs. Older SDKs
// keep the sleep poll. Never compiled here (Linux): verified only on the hosted-macOS CI job.
#if defined(__APPLE__) && __has_include(<os/os_sync_wait_on_address.h>)
#include <os/os_sync_wait_on_address.h>
#define HIL_APPLE_WAIT_ON_ADDRESS 1
#endif

namespace hil {
namespace {

std::mutex g_cleanup_mu;
std::vector<std::pair<std::string, bool>>& cleanup_list() {
  static std::vector<std::pair<std::string, bool>> list;
  return list;
}

class ShmMapping : public ISharedMemory {
 public:
  ShmMapping(std::string name, void* p, size_t n, bool owner) : name_(std::move(name)), p_(p), n_(n), owner_(owner) {}
  ~ShmMapping() override {
    munmap(p_, n_);
    if (owner_) {
      shm_unlink(name_.c_str());
      cleanup_unregister(name_);
    }
  }
  void* data() override { return p_; }
  size_t size() const override { return n_; }
  const char* name() const override { return name_.c_str(); }

 private:
  std::string name_;
  void* p_;
  size_t n_;
  bool owner_;
};

}  // namespace

void cleanup_register(const std::string& path, bool is_shm) {
  std::lock_guard<std::mutex> g(g_cleanup_mu);
  cleanup_list().emplace_back(path, is_shm);
}

void cleanup_unregister(const std::string& path) {
  std::lock_guard<std::mutex> g(g_cleanup_mu);
  auto& l = cleanup_list();
  for (size_t i = 0; i < l.size(); ++i)
    if (l[i].first == path) {
      l.erase(l.begin() + static_cast<long>(i));
      return;
    }
}

void cleanup_all() {
  // try_lock: this also runs on the crash path, where the lock may be held by the thread
  // that is crashing; leaking beats deadlocking there.
  std::unique_lock<std::mutex> g(g_cleanup_mu, std::try_to_lock);
  for (auto& e : cleanup_list()) {
    if (e.second)
      shm_unlink(e.first.c_str());
    else
      unlink(e.first.c_str());
  }
  if (g.owns_lock()) cleanup_list().clear();
}

uint64_t PosixPlatform::now_ns() {
  timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return static_cast<uint64_t>(ts.tv_sec) * 1000000000ull + static_cast<uint64_t>(ts.tv_nsec);
}

void PosixPlatform::sleep_until_ns(uint64_t deadline) {
#ifdef __linux__
  timespec ts{static_cast<time_t>(deadline / 1000000000ull), static_cast<long>(deadline % 1000000000ull)};
  while (clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME, &ts, nullptr) == EINTR) {
  }
#else
  const uint64_t now = now_ns();
  if (deadline <= now) return;
  const uint64_t d = deadline - now;
  timespec ts{static_cast<time_t>(d / 1000000000ull), static_cast<long>(d % 1000000000ull)};
  nanosleep(&ts, nullptr);
#endif
}

void PosixPlatform::cpu_relax() {
#if defined(__x86_64__) || defined(__i386__)
  __builtin_ia32_pause();
#elif defined(__aarch64__)
  asm volatile("yield");
#endif
}

void PosixPlatform::set_low_timer_slack() {
#ifdef __linux__
  prctl(PR_SET_TIMERSLACK, 1UL, 0, 0, 0);
#endif
}

std::unique_ptr<IThread> PosixPlatform::start_thread(const char* name, std::function<void()> fn,
                                                     bool latency_sensitive) {
  std::string n(name ? name : "hil");
  std::thread t([fn = std::move(fn), n, latency_sensitive] {
#ifdef __linux__
    pthread_setname_np(pthread_self(), n.substr(0, 15).c_str());
#elif defined(__APPLE__)
    pthread_setname_np(n.substr(0, 63).c_str());  // macOS names only the calling thread
#endif
    if (latency_sensitive) set_low_timer_slack();
    fn();
  });
  return std::make_unique<StdThread>(std::move(t));
}

void PosixPlatform::doorbell_wait(std::atomic<uint32_t>* word, uint32_t expected, uint64_t timeout_ns) {
#ifdef __linux__
  timespec ts{static_cast<time_t>(timeout_ns / 1000000000ull), static_cast<long>(timeout_ns % 1000000000ull)};
  // Not FUTEX_PRIVATE: the word lives in shm and the waker is another process.
  syscall(SYS_futex, reinterpret_cast<uint32_t*>(word), FUTEX_WAIT, expected, &ts, nullptr, 0);
#elif defined(HIL_APPLE_WAIT_ON_ADDRESS)
  if (__builtin_available(macOS 14.4, *)) {
    // Returns at once if *word != expected; a timeout or an interrupt is just a spurious wake-up.
    os_sync_wait_on_address_with_timeout(word, expected, sizeof(uint32_t), OS_SYNC_WAIT_ON_ADDRESS_SHARED,
                                         OS_CLOCK_MACH_ABSOLUTE_TIME, timeout_ns);
    return;
  }
  if (word->load() == expected) sleep_until_ns(now_ns() + 50000);
#else
  (void)timeout_ns;
  if (word->load() == expected) sleep_until_ns(now_ns() + 50000);
#endif
}

void PosixPlatform::doorbell_wake(std::atomic<uint32_t>* word) {
#ifdef __linux__
  syscall(SYS_futex, reinterpret_cast<uint32_t*>(word), FUTEX_WAKE, INT_MAX, nullptr, nullptr, 0);
#elif defined(HIL_APPLE_WAIT_ON_ADDRESS)
  if (__builtin_available(macOS 14.4, *)) {
    os_sync_wake_by_address_all(word, sizeof(uint32_t), OS_SYNC_WAKE_BY_ADDRESS_SHARED);
  }
#else
  (void)word;
#endif
}

const char* PosixPlatform::doorbell_wait_kind() {
#ifdef __linux__
  return "futex";
#elif defined(HIL_APPLE_WAIT_ON_ADDRESS)
  if (__builtin_available(macOS 14.4, *)) return "os_sync_wait_on_address";
  return "sleep-poll";
#else
  return "sleep-poll";
#endif
}

// macOS has no /dev/shm: shm_open works the same, but a name may hold at most 31 characters
// (PSHMNAMLEN) and a longer one fails with ENAMETOOLONG, reported as a null mapping here.
std::unique_ptr<ISharedMemory> PosixPlatform::create_shared(const char* name, size_t size) {
  int fd = shm_open(name, O_CREAT | O_EXCL | O_RDWR, 0600);
  if (fd < 0 && errno == EEXIST) {
    // Left by an earlier process that had our pid and crashed: ours now.
    shm_unlink(name);
    fd = shm_open(name, O_CREAT | O_EXCL | O_RDWR, 0600);
  }
  if (fd < 0) return nullptr;
  cleanup_register(name, true);
  if (ftruncate(fd, static_cast<off_t>(size)) != 0) {
    close(fd);
    shm_unlink(name);
    cleanup_unregister(name);
    return nullptr;
  }
  void* p = mmap(nullptr, size, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
  close(fd);
  if (p == MAP_FAILED) {
    shm_unlink(name);
    cleanup_unregister(name);
    return nullptr;
  }
  return std::make_unique<ShmMapping>(name, p, size, true);
}

std::unique_ptr<ISharedMemory> map_shared(const char* name) {
  const int fd = shm_open(name, O_RDWR, 0);
  if (fd < 0) return nullptr;
  struct stat st;
  if (fstat(fd, &st) != 0 || st.st_size <= 0) {
    close(fd);
    return nullptr;
  }
  const size_t n = static_cast<size_t>(st.st_size);
  void* p = mmap(nullptr, n, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
  close(fd);
  if (p == MAP_FAILED) return nullptr;
  return std::make_unique<ShmMapping>(name, p, n, false);
}

std::unique_ptr<ISharedMemory> PosixPlatform::open_shared(const char* name) { return map_shared(name); }

uint32_t PosixPlatform::process_id() { return static_cast<uint32_t>(getpid()); }

void PosixPlatform::abort_process(const char* why) {
  std::fprintf(stderr, "hil: aborting (%s)\n", why);
  // A simulated crash should not leave litter the harness has to clean up.
  cleanup_all();
  std::abort();
}

}  // namespace hil
