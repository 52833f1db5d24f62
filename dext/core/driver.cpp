#include "driver.h"

#include <algorithm>

#include "driver2.h"

namespace hil {

DriverInstance::DriverInstance(Role role, IPlatform& p, Process& proc, std::string name, uint64_t id)
    : p_(p), proc_(proc), role_(role), name_(std::move(name)), id_(id) {}

bool DriverInstance::peer_present() const {
  return proc_.has_role(role_ == Role::Driver1 ? Role::Driver2 : Role::Driver1);
}

IoRet DriverInstance::configure(uint64_t topology, uint64_t report_len, uint64_t doorbell,
                                uint64_t reserved) {
  if (topology >= kTopologyCount || report_len < 1 || report_len > kMaxReportLen || doorbell > 1 ||
      reserved != 0)
    return ior::BadArgument;
  // one-process means a direct call, which only exists when the peer shares the process.
  if (static_cast<Topology>(topology) == Topology::OneProcess && !peer_present())
    return ior::Unsupported;
  topology_.store(static_cast<uint32_t>(topology));
  report_len_.store(static_cast<uint32_t>(report_len));
  doorbell_.store(static_cast<uint32_t>(doorbell));
  configured_.store(true, std::memory_order_release);
  return ior::Success;
}

IoRet DriverInstance::set_fault(uint64_t kind, uint64_t param) {
  if (kind >= kFaultKinds) return ior::BadArgument;
  const auto k = static_cast<FaultKind>(kind);
  if ((k == FaultKind::DropNth || k == FaultKind::DuplicateNth) && param == 0) return ior::BadArgument;
  // Bounded so a typo cannot wedge a sender or a user client for ever.
  if ((k == FaultKind::Delay && param > kMaxDelayNs) || (k == FaultKind::Hang && param > kMaxHangMs))
    return ior::BadArgument;
  if (k == FaultKind::Crash && param == 0) p_.abort_process("SetFault crash now");
  fault_param_.store(param);
  crash_left_.store(k == FaultKind::Crash ? param : 0);
  hang_until_.store(k == FaultKind::Hang ? p_.now_ns() + param * 1000000ull : 0);
  fault_kind_.store(static_cast<uint32_t>(kind));
  return ior::Success;
}

void DriverInstance::wait_out_hang() {
  const uint64_t until = hang_until_.load(std::memory_order_relaxed);
  if (until && p_.now_ns() < until) p_.sleep_until_ns(until);
}

bool DriverInstance::nth(uint64_t index) const {
  const uint64_t n = fault_param_.load(std::memory_order_relaxed);
  return n && index % n == 0;
}

void DriverInstance::apply_delay() {
  if (static_cast<FaultKind>(fault_kind_.load(std::memory_order_relaxed)) != FaultKind::Delay) return;
  const uint64_t until = p_.now_ns() + fault_param_.load(std::memory_order_relaxed);
  // Sleeping would add the scheduler's wake-up error to the injected delay; spin short ones.
  if (fault_param_.load(std::memory_order_relaxed) > 100000) p_.sleep_until_ns(until);
  while (p_.now_ns() < until) p_.cpu_relax();
}

void DriverInstance::count_toward_crash() {
  if (static_cast<FaultKind>(fault_kind_.load(std::memory_order_relaxed)) != FaultKind::Crash) return;
  const uint64_t left = crash_left_.load(std::memory_order_relaxed);
  if (left <= 1) p_.abort_process("SetFault crash after N messages");
  crash_left_.store(left - 1, std::memory_order_relaxed);
}

void Process::add(const std::shared_ptr<DriverInstance>& d) {
  LockGuard g(lock_);
  list_.push_back(d);
}

void Process::remove(const DriverInstance* d) {
  LockGuard g(lock_);
  list_.erase(std::remove_if(list_.begin(), list_.end(), [d](const auto& x) { return x.get() == d; }),
              list_.end());
}

std::shared_ptr<Driver2> Process::find_driver2() {
  LockGuard g(lock_);
  for (auto& d : list_)
    if (d->role() == Role::Driver2) return std::static_pointer_cast<Driver2>(d);
  return nullptr;
}

std::shared_ptr<DriverInstance> Process::find(const DriverInstance* d) {
  LockGuard g(lock_);
  for (auto& x : list_)
    if (x.get() == d) return x;
  return nullptr;
}

bool Process::has_role(Role r) {
  LockGuard g(lock_);
  for (auto& d : list_)
    if (d->role() == r) return true;
  return false;
}

// macOS refuses a shm name over PSHMNAMLEN = 31 characters (ENAMETOOLONG), and an instance
// name may hold 32 (simhost/host.cpp). A name that would not fit keeps the instance's head
// and an FNV-1a hash of the whole instance, so it stays unique per process and readable.
std::string shm_name(uint32_t pid, const std::string& instance, uint32_t type) {
  const std::string head = "/hil-" + std::to_string(pid) + "-";
  const std::string tail = "-" + std::to_string(type);
  if (head.size() + instance.size() + tail.size() <= kShmNameMax) return head + instance + tail;
  uint32_t h = 2166136261u;
  for (const unsigned char c : instance) h = (h ^ c) * 16777619u;
  static const char kHex[] = "0123456789abcdef";
  std::string hash = "~";
  for (int shift = 28; shift >= 0; shift -= 4) hash += kHex[(h >> shift) & 0xF];
  const size_t fixed = head.size() + hash.size() + tail.size();
  const size_t room = fixed < kShmNameMax ? kShmNameMax - fixed : 0;
  std::string name = head + instance.substr(0, room) + hash + tail;
  // Only a pid and memory type far past any real one get here; a cut name still opens.
  if (name.size() > kShmNameMax) name.resize(kShmNameMax);
  return name;
}

}  // namespace hil
