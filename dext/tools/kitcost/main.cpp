// hil-kitcost: what the probe kit costs per message, closed loop on this host, next to a
// bare clock read (every stamp is one). Prints one JSON object; benchmarks/kit-cost.md
// has the command and figures. Chunks of kChunk messages are timed; between chunks the
// record ring is drained untimed, as the harness drains it from another process.
#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <vector>

#include "driver1.h"
#include "driver2.h"
#include "posix_platform.h"
#include "stamps.h"
#include "stimulus_report.h"

namespace hil {
namespace {

constexpr uint64_t kChunk = 4096;
constexpr uint64_t kRecordCap = 1u << 16;

struct Stat {
  double median_ns, min_ns;
};

// ns per message of each chunk; the median of chunks resists a busy host's preemptions.
template <typename Body, typename Between>
Stat time_chunks(PosixPlatform& p, uint64_t chunks, Body&& body, Between&& between) {
  std::vector<double> per;
  for (uint64_t c = 0; c < chunks; ++c) {
    const uint64_t t0 = p.now_ns();
    for (uint64_t i = 0; i < kChunk; ++i) body(c * kChunk + i);
    per.push_back(static_cast<double>(p.now_ns() - t0) / kChunk);
    between();
  }
  std::sort(per.begin(), per.end());
  return {per[per.size() / 2], per.front()};
}

void drain(RingHeader* h) {
  RingConsumer c(h);
  while (c.front()) c.pop();
}

std::string json(const char* name, const Stat& s) {
  char b[160];
  std::snprintf(b, sizeof b, "\"%s\":{\"median_ns\":%.1f,\"min_ns\":%.1f}", name, s.median_ns, s.min_ns);
  return b;
}

int run(uint64_t chunks) {
  PosixPlatform p;
  volatile uint64_t sink = 0;
  const Stat clock = time_chunks(p, chunks, [&](uint64_t) { sink = sink + p.now_ns(); }, [] {});

  Counters c1;
  Departures dep(c1);
  Message m;
  m.report_len = 8;
  const Stat depart = time_chunks(p, chunks, [&](uint64_t) {
    m.seq = dep.take_seq();
    Departures::stamp(m, p);
  }, [] {});

  Counters c2;
  Arrivals arr(c2);
  std::vector<uint8_t> mem(ring_bytes(kRecordSize, kRecordCap));
  if (!arr.start(mem.data(), mem.size(), kRecordCap)) return std::fprintf(stderr, "hil-kitcost: record ring did not start\n"), 1;
  auto* rh = reinterpret_cast<RingHeader*>(mem.data());
  const Stat arrive = time_chunks(p, chunks, [&](uint64_t i) {
    m.seq = i;
    m.t_sched_ns = m.t_send_ns = i + 1;
    sink = sink + arr.record(m, Topology::OneProcess, Arrivals::stamp(p));
  }, [&] { drain(rh); });

  // The probe's whole one-process hop minus the pacer: Driver1's send path into Driver2.
  Process proc(p);
  auto d1 = std::make_shared<Driver1>(p, proc, "kc1", proc.next_id());
  auto d2 = std::make_shared<Driver2>(p, proc, "kc2", proc.next_id());
  proc.add(d1);
  proc.add(d2);
  if (d2->configure(1, 8, 0, 0) != ior::Success || d1->configure(1, 8, 0, 0) != ior::Success)
    return std::fprintf(stderr, "hil-kitcost: one-process Configure refused\n"), 1;
  ISharedMemory* rec = d2->memory(1);
  uint8_t report[8];
  make_burst_report(0, 1, 8, report);
  uint64_t seq = 0;
  const Stat hop = time_chunks(p, chunks, [&](uint64_t) { sink = sink + (d1->inject(report, 8, seq) == ior::Success); },
                               [&] { drain(static_cast<RingHeader*>(rec->data())); });
  d1->shutdown();
  d2->shutdown();
  std::printf("{\"messages\":%llu,%s,%s,%s,%s}\n", static_cast<unsigned long long>(chunks * kChunk),
              json("clock_read", clock).c_str(), json("depart", depart).c_str(), json("arrive", arrive).c_str(),
              json("one_process_hop", hop).c_str());
  return 0;
}

}  // namespace
}  // namespace hil

int main(int argc, char** argv) {
  uint64_t chunks = 256;
  if (argc == 3 && std::strcmp(argv[1], "--chunks") == 0) chunks = std::strtoull(argv[2], nullptr, 10);
  else if (argc != 1) return std::fprintf(stderr, "usage: hil-kitcost [--chunks N]   (N x 4096 messages per figure)\n"), 2;
  if (chunks == 0) return std::fprintf(stderr, "hil-kitcost: --chunks must be at least 1\n"), 2;
  return hil::run(chunks);
}
