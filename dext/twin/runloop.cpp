// IONotificationPort and CFRunLoop (IOKitLib.h IONotificationPortCreate/GetRunLoopSource/
// GetMachPort; CFRunLoop.h CFRunLoopRun/RunInMode/Stop/AddSource). A port queues work (matching
// notifications, async completions) for the run loop its source was added to; the loop runs
// it on its own thread, as IOKit's callbacks run on the thread that runs the loop. As in
// CoreFoundation, CFRunLoopStop ends the run in progress only: a stop before the run starts is
// lost (the per-run state is reset when a run begins).
#include <chrono>
#include <cstdio>
#include <condition_variable>
#include <unordered_map>

#include "twin.h"

namespace twin {

struct RunLoop {
  std::mutex mu;
  std::condition_variable cv;
  std::deque<std::function<void()>> work;
  int sources = 0;
  bool running = false, stopped = false;
};

struct NotificationPort {
  mach_port_t port = 0;
  RunLoop* loop = nullptr;  // set by CFRunLoopAddSource
  std::deque<std::function<void()>> early;  // posted before the source joined a loop
  std::string creator;
  bool reported = false;
};

namespace {
struct Ports {
  std::unordered_map<mach_port_t, std::shared_ptr<NotificationPort>> live;
  mach_port_t next = 0x2003;
};
Ports& ports() {
  static auto* p = new Ports;
  return *p;
}

// The source handed out by IONotificationPortGetRunLoopSource is the port itself.
std::shared_ptr<NotificationPort> port_of(const void* p) {
  for (auto& [n, port] : ports().live) {
    if (port.get() == p) return port;
  }
  return nullptr;
}

void enqueue(RunLoop* loop, std::function<void()> w) {
  std::lock_guard<std::mutex> g(loop->mu);
  loop->work.push_back(std::move(w));
  loop->cv.notify_all();
}

constexpr int32_t kRunFinished = 1, kRunStopped = 2, kRunTimedOut = 3, kRunHandledSource = 4;
}  // namespace

std::shared_ptr<NotificationPort> port_from_ref(const void* ref) { return port_of(ref); }

std::shared_ptr<NotificationPort> find_port(mach_port_t port) {
  auto it = ports().live.find(port);
  return it == ports().live.end() ? nullptr : it->second;
}

// Called with lock() held.
void post(const std::shared_ptr<NotificationPort>& port, std::function<void()> work) {
  if (port->loop == nullptr) {
    port->early.push_back(std::move(work));
  } else {
    enqueue(port->loop, std::move(work));
  }
}

void port_audit(std::string& out) {
  for (auto& [n, port] : ports().live) {
    if (!port->reported) {
      port->reported = true;
      char b[96];
      std::snprintf(b, sizeof b, "leaked IONotificationPortRef (mach port 0x%x): never destroyed; created by ", n);
      out += b + port->creator + "\n";
    }
  }
}

}  // namespace twin

using twin::RunLoop;

namespace {
thread_local RunLoop* t_loop = nullptr;

RunLoop* current() {
  if (t_loop == nullptr) t_loop = new RunLoop;  // lives for the process, as CF's per-thread loops do
  return t_loop;
}

int32_t run_loop(RunLoop* loop, double seconds, bool once) {
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::duration<double>(seconds);
  std::unique_lock<std::mutex> g(loop->mu);
  if (loop->sources == 0) return twin::kRunFinished;
  loop->running = true;
  loop->stopped = false;
  int32_t why = twin::kRunTimedOut;
  for (;;) {
    if (loop->stopped) {
      why = twin::kRunStopped;
      break;
    }
    if (!loop->work.empty()) {
      auto w = std::move(loop->work.front());
      loop->work.pop_front();
      g.unlock();
      w();
      g.lock();
      if (once) {
        why = twin::kRunHandledSource;
        break;
      }
      continue;
    }
    if (loop->cv.wait_until(g, deadline) == std::cv_status::timeout && loop->work.empty() && !loop->stopped) break;
  }
  loop->running = false;
  loop->stopped = false;
  return why;
}
}  // namespace

HIL_EXPORT void* IONotificationPortCreate(uint32_t main_port) {
  std::lock_guard<std::mutex> g(twin::lock());
  auto p = std::make_shared<twin::NotificationPort>();
  p->port = twin::ports().next;
  twin::ports().next += 4;
  p->creator = "IONotificationPortCreate";
  twin::ports().live[p->port] = p;
  return p.get();
}

HIL_EXPORT void IONotificationPortDestroy(void* notify) {
  std::lock_guard<std::mutex> g(twin::lock());
  auto p = twin::port_of(notify);
  if (p == nullptr) {
    twin::problem("IONotificationPortDestroy of a port already destroyed or never created");
    return;
  }
  if (p->loop != nullptr) {
    std::lock_guard<std::mutex> lg(p->loop->mu);
    --p->loop->sources;
  }
  twin::ports().live.erase(p->port);
}

HIL_EXPORT uint32_t IONotificationPortGetMachPort(void* notify) {
  std::lock_guard<std::mutex> g(twin::lock());
  auto p = twin::port_of(notify);
  return p == nullptr ? 0 : p->port;
}

HIL_EXPORT void* IONotificationPortGetRunLoopSource(void* notify) {
  std::lock_guard<std::mutex> g(twin::lock());
  return twin::port_of(notify) == nullptr ? nullptr : notify;
}

// The default mode's name: an exported CFStringRef variable, immortal as Apple's constant strings are.
extern "C" {
__attribute__((visibility("default"))) const void* kCFRunLoopDefaultMode = &kCFRunLoopDefaultMode;
}

HIL_EXPORT void* CFRunLoopGetCurrent() { return current(); }

HIL_EXPORT void CFRunLoopAddSource(void* rl, void* source, const void* mode) {
  std::lock_guard<std::mutex> g(twin::lock());
  auto p = twin::port_of(source);
  if (p == nullptr || rl == nullptr) {
    twin::problem("CFRunLoopAddSource of a source the twin never made");
    return;
  }
  auto* loop = static_cast<RunLoop*>(rl);
  if (p->loop == loop) return;  // adding a source twice to one mode does nothing
  p->loop = loop;
  std::lock_guard<std::mutex> lg(loop->mu);
  ++loop->sources;
  for (auto& w : p->early) loop->work.push_back(std::move(w));
  p->early.clear();
  loop->cv.notify_all();
}

HIL_EXPORT void CFRunLoopRun() {
  while (run_loop(current(), 1e10, false) == twin::kRunTimedOut) {
  }
}

HIL_EXPORT int32_t CFRunLoopRunInMode(const void* mode, double seconds, bool return_after_source_handled) {
  return run_loop(current(), seconds, return_after_source_handled);
}

HIL_EXPORT void CFRunLoopStop(void* rl) {
  auto* loop = static_cast<RunLoop*>(rl);
  if (loop == nullptr) return;
  std::lock_guard<std::mutex> g(loop->mu);
  if (loop->running) loop->stopped = true;
  loop->cv.notify_all();
}
