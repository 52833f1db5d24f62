#include "scenarios.h"

#include <signal.h>
#include <sys/stat.h>
#include <time.h>

#include <algorithm>
#include <cstdio>

#include "method_table.h"

namespace hil {
namespace {

struct Pct {
  uint64_t p50 = 0, p99 = 0, p999 = 0, max = 0;
  size_t n = 0;
};

Pct percentiles(std::vector<uint64_t> v) {
  Pct p;
  p.n = v.size();
  if (v.empty()) return p;
  std::sort(v.begin(), v.end());
  // Nearest rank: the smallest value with at least q of the samples at or below it.
  auto at = [&](double q) { size_t k = static_cast<size_t>(q * static_cast<double>(v.size()) + 0.999999); return v[k ? k - 1 : 0]; };
  p.p50 = at(0.5);
  p.p99 = at(0.99);
  p.p999 = at(0.999);
  p.max = v.back();
  return p;
}

std::string pct_json(const Pct& p) {
  char b[200];
  std::snprintf(b, sizeof b, "{\"samples\":%zu,\"p50_ns\":%llu,\"p99_ns\":%llu,\"p999_ns\":%llu,\"max_ns\":%llu}", p.n,
                static_cast<unsigned long long>(p.p50), static_cast<unsigned long long>(p.p99),
                static_cast<unsigned long long>(p.p999), static_cast<unsigned long long>(p.max));
  return b;
}

int fail(const std::string& what) {
  std::fprintf(stderr, "FAIL: %s\n", what.c_str());
  return 1;
}

int passed(const char* scenario) {
  std::printf("{\"%s\":\"pass\"}\n", scenario);
  return 0;
}

// Every message accounted: sent = delivered + dropped, and the records agree.
bool account(const BurstResult& b, uint64_t total, uint64_t want_dropped, uint64_t want_dup, std::string& err) {
  const auto& s1 = b.d1;
  const auto& s2 = b.d2;
  auto num = [](uint64_t v) { return std::to_string(v); };
  if (s1.sent != total) err = "sent " + num(s1.sent) + " != " + num(total);
  else if (s1.sent != s2.delivered + s1.dropped)
    err = "unexplained loss: sent " + num(s1.sent) + " delivered " + num(s2.delivered) + " dropped " + num(s1.dropped);
  else if (s1.dropped != want_dropped) err = "dropped " + num(s1.dropped) + " != " + num(want_dropped);
  else if (s2.duplicated != want_dup || s1.duplicated != want_dup) err = "duplicated " + num(s2.duplicated) + " != " + num(want_dup);
  else if (s2.out_of_order != 0) err = "out of order " + num(s2.out_of_order);
  else if (s1.ring_overflow || s2.ring_overflow) err = "ring overflow " + num(s1.ring_overflow) + "/" + num(s2.ring_overflow);
  else if (b.relay_errors) err = "relay errors " + num(b.relay_errors);
  else if (b.records.size() != s2.delivered + s2.duplicated)
    err = "records " + num(b.records.size()) + " != delivered+duplicated " + num(s2.delivered + s2.duplicated);
  if (!err.empty()) return false;
  std::vector<uint8_t> seen(total, 0);
  for (const Record& r : b.records) {
    if (r.seq >= total) {
      err = "record seq " + num(r.seq) + " out of range";
      return false;
    }
    if (!(r.flags & kFlagDuplicate) && seen[r.seq]++) {
      err = "seq " + num(r.seq) + " recorded twice without the duplicate flag";
      return false;
    }
  }
  if (static_cast<uint64_t>(std::count(seen.begin(), seen.end(), 1)) != s2.delivered) {
    err = "distinct seqs in records != delivered";
    return false;
  }
  return true;
}

// t_recv minus the given stamp, over the burst's own first arrivals after the warm-up.
std::vector<uint64_t> since(const BurstResult& b, uint64_t warmup, uint64_t Record::*stamp) {
  std::vector<uint64_t> v;
  v.reserve(b.records.size());
  for (const Record& r : b.records)
    if (r.seq >= warmup && !(r.flags & (kFlagDuplicate | kFlagInjected))) v.push_back(r.t_recv_ns - r.*stamp);
  return v;
}

std::vector<uint64_t> open_loop(const BurstResult& b, uint64_t warmup) { return since(b, warmup, &Record::t_sched_ns); }
std::vector<uint64_t> service(const BurstResult& b, uint64_t warmup) { return since(b, warmup, &Record::t_send_ns); }

// A sim host of the scenario's own, its sockets in a fresh directory.
struct OwnHost {
  std::string dir = make_temp_dir();
  SimHostProcess h;
  bool start(const RunArgs& a, const std::vector<std::string>& drivers, std::string& err) {
    return h.start(a.rig.simhost, kToken, dir, drivers, err);
  }
  std::string sock(const char* instance) const { return dir + "/" + instance + ".sock"; }
  // Once the host has quit and removed its sockets: the pass line.
  int pass(const char* scenario) const {
    rmdir(dir.c_str());
    return passed(scenario);
  }
};

// Connects to an instance and opens it with the rig's token; false unless kIOReturnSuccess.
bool open_with_token(SimConnection& c, const std::string& sock, Reply& r) {
  return c.connect(sock) && c.open(kToken, r) && r.status == ior::Success;
}

uint64_t mono_ms() {
  timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return static_cast<uint64_t>(ts.tv_sec) * 1000 + static_cast<uint64_t>(ts.tv_nsec) / 1000000;
}

}  // namespace

int scenario_run(const RunArgs& a) {
  Rig rig;
  std::string err;
  BurstResult b;
  if (!rig.setup(a.rig, err)) return fail("setup: " + err);
  if (!rig.burst(a.count, a.rate, a.warmup, b, err)) return fail("burst: " + err);
  if (!account(b, a.count + a.warmup, 0, 0, err)) return fail(err);
  const Pct ol = percentiles(open_loop(b, a.warmup));
  const Pct sv = percentiles(service(b, a.warmup));
  if (!rig.teardown(err)) return fail("teardown: " + err);
  std::printf(
      "{\"topology\":\"%s\",\"doorbell\":\"%s\",\"count\":%llu,\"warmup\":%llu,\"rate_hz\":%llu,\"seconds\":%.2f,"
      "\"sent\":%llu,\"delivered\":%llu,\"dropped\":%llu,\"duplicated\":%llu,\"out_of_order\":%llu,"
      "\"unexplained\":0,\"open_loop\":%s,\"service\":%s}\n",
      topology_name(rig.topology()), a.rig.topology == "shared-ring" ? a.rig.doorbell.c_str() : "n/a",
      static_cast<unsigned long long>(a.count), static_cast<unsigned long long>(a.warmup),
      static_cast<unsigned long long>(a.rate), b.seconds, static_cast<unsigned long long>(b.d1.sent),
      static_cast<unsigned long long>(b.d2.delivered), static_cast<unsigned long long>(b.d1.dropped),
      static_cast<unsigned long long>(b.d2.duplicated), static_cast<unsigned long long>(b.d2.out_of_order),
      pct_json(ol).c_str(), pct_json(sv).c_str());
  return 0;
}

int scenario_faults(const RunArgs& a) {
  RigOptions o = a.rig;
  Rig rig;
  std::string err;
  Reply r;
  BurstResult b;
  if (!rig.setup(o, err)) return fail("setup: " + err);
  // Drop every 10th at Driver1: counted dropped, nothing unexplained.
  if (!rig.d1().call(kSelSetFault, {1, 10}, nullptr, 0, r) || r.status) return fail("SetFault drop");
  if (!rig.burst(1000, 20000, 0, b, err) || !account(b, 1000, 100, 0, err)) return fail("drop fault: " + err);
  if (!rig.d2().call(kSelSetFault, {1, 10}, nullptr, 0, r) || r.status != ior::Unsupported)
    return fail("SetFault drop on Driver2 should be kIOReturnUnsupported");
  // Duplicate every 10th: flagged and counted on both sides.
  if (!rig.d1().call(kSelSetFault, {5, 10}, nullptr, 0, r) || r.status) return fail("SetFault dup");
  if (!rig.burst(1000, 20000, 0, b, err) || !account(b, 1000, 0, 100, err)) return fail("dup fault: " + err);
  // 300 us per hop shows up in open-loop latency.
  if (!rig.d1().call(kSelSetFault, {2, 300000}, nullptr, 0, r) || r.status) return fail("SetFault delay");
  if (!rig.burst(200, 2000, 0, b, err) || !account(b, 200, 0, 0, err)) return fail("delay fault: " + err);
  if (percentiles(open_loop(b, 0)).p50 < 300000) return fail("delay fault not visible in latency");
  // Injected report: its own seq, flagged injected.
  if (!rig.d1().call(kSelSetFault, {0, 0}, nullptr, 0, r) || r.status) return fail("SetFault clear");
  const uint8_t kb[9] = {1, 0, 0, 4, 0, 0, 0, 0, 0};
  if (!rig.d1().call(kSelInjectReport, {}, kb, sizeof kb, r) || r.status || r.n != 1) return fail("InjectReport");
  // Hang: the user client stops answering for 300 ms.
  if (!rig.d2().call(kSelSetFault, {3, 300}, nullptr, 0, r) || r.status) return fail("SetFault hang");
  const uint64_t t0 = mono_ms();
  if (!rig.d2().call(kSelReadCounters, {}, nullptr, 0, r) || r.status) return fail("ReadCounters after hang");
  if (mono_ms() - t0 < 250) return fail("hang fault did not delay the reply");
  if (!rig.d2().call(kSelSetFault, {0, 0}, nullptr, 0, r) || r.status) return fail("clear hang");
  // Crash after 5 messages: the host dies, and still leaves no shm objects behind.
  const pid_t pid = rig.host1().pid();
  if (!rig.d1().call(kSelSetFault, {4, 5}, nullptr, 0, r) || r.status) return fail("SetFault crash");
  if (!rig.d1().call(kSelStartBurst, {100, 1000, 0}, nullptr, 0, r) || r.status) return fail("StartBurst crash");
  if (rig.host1().stop(0, 5000) != -1) return fail("crash fault: host did not abort");
  if (!shm_objects_of(pid).empty()) return fail("crash fault left shm objects");
  return passed("faults");
}

int scenario_entitlement(const RunArgs& a) {
  OwnHost host;
  std::string err;
  if (!host.start(a, {"driver1:d1", "driver2:d2"}, err)) return fail(err);
  Reply r;
  {
    SimConnection c;
    if (!c.connect(host.sock("d2")) || !c.open("not-the-entitlement", r)) return fail("open with bad token: no reply");
    if (r.status != ior::NotPermitted) return fail(std::string("bad token got ") + ioret_name(r.status));
    if (!c.wait_closed(2000)) return fail("connection not closed after bad token");
  }
  {
    SimConnection c;
    if (!c.connect(host.sock("d2")) || !c.call(kSelReadCounters, {}, nullptr, 0, r)) return fail("call before open: no reply");
    if (r.status != ior::NotOpen) return fail(std::string("call before open got ") + ioret_name(r.status));
    if (!c.wait_closed(2000)) return fail("connection not closed after call before open");
  }
  {
    SimConnection c;
    const uint8_t zero_len[4] = {0, 0, 0, 0};
    if (!open_with_token(c, host.sock("d1"), r)) return fail("good open");
    if (c.raw(zero_len, sizeof zero_len, r)) return fail("malformed frame was answered");
  }
  SimConnection c1, c2;
  if (!open_with_token(c1, host.sock("d1"), r)) return fail("open d1");
  if (!open_with_token(c2, host.sock("d2"), r)) return fail("open d2");
  struct Case {
    SimConnection* c;
    uint32_t sel;
    IoRet want;
    const char* what;
  } cases[] = {
      {&c1, 99, ior::BadArgument, "unknown selector"},
      {&c2, kSelStartBurst, ior::BadArgument, "StartBurst without scalars on d2"},
      {&c1, kSelRegisterCompletion, ior::BadArgument, "RegisterCompletion without completion"},
      {&c2, kSelStopBurst, ior::Unsupported, "StopBurst on Driver2"},
      {&c1, kSelGetFeatureReport, ior::Unsupported, "GetFeatureReport on Driver1"},
  };
  for (const Case& k : cases)
    if (!k.c->call(k.sel, {}, nullptr, 0, r) || r.status != k.want)
      return fail(std::string(k.what) + " got " + ioret_name(r.status));
  if (!c1.call(kSelStartBurst, {10, 1000, 0}, nullptr, 0, r) || r.status != ior::NotReady) return fail("StartBurst before Configure");
  if (!c2.map(2, r) || r.status != ior::NotReady) return fail("map 2 before MapSharedRing");
  if (!c1.map(1, r) || r.status != ior::Unsupported) return fail("map 1 on Driver1");
  if (!c1.open(kToken, r) || r.status != ior::Busy) return fail("second open");
  c1.close();
  c2.close();
  host.h.send_line("quit");
  if (host.h.stop(0, 5000) != 0) return fail("host did not quit cleanly");
  return host.pass("entitlement");
}

int scenario_sigterm(const RunArgs& a) {
  OwnHost host;
  std::string err;
  if (!host.start(a, {"driver1:d1", "driver2:d2"}, err)) return fail(err);
  const pid_t pid = host.h.pid();
  Reply r;
  SimConnection c1, c2;
  if (!open_with_token(c1, host.sock("d1"), r)) return fail("open d1");
  if (!open_with_token(c2, host.sock("d2"), r)) return fail("open d2");
  if (!c2.call(kSelMapSharedRing, {1024}, nullptr, 0, r) || r.status) return fail("MapSharedRing");
  if (!c1.call(kSelConfigure, {1, 8, 0, 0}, nullptr, 0, r) || r.status) return fail("Configure one-process");
  // A burst still running when the signal comes must not block the exit.
  if (!c1.call(kSelStartBurst, {1000000, 1000, 0}, nullptr, 0, r) || r.status) return fail("StartBurst");
#ifdef __linux__
  if (shm_objects_of(pid).size() != 2) return fail("expected 2 shm objects before SIGTERM");
#endif
  const int code = host.h.stop(SIGTERM, 5000);
  if (code != 0) return fail("SIGTERM exit code " + std::to_string(code));
  if (!shm_objects_of(pid).empty()) return fail("shm objects left after SIGTERM");
  struct stat st;
  if (stat(host.sock("d1").c_str(), &st) == 0 || stat(host.sock("d2").c_str(), &st) == 0)
    return fail("socket files left after SIGTERM");
  return host.pass("sigterm");
}

int scenario_control(const RunArgs& a) {
  OwnHost host;
  SimHostProcess& h = host.h;
  std::string err, line;
  if (!host.start(a, {"driver1:d1"}, err)) return fail(err);
  Reply r;
  SimConnection c1;
  if (!open_with_token(c1, host.sock("d1"), r)) return fail("open d1");
  if (!c1.call(kSelConfigure, {1, 8, 0, 0}, nullptr, 0, r) || r.status != ior::Unsupported)
    return fail("one-process without a peer should be kIOReturnUnsupported");
  h.send_line("add driver2 d2");
  if (!h.read_event(line, 5000) || json_field(line, "event") != "added" || json_field(line, "instance") != "d2")
    return fail("no added event: " + line);
  if (!c1.call(kSelOpenSession, {1}, nullptr, 0, r) || r.status || r.s[3] != 1) return fail("peer not present after add");
  if (!c1.call(kSelConfigure, {1, 8, 0, 0}, nullptr, 0, r) || r.status) return fail("Configure one-process after add");
  h.send_line("add driver2 d2");
  if (!h.read_event(line, 5000) || json_field(line, "event") != "error") return fail("duplicate add: " + line);
  h.send_line("remove d2");
  if (!h.read_event(line, 5000) || json_field(line, "event") != "removed") return fail("no removed event: " + line);
  const uint8_t rep[1] = {1};
  if (!c1.call(kSelInjectReport, {}, rep, 1, r) || r.status != ior::Offline) return fail("inject after peer removal");
  if (!c1.call(kSelReadCounters, {}, nullptr, 0, r) || r.s[0] != 1 || r.s[2] != 1) return fail("lost inject not counted");
  h.send_line("quit");
  if (!h.read_event(line, 5000) || json_field(line, "reason") != "quit") return fail("no exit event: " + line);
  if (h.stop(0, 5000) != 0) return fail("quit exit code");
  return host.pass("control");
}

}  // namespace hil
