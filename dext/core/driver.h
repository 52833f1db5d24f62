// Driver instances: the logic of Driver1 (event service, the sender) and Driver2
// (virtual device, the receiver) for all three topologies, independent of how the host
// delivers calls to them.
#pragma once
#include <atomic>
#include <cstdint>
#include <memory>
#include <string>

#include "counters.h"
#include "format.h"
#include "kit_target.h"
#include "lock.h"
#include "platform.h"

namespace hil {

enum class FaultKind : uint32_t { None = 0, DropNth = 1, Delay = 2, Hang = 3, Crash = 4, DuplicateNth = 5 };
constexpr uint32_t kFaultKinds = 6;
constexpr uint32_t kDoorbellSpin = 0, kDoorbellWait = 1;
constexpr uint64_t kMaxDelayNs = 1000000000ull;  // fault 2: at most 1 s per hop
constexpr uint64_t kMaxHangMs = 600000;          // fault 3: at most 10 min
constexpr uint64_t kRecordRingCapacity = 1u << 18;  // 10 MiB; ~13 s of a 20 kHz burst

class Process;

// How Driver1 reaches Driver2 in one process: a plain virtual call (hil-floor times
// exactly this interface as the in-process floor).
class IMessageSink {
 public:
  virtual ~IMessageSink() = default;
  // A message with prime_only set is a dry run (Driver1's Primer): stamp, then return.
  [[nodiscard]] virtual IoRet deliver(const Message& m, Topology via) = 0;
};

class DriverInstance {
 public:
  DriverInstance(Role role, IPlatform& p, Process& proc, std::string name, uint64_t id);
  virtual ~DriverInstance() = default;
  DriverInstance(const DriverInstance&) = delete;
  DriverInstance& operator=(const DriverInstance&) = delete;

  Role role() const { return role_; }
  const std::string& name() const { return name_; }
  uint64_t id() const { return id_; }
  IPlatform& platform() { return p_; }
  Process& process() { return proc_; }
  bool peer_present() const;

  [[nodiscard]] virtual IoRet configure(uint64_t topology, uint64_t report_len, uint64_t doorbell, uint64_t reserved);
  [[nodiscard]] virtual IoRet set_fault(uint64_t kind, uint64_t param);
  virtual CountersSnapshot read_counters() { return counters_.snapshot(false); }
  virtual void reset_counters() { counters_.reset(); }
  // Stops threads and refuses further traffic; called before the host drops the instance.
  virtual void shutdown() { offline_.store(true); }
  // Requests wait here while a hang fault is active (PROTOCOL.md §4 fault 3).
  void wait_out_hang();

  uint32_t doorbell_mode() const { return doorbell_.load(std::memory_order_relaxed); }
  bool configured() const { return configured_.load(std::memory_order_acquire); }
  Topology topology() const { return static_cast<Topology>(topology_.load(std::memory_order_relaxed)); }

 protected:
  // Per-message fault hooks on the hot path; return false if the message is dropped.
  void apply_delay();
  void count_toward_crash();
  bool nth(uint64_t index) const;

  IPlatform& p_;
  Process& proc_;
  Counters counters_;
  std::atomic<bool> offline_{false};
  std::atomic<bool> configured_{false};
  std::atomic<uint32_t> topology_{0}, report_len_{8}, doorbell_{kDoorbellSpin};
  std::atomic<uint32_t> fault_kind_{0};
  std::atomic<uint64_t> fault_param_{0};
  std::atomic<uint64_t> crash_left_{0};
  std::atomic<uint64_t> hang_until_{0};

 private:
  Role role_;
  std::string name_;
  uint64_t id_;
};

}  // namespace hil
