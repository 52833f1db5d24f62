// hil-floor (PROTOCOL.md §7): measures in one run the floors of the primitives each
// topology uses, paced like the harness, and prints one JSON object.
//
// By default the three paced floors run at the same time, each on its own phase of the
// period, so a default run (20,000 samples at 1 kHz) takes ~20 s instead of 60 s.
// `--only PRIMITIVE` measures one floor alone, as the harness measures a topology alone:
// with the shm floor's consumer spinning beside it, the socket relay's wake-ups land on a
// busy core instead of an idle one, which on a VM is several times cheaper, so the
// concurrent figure is a floor the topology, measured alone, can never reach.
#include <signal.h>
#include <sys/mman.h>
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <chrono>
#include <string>
#include <thread>
#include <vector>

#include "floors.h"
#include "posix_platform.h"

namespace {

constexpr uint64_t kUnset = ~0ull;
constexpr uint64_t kStartLeadNs = 20000000ull;  // fork + attach of the floor processes

int usage(const std::string& why) {
  std::fprintf(stderr, "hil-floor: %s\nusage: hil-floor [--samples N] [--rate HZ] [--warmup N] [--start-ns T]\n"
               "                 [--only socket_relay|shm_handoff|in_process_call] [--json]\n", why.c_str());
  return 2;
}

uint64_t* shared_samples(uint64_t n) {
  void* p = mmap(nullptr, n * 8, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
  if (p == MAP_FAILED) return nullptr;
  auto* s = static_cast<uint64_t*>(p);
  std::fill(s, s + n, kUnset);
  return s;
}

std::string stats(const uint64_t* s, uint64_t from, uint64_t to) {
  std::vector<uint64_t> v;
  uint64_t lost = 0;
  for (uint64_t i = from; i < to; ++i) {
    if (s[i] == kUnset) ++lost;
    else v.push_back(s[i]);
  }
  std::sort(v.begin(), v.end());
  auto at = [&](double q) -> unsigned long long {
    if (v.empty()) return 0;
    const size_t k = static_cast<size_t>(q * static_cast<double>(v.size()) + 0.999999);
    return v[k ? k - 1 : 0];
  };
  char b[256];
  std::snprintf(b, sizeof b, "{\"samples\":%zu,\"p50_ns\":%llu,\"p99_ns\":%llu,\"p999_ns\":%llu,\"max_ns\":%llu,\"lost\":%llu}",
                v.size(), at(0.5), at(0.99), at(0.999), v.empty() ? 0ull : static_cast<unsigned long long>(v.back()),
                static_cast<unsigned long long>(lost));
  return b;
}

bool parse(const char* s, uint64_t& v) {
  char* end = nullptr;
  v = std::strtoull(s, &end, 10);
  return *s && *end == '\0';
}

const char* const kPrimitives[] = {"socket_relay", "shm_handoff", "in_process_call"};

bool wanted(const std::string& only, const char* primitive) { return only.empty() || only == primitive; }

// The harness that started the floor may be killed without a word (kill -9); the floor then
// measures for nobody, seconds on end, beside whatever runs next. A thread notices the
// reparenting (getppid, on Linux and macOS alike) and takes the floor's processes down.
// Started before any fork: a forked child has only the forking thread.
void die_with_parent() {
  const pid_t parent = getppid();
  if (parent == 1) return;  // started by init or launchd: nobody to outlive
  std::thread([parent] {
    while (getppid() == parent) std::this_thread::sleep_for(std::chrono::milliseconds(100));
    hil::floor_kill_children();
    std::fprintf(stderr, "hil-floor: the process that started it (pid %d) is gone: stopping\n", static_cast<int>(parent));
    std::_Exit(3);
  }).detach();
}

}  // namespace

int main(int argc, char** argv) {
  hil::FloorPlan plan;
  std::string only;
  uint64_t warmup = kUnset;
  uint64_t start_ns = 0;  // 0: 300 ms from now
  for (int i = 1; i < argc; ++i) {
    const std::string k = argv[i];
    if (k == "--json") continue;  // JSON is the only output format
    if (i + 1 >= argc) return usage("missing value for " + k);
    if (k == "--only") {
      only = argv[++i];
      if (std::find(std::begin(kPrimitives), std::end(kPrimitives), only) == std::end(kPrimitives))
        return usage("--only: expected socket_relay, shm_handoff or in_process_call, got '" + only + "'");
      continue;
    }
    uint64_t v = 0;
    if (!parse(argv[++i], v)) return usage("not a number: " + std::string(argv[i]));
    if (k == "--samples") plan.samples = v;
    else if (k == "--rate") plan.rate_hz = v;
    else if (k == "--warmup") warmup = v;
    else if (k == "--start-ns") start_ns = v;
    else return usage("unknown option " + k);
  }
  if (plan.samples < 1 || plan.samples > 10000000 || plan.rate_hz < 1 || plan.rate_hz > 1000000)
    return usage("--samples must be 1..10^7 and --rate 1..10^6");
  if (warmup != kUnset && warmup > 10000000) return usage("--warmup must be 0..10^7");
  signal(SIGPIPE, SIG_IGN);
  die_with_parent();
  plan.warmup = warmup != kUnset ? warmup : std::min<uint64_t>(200, plan.samples / 10 + 1);
  const uint64_t n = plan.total();
  uint64_t* sock = shared_samples(n);
  uint64_t* shm = shared_samples(n);
  uint64_t* inproc = shared_samples(n);
  std::vector<uint64_t> clock(plan.samples);
  if (!sock || !shm || !inproc) return usage("mmap failed");

  hil::PosixPlatform p;
  const uint64_t period = 1000000000ull / plan.rate_hz;
  // A caller that runs the floor beside a topology gives the schedule's origin (the same
  // CLOCK_MONOTONIC), so the floor's messages fall between the topology's, not on them.
  const uint64_t now = p.now_ns();
  if (start_ns && start_ns < now + kStartLeadNs)
    return usage("--start-ns " + std::to_string(start_ns) + " is less than 20 ms from now (" + std::to_string(now) +
                 "): the floor processes could not be ready in time");
  plan.start_ns = start_ns ? start_ns : now + 300000000ull;  // time for the children to start
  hil::FloorPlan sp = plan, hp = plan, ip = plan;
  sp.phase_ns = 0;
  hp.phase_ns = period / 3;
  ip.phase_ns = 2 * period / 3;
  if ((wanted(only, "socket_relay") && !hil::floor_socket_relay(sp, sock)) ||
      (wanted(only, "shm_handoff") && !hil::floor_shm_handoff(hp, shm))) {
    std::fprintf(stderr, "hil-floor: could not start the process floors\n");
    hil::floor_wait_children();
    return 1;
  }
  if (wanted(only, "in_process_call")) hil::floor_in_process_call(ip, inproc);
  const bool children_ok = hil::floor_wait_children();
  hil::floor_clock_read(plan.samples, clock.data());

  const uint64_t* measured[] = {sock, shm, inproc};
  std::string floors;
  for (size_t k = 0; k < 3; ++k)
    if (wanted(only, kPrimitives[k]))
      floors += std::string(floors.empty() ? "" : ",") + "\"" + kPrimitives[k] + "\":" + stats(measured[k], plan.warmup, n);
  std::printf("{\"rate_hz\":%llu,\"warmup\":%llu,\"start_ns\":%llu,\"concurrent\":%s,\"floors\":{%s,\"clock_read\":%s}}\n",
              static_cast<unsigned long long>(plan.rate_hz), static_cast<unsigned long long>(plan.warmup),
              static_cast<unsigned long long>(plan.start_ns), only.empty() ? "true" : "false", floors.c_str(), stats(clock.data(), 0, plan.samples).c_str());
  if (!children_ok) std::fprintf(stderr, "hil-floor: a floor process failed\n");
  return children_ok ? 0 : 1;
}
