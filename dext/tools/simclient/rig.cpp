#include "rig.h"

#include <signal.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <cstring>

#include "bytes.h"
#include "method_table.h"
#include "posix_platform.h"

namespace hil {
namespace {

uint64_t now_ns() {
  timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return static_cast<uint64_t>(ts.tv_sec) * 1000000000ull + static_cast<uint64_t>(ts.tv_nsec);
}

void nap_us(long us) {
  timespec ts{0, us * 1000};
  nanosleep(&ts, nullptr);
}

bool expect(bool ok, const Reply& r, const char* what, std::string& err) {
  if (!ok) {
    err = std::string(what) + ": connection lost";
    return false;
  }
  if (r.status != ior::Success) {
    err = std::string(what) + ": " + ioret_name(r.status);
    return false;
  }
  return true;
}

}  // namespace

bool parse_topology(const std::string& s, Topology& t) {
  if (s == "app-relay") t = Topology::AppRelay;
  else if (s == "one-process") t = Topology::OneProcess;
  else if (s == "shared-ring") t = Topology::SharedRing;
  else return false;
  return true;
}

const char* topology_name(Topology t) {
  switch (t) {
    case Topology::AppRelay: return "app-relay";
    case Topology::OneProcess: return "one-process";
    case Topology::SharedRing: return "shared-ring";
  }
  return "?";
}

Rig::~Rig() {
  drain_stop_.store(true);
  if (drain_.joinable()) drain_.join();
}

bool Rig::setup(const RigOptions& o, std::string& err) {
  o_ = o;
  if (!parse_topology(o.topology, topo_)) {
    err = "unknown topology " + o.topology;
    return false;
  }
  dir_ = make_temp_dir();
  // The process layout is what the Info.plist gives each topology: one process only with
  // IOUserServerOneProcess, otherwise one per driver.
  two_hosts_ = topo_ != Topology::OneProcess;
  if (two_hosts_) {
    if (!h1_.start(o.simhost, kToken, dir_, {"driver1:d1"}, err)) return false;
    if (!h2_.start(o.simhost, kToken, dir_, {"driver2:d2"}, err)) return false;
  } else if (!h1_.start(o.simhost, kToken, dir_, {"driver1:d1", "driver2:d2"}, err)) {
    return false;
  }
  if (!c1_.connect(dir_ + "/d1.sock") || !c2_.connect(dir_ + "/d2.sock")) {
    err = "connect failed in " + dir_;
    return false;
  }
  Reply r;
  if (!expect(c1_.open(kToken, r), r, "open d1", err) || !expect(c2_.open(kToken, r), r, "open d2", err))
    return false;
  if (!expect(c1_.call(kSelOpenSession, {1}, nullptr, 0, r), r, "OpenSession d1", err)) return false;
  if (r.s[0] != 1 || r.s[3] != (two_hosts_ ? 0u : 1u)) {
    err = "OpenSession d1: unexpected role/peer";
    return false;
  }
  if (!expect(c2_.call(kSelOpenSession, {1}, nullptr, 0, r), r, "OpenSession d2", err)) return false;
  const uint64_t db = o.doorbell == "wait" ? 1 : 0;
  const uint64_t t = static_cast<uint64_t>(topo_);
  if (!expect(c2_.call(kSelConfigure, {t, o.report_len, db, 0}, nullptr, 0, r), r, "Configure d2", err) ||
      !expect(c1_.call(kSelConfigure, {t, o.report_len, db, 0}, nullptr, 0, r), r, "Configure d1", err))
    return false;
  // Record ring: MapRecordRing, then the map frame gives the shm name to map.
  if (!expect(c2_.call(kSelMapRecordRing, {}, nullptr, 0, r), r, "MapRecordRing", err)) return false;
  if (!expect(c2_.map(1, r), r, "map 1", err)) return false;
  rec_mem_ = map_shared(r.str().c_str());
  RingHeader* h = rec_mem_ ? ring_attach(rec_mem_->data(), rec_mem_->size(), kRecordSize) : nullptr;
  if (!h) {
    err = "cannot map record ring " + r.str();
    return false;
  }
  rec_ = RingConsumer(h);
  if (topo_ == Topology::AppRelay) {
    relay_reply_ = std::make_unique<Reply>();
    c1_.start_reader([this](const Frame& f) { relay(f); });
    if (!expect(c1_.call_async(kSelRegisterCompletion, 7, {}, r), r, "RegisterCompletion", err)) return false;
  } else if (topo_ == Topology::SharedRing) {
    if (!expect(c2_.call(kSelMapSharedRing, {o.ring_capacity}, nullptr, 0, r), r, "MapSharedRing", err) ||
        !expect(c2_.map(2, r), r, "map 2", err))
      return false;
    const std::string name = r.str();
    if (!expect(c1_.call(kSelHandOverSharedRing, {o.ring_capacity}, name.data(), static_cast<uint32_t>(name.size()), r),
                r, "HandOverSharedRing", err))
      return false;
  }
  drain_ = std::thread([this] { drain_loop(); });
  return true;
}

// The app's half of app-relay: completion from Driver1 in, DeliverMessage to Driver2 out.
void Rig::relay(const Frame& f) {
  if (f.n_scalars < 4) {
    relay_errors_.fetch_add(1);
    return;
  }
  Message m;
  m.seq = f.scalars[0];
  m.t_sched_ns = f.scalars[1];
  m.t_send_ns = f.scalars[2];
  m.report_len = static_cast<uint32_t>(f.scalars[3] <= kMaxReportLen ? f.scalars[3] : 0);
  for (uint32_t i = 0; i < m.report_len && 4 + i / 8 < f.n_scalars; ++i)
    m.report[i] = static_cast<uint8_t>(f.scalars[4 + i / 8] >> (8 * (i % 8)));
  uint8_t buf[kMaxMessageSize];
  const size_t n = encode_message(m, buf, sizeof buf);
  if (!c2_.call(kSelDeliverMessage, {}, buf, static_cast<uint32_t>(n), *relay_reply_) ||
      relay_reply_->status != ior::Success)
    relay_errors_.fetch_add(1);
}

void Rig::drain_loop() {
  while (!drain_stop_.load()) {
    const uint8_t* p = rec_.front();
    if (!p) {
      nap_us(200);  // the record ring is big; polling it slowly keeps a core free
      continue;
    }
    Record rec;
    decode_record(p, rec);
    rec_.pop();
    if (records_.size() < records_.capacity()) records_.push_back(rec);
    n_records_.store(records_.size());
  }
}

bool Rig::counters(SimConnection& c, CountersSnapshot& s) {
  Reply r;
  if (!c.call(kSelReadCounters, {}, nullptr, 0, r) || r.status != ior::Success || r.n != 8) return false;
  s = {r.s[0], r.s[1], r.s[2], r.s[3], r.s[4], r.s[5], r.s[6], r.s[7]};
  return true;
}

bool Rig::burst(uint64_t count, uint64_t rate, uint64_t warmup, BurstResult& out, std::string& err) {
  Reply r;
  CountersSnapshot b1, b2;
  if (!expect(c1_.call(kSelResetCounters, {}, nullptr, 0, r), r, "ResetCounters d1", err) ||
      !expect(c2_.call(kSelResetCounters, {}, nullptr, 0, r), r, "ResetCounters d2", err))
    return false;
  // Stop draining while we swap the buffer; records from earlier bursts are discarded.
  drain_stop_.store(true);
  if (drain_.joinable()) drain_.join();
  while (rec_.front()) rec_.pop();
  records_.clear();
  records_.reserve((count + warmup) * 2 + 16);
  n_records_.store(0);
  relay_errors_.store(0);
  drain_stop_.store(false);
  drain_ = std::thread([this] { drain_loop(); });

  const uint64_t t0 = now_ns();
  if (!expect(c1_.call(kSelStartBurst, {count, rate, warmup}, nullptr, 0, r), r, "StartBurst", err)) return false;
  const uint64_t budget_ns = (rate ? (count + warmup) * 1000000000ull / rate : 0) + 60000000000ull;
  do {
    nap_us(20000);
    if (!counters(c1_, b1)) {
      err = "ReadCounters d1 failed";
      return false;
    }
    if (now_ns() - t0 > budget_ns) {
      err = "burst did not finish in time";
      return false;
    }
  } while (b1.burst_active);
  out.seconds = static_cast<double>(now_ns() - t0) / 1e9;
  // In flight: wait until Driver2 has seen everything Driver1 did not drop.
  const uint64_t deadline = now_ns() + 10000000000ull;
  for (;;) {
    if (!counters(c1_, b1) || !counters(c2_, b2)) {
      err = "ReadCounters failed";
      return false;
    }
    const uint64_t records_expected = b2.delivered + b2.duplicated - b2.ring_overflow;
    if (b2.delivered + b1.dropped >= b1.sent && n_records_.load() >= records_expected) break;
    if (now_ns() > deadline) break;  // the caller's accounting check reports the gap
    nap_us(5000);
  }
  drain_stop_.store(true);
  drain_.join();
  out.d1 = b1;
  out.d2 = b2;
  out.records = records_;
  out.relay_errors = relay_errors_.load();
  return true;
}

bool Rig::teardown(std::string& err) {
  drain_stop_.store(true);
  if (drain_.joinable()) drain_.join();
  c1_.close();
  c2_.close();
  rec_ = RingConsumer();
  rec_mem_.reset();
  SimHostProcess* hosts[2] = {&h1_, two_hosts_ ? &h2_ : nullptr};
  for (SimHostProcess* h : hosts) {
    if (!h) continue;
    const pid_t pid = h->pid();
    h->send_line("quit");
    std::string line;
    bool saw_exit = false;
    while (h->read_event(line, 5000))
      if (json_field(line, "event") == "exit") saw_exit = true;
    const int code = h->stop(0, 5000);
    if (!saw_exit || code != 0) {
      err = "host " + std::to_string(pid) + " did not quit cleanly (exit " + std::to_string(code) + ")";
      return false;
    }
    if (!shm_objects_of(pid).empty()) {
      err = "host " + std::to_string(pid) + " left shm objects";
      return false;
    }
  }
  struct stat st;
  for (const char* s : {"/d1.sock", "/d2.sock"})
    if (stat((dir_ + s).c_str(), &st) == 0) {
      err = "socket file left: " + dir_ + s;
      return false;
    }
  rmdir(dir_.c_str());
  return true;
}

}  // namespace hil
