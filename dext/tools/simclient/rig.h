// A test rig over hil-simhost: the host process(es) a topology needs, one connection per
// driver instance, the record ring mapped and drained, and the app-relay relay.
#pragma once
#include <atomic>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "client.h"
#include "counters.h"
#include "format.h"
#include "launcher.h"
#include "platform.h"
#include "spsc_ring.h"

namespace hil {

constexpr const char* kToken = "com.apple.developer.driverkit.userclient-access=com.example.hilprobe";

struct RigOptions {
  std::string simhost;
  std::string topology = "one-process";  // app-relay | one-process | shared-ring
  std::string doorbell = "spin";         // spin | wait
  uint32_t report_len = 8;
  uint64_t ring_capacity = 4096;
};

struct BurstResult {
  CountersSnapshot d1, d2;
  std::vector<Record> records;
  uint64_t relay_errors = 0;
  double seconds = 0;
};

class Rig {
 public:
  ~Rig();
  bool setup(const RigOptions& o, std::string& err);
  // Runs one burst and waits until every message is accounted for (or a timeout).
  bool burst(uint64_t count, uint64_t rate, uint64_t warmup, BurstResult& out, std::string& err);
  // Quits the host(s); checks exit 0, no shm objects left, socket files gone.
  bool teardown(std::string& err);
  SimConnection& d1() { return c1_; }
  SimConnection& d2() { return c2_; }
  SimHostProcess& host1() { return h1_; }
  Topology topology() const { return topo_; }

 private:
  bool counters(SimConnection& c, CountersSnapshot& s);
  void relay(const Frame& f);
  void drain_loop();

  RigOptions o_;
  Topology topo_ = Topology::OneProcess;
  std::string dir_;
  SimHostProcess h1_, h2_;
  bool two_hosts_ = false;
  SimConnection c1_, c2_;
  std::unique_ptr<ISharedMemory> rec_mem_;
  RingConsumer rec_;
  std::thread drain_;
  std::atomic<bool> drain_stop_{false};
  std::vector<Record> records_;
  std::atomic<uint64_t> n_records_{0};
  std::unique_ptr<Reply> relay_reply_;
  std::atomic<uint64_t> relay_errors_{0};
};

bool parse_topology(const std::string& s, Topology& t);
const char* topology_name(Topology t);

}  // namespace hil
