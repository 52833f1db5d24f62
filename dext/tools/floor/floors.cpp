#include "floors.h"

#include <signal.h>
#include <sys/mman.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>
#ifdef __linux__
#include <sys/prctl.h>
#endif

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <cstring>

#include "driver.h"
#include "format.h"
#include "pacer.h"
#include "stimulus_report.h"
#include "posix_platform.h"
#include "spsc_ring.h"

namespace hil {
namespace {

constexpr uint32_t kReportLen = 8;  // the harness default report
constexpr uint32_t kMsgSize = kMessageHeaderSize + kReportLen;
// The floor processes started so far: read by the parent watch on another thread
// (floor_kill_children), so fixed slots of atomics rather than a vector.
constexpr size_t kMaxChildren = 8;  // socket relay 3, shm handoff 2
std::atomic<pid_t> g_children[kMaxChildren];
std::atomic<size_t> g_child_count{0};

// fork() for a floor process. The child dies with this process: on Linux through the kernel
// (PR_SET_PDEATHSIG; the forking thread is the main one, which lives as long as the process);
// elsewhere it runs out its schedule, seconds at most.
pid_t fork_floor_process() {
  const pid_t parent = getpid();
  const pid_t pid = fork();
  if (pid == 0) {
#ifdef __linux__
    prctl(PR_SET_PDEATHSIG, SIGKILL);
#endif
    if (getppid() != parent) _exit(1);  // the parent died before the line above took effect
    return 0;
  }
  if (pid > 0) {
    const size_t i = g_child_count.fetch_add(1);
    if (i < kMaxChildren) g_children[i].store(pid);
  }
  return pid;
}

bool io_all(int fd, uint8_t* p, size_t n, bool write_side) {
  while (n) {
    const ssize_t r = write_side ? ::write(fd, p, n) : ::read(fd, p, n);
    if (r < 0 && errno == EINTR) continue;
    if (r <= 0) return false;
    p += r;
    n -= static_cast<size_t>(r);
  }
  return true;
}

// Producer side of every floor: same pacer and message as Driver1's burst loop.
template <typename Send>
void produce(const FloorPlan& plan, Send&& send) {
  PosixPlatform p;
  PosixPlatform::set_low_timer_slack();
  std::atomic<bool> stop{false};
  Pacer pacer(p, plan.start_ns + plan.phase_ns, plan.rate_hz);
  Message m;
  m.report_len = kReportLen;
  for (uint64_t i = 0; i < plan.total(); ++i) {
    const uint64_t t = pacer.due(i);
    pacer.wait_until(t, stop);
    m.seq = i;
    m.t_sched_ns = t;
    make_burst_report(i, t, kReportLen, m.report);
    m.t_send_ns = p.now_ns();
    send(m);
  }
}

pid_t spawn(void (*fn)(const FloorPlan&, uint64_t*, int, int), const FloorPlan& plan, uint64_t* out, int a, int b) {
  const pid_t pid = fork_floor_process();
  if (pid == 0) {
    fn(plan, out, a, b);
    _exit(0);
  }
  return pid;
}

void sock_producer(const FloorPlan& plan, uint64_t*, int fd, int) {
  uint8_t buf[kMaxMessageSize];
  produce(plan, [&](const Message& m) { io_all(fd, buf, encode_message(m, buf, sizeof buf), true); });
  ::close(fd);
}

// The relay: the app-relay chain's middle process with nothing else in it.
void sock_relay(const FloorPlan&, uint64_t*, int in, int out) {
  uint8_t buf[kMsgSize];
  while (io_all(in, buf, kMsgSize, false) && io_all(out, buf, kMsgSize, true)) {
  }
  ::close(out);
}

void sock_consumer(const FloorPlan& plan, uint64_t* out, int fd, int) {
  PosixPlatform p;
  uint8_t buf[kMsgSize];
  Message m;
  while (io_all(fd, buf, kMsgSize, false)) {
    const uint64_t t = p.now_ns();
    if (decode_message(buf, kMsgSize, m) && m.seq < plan.total()) out[m.seq] = t - m.t_sched_ns;
  }
}

void* shared_block(size_t n) {
  void* p = mmap(nullptr, n, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
  return p == MAP_FAILED ? nullptr : p;
}

struct ShmArgs {
  RingHeader* ring;
};
ShmArgs g_shm;

void shm_producer(const FloorPlan& plan, uint64_t*, int, int) {
  PosixPlatform p;
  RingProducer prod(g_shm.ring);
  uint8_t slot[kMessageSlotSize];
  produce(plan, [&](const Message& m) {
    while (!prod.try_push(slot, encode_message(m, slot, sizeof slot))) p.cpu_relax();
    if (prod.consumer_sleeping()) p.doorbell_wake(prod.doorbell());
  });
}

// Spin doorbell, as Driver2's consumer in shared-ring spin mode.
void shm_consumer(const FloorPlan& plan, uint64_t* out, int, int) {
  PosixPlatform p;
  RingConsumer cons(g_shm.ring);
  const uint64_t give_up = plan.due(plan.total()) + 2000000000ull;
  Message m;
  uint64_t got = 0;
  uint32_t spins = 0;
  while (got < plan.total()) {
    if (const uint8_t* s = cons.front()) {
      const uint64_t t = p.now_ns();
      if (decode_message(s, kMsgSize, m) && m.seq < plan.total()) out[m.seq] = t - m.t_sched_ns;
      cons.pop();
      ++got;
      continue;
    }
    p.cpu_relax();
    if (++spins % 4096 == 0 && p.now_ns() > give_up) break;
  }
}

// The in-process floor calls through IMessageSink, the interface Driver1 uses to reach
// Driver2 in one-process; the volatile pointer keeps the compiler from devirtualising it.
class StampSink : public IMessageSink {
 public:
  StampSink(IPlatform& p, uint64_t* out, uint64_t n) : p_(p), out_(out), n_(n) {}
  [[nodiscard]] IoRet deliver(const Message& m, Topology) override {
    const uint64_t t = p_.now_ns();
    if (m.seq < n_) out_[m.seq] = t - m.t_sched_ns;
    return ior::Success;
  }

 private:
  IPlatform& p_;
  uint64_t* out_;
  uint64_t n_;
};

}  // namespace

bool floor_socket_relay(const FloorPlan& plan, uint64_t* out) {
  int a[2], b[2];
  if (socketpair(AF_UNIX, SOCK_STREAM, 0, a) != 0 || socketpair(AF_UNIX, SOCK_STREAM, 0, b) != 0) return false;
  // Each child keeps only its own ends, so EOF propagates down the chain at the end.
  const pid_t c = fork_floor_process();
  if (c == 0) {
    ::close(a[0]); ::close(a[1]); ::close(b[0]);
    sock_consumer(plan, out, b[1], -1);
    _exit(0);
  }
  const pid_t r = fork_floor_process();
  if (r == 0) {
    ::close(a[0]); ::close(b[1]);
    sock_relay(plan, out, a[1], b[0]);
    _exit(0);
  }
  ::close(a[1]); ::close(b[0]); ::close(b[1]);
  const pid_t pp = spawn(sock_producer, plan, out, a[0], -1);
  ::close(a[0]);
  return c > 0 && r > 0 && pp > 0;
}

bool floor_shm_handoff(const FloorPlan& plan, uint64_t* out) {
  const uint64_t cap = 4096;
  const size_t bytes = ring_bytes(kMessageSlotSize, cap);
  void* mem = shared_block(bytes);
  if (!mem || !ring_init(mem, bytes, kMessageSlotSize, cap)) return false;
  g_shm.ring = ring_attach(mem, bytes, kMessageSlotSize);
  return spawn(shm_consumer, plan, out, -1, -1) > 0 && spawn(shm_producer, plan, out, -1, -1) > 0;
}

bool floor_in_process_call(const FloorPlan& plan, uint64_t* out) {
  PosixPlatform p;
  StampSink sink(p, out, plan.total());
  IMessageSink* volatile target = &sink;
  produce(plan, [&](const Message& m) { target->deliver(m, Topology::OneProcess); });
  return true;
}

void floor_clock_read(uint64_t n, uint64_t* out) {
  PosixPlatform p;
  for (uint64_t i = 0; i < n; ++i) {
    const uint64_t a = p.now_ns();
    out[i] = p.now_ns() - a;
  }
}

bool floor_wait_children() {
  bool ok = g_child_count.load() <= kMaxChildren;
  for (size_t i = 0; i < std::min(g_child_count.load(), kMaxChildren); ++i) {
    const pid_t c = g_children[i].exchange(0);
    int st = 0;
    if (c <= 0 || waitpid(c, &st, 0) != c || !WIFEXITED(st) || WEXITSTATUS(st) != 0) ok = false;
  }
  g_child_count.store(0);
  return ok;
}

void floor_kill_children() {
  for (size_t i = 0; i < std::min(g_child_count.load(), kMaxChildren); ++i)
    if (const pid_t c = g_children[i].load(); c > 0) kill(c, SIGKILL);
}

}  // namespace hil
