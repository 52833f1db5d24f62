// Keyflip: a small product-like dext built only from the probe kit and its own code. Its
// Driver1 (KeyflipSource, an event service) scrambles each input report with the device's
// flip mask and hands it to its Driver2 (KeyflipDevice, a virtual keyboard) in the same
// process, which unscrambles it, checks the frame's checksum and posts the report. The
// kit's hooks sit where a team would put them: Departures as the frame leaves, Arrivals as
// it arrives, the kit's selectors forwarded from base kKitBase, the burst on the dext's
// own queue. One topology: one-process.
#pragma once
#include <atomic>
#include <cstdint>

#include "burst.h"
#include "kit_target.h"
#include "method_table.h"
#include "stamps.h"

namespace keyflip {

using hil::IoRet;

// Keyflip's own selectors come first; the kit's 16 start here (the rig file names it).
constexpr uint64_t kKitBase = 0x40;
constexpr uint64_t kSelSetFlipMask = 0;  // scalar: the mask (0..255)

// Where the dext runs work off the caller's thread (a dispatch queue on DriverKit).
class Queue {
 public:
  virtual bool run(void (*fn)(void*), void* ctx) = 0;  // false if it cannot
  virtual void wait_idle() = 0;                         // until the last run() returned

 protected:
  ~Queue() = default;
};

// What ends the dext's process on request: abort on DriverKit (the kernel sees the dext die);
// on the sim the host's abort, which first removes its shm objects and sockets.
class Crash {
 public:
  [[noreturn]] virtual void now(const char* why) = 0;

 protected:
  ~Crash() = default;
};

// Keyflip's one fault, kind 4 of PROTOCOL.md: the process aborts now (N = 0) or after N more
// frames through this driver. 0 clears; the other kinds are the probe's and answer Unsupported.
class CrashFault {
 public:
  explicit CrashFault(Crash* crash) : crash_(crash) {}  // null: no crash on request (Unsupported)
  IoRet set(uint64_t kind, uint64_t frames);
  void count();  // one frame through this driver

 private:
  Crash* crash_;
  std::atomic<uint64_t> left_{0};
};

// What travels from KeyflipSource to KeyflipDevice: Keyflip's own frame, not the kit's.
struct FlipFrame {
  hil::Message stamp;  // seq and times only: the report travels scrambled in bytes
  uint8_t bytes[hil::kMaxReportLen];
  uint8_t len;
  uint8_t mask;
  uint8_t checksum;
};

class KeyflipDevice;

class KeyflipSource : public hil::KitTarget, private hil::Primer {
 public:
  KeyflipSource(hil::KitPlatform& p, Queue& q, Crash* crash = nullptr) : p_(p), q_(q), departures_(counters_), fault_(crash) {}
  void attach(KeyflipDevice* device) { device_ = device; }
  uint8_t mask() const { return mask_.load(std::memory_order_relaxed); }

  // Keyflip's user client: its own selectors, then the kit's range.
  IoRet external_method(uint64_t selector, hil::MethodArgs& a);

  hil::Role role() override { return hil::Role::Driver1; }
  uint32_t process_id() override { return 1; }
  uint64_t instance_id() override { return 1; }
  bool peer_present() override { return device_ != nullptr; }
  IoRet configure(uint64_t topology, uint64_t report_len, uint64_t doorbell, uint64_t reserved) override;
  IoRet set_fault(uint64_t kind, uint64_t param) override;
  hil::CountersSnapshot read_counters() override { return counters_.snapshot(busy_.load()); }
  void reset_counters() override { counters_.reset(); }
  IoRet start_burst(uint64_t count, uint64_t rate_hz, uint64_t warmup) override;
  uint64_t stop_burst() override;
  IoRet inject(const uint8_t* report, uint32_t len, uint64_t& seq) override;

 private:
  static void burst_entry(void* self);
  void prime() override;
  IoRet hand_off(const uint8_t* report, uint32_t len, uint64_t t_sched, uint64_t* seq_out);

  hil::KitPlatform& p_;
  Queue& q_;
  KeyflipDevice* device_ = nullptr;
  hil::Counters counters_;
  hil::Departures departures_;
  CrashFault fault_;
  std::atomic<uint8_t> mask_{0x5A};
  std::atomic<bool> configured_{false}, busy_{false}, stop_{false};
  std::atomic<uint32_t> report_len_{8};
  std::atomic<uint64_t> burst_total_{0}, burst_rate_{0}, burst_sent_{0};
  std::atomic_flag sending_ = ATOMIC_FLAG_INIT;  // one sender: the burst or an injection
};

class KeyflipDevice : public hil::KitTarget {
 public:
  explicit KeyflipDevice(hil::KitPlatform& p, Crash* crash = nullptr) : p_(p), arrivals_(counters_), fault_(crash) {}
  // The record ring's memory, from the dext (CopyClientMemoryForType type 1 returns it).
  bool start(void* record_mem, uint64_t size, uint64_t capacity);
  // KeyflipSource's hand-off; false if the frame's checksum does not hold.
  bool receive(const FlipFrame& f);
  void warm(const FlipFrame& f);  // the primer's dry run: stamp, then nothing

  IoRet external_method(uint64_t selector, hil::MethodArgs& a);

  hil::Role role() override { return hil::Role::Driver2; }
  uint32_t process_id() override { return 1; }
  uint64_t instance_id() override { return 2; }
  bool peer_present() override { return true; }
  IoRet configure(uint64_t topology, uint64_t report_len, uint64_t doorbell, uint64_t reserved) override;
  IoRet set_fault(uint64_t kind, uint64_t param) override { return fault_.set(kind, param); }
  hil::CountersSnapshot read_counters() override { return counters_.snapshot(false); }
  void reset_counters() override { counters_.reset(); }
  IoRet map_record_ring(uint64_t& size, uint64_t& capacity) override;
  uint32_t last_report(uint64_t& seq, uint8_t* out, uint32_t cap) override;

 private:
  hil::KitPlatform& p_;
  hil::Counters counters_;
  hil::Arrivals arrivals_;
  CrashFault fault_;
  uint64_t ring_size_ = 0, ring_capacity_ = 0;
  std::atomic_flag receiving_ = ATOMIC_FLAG_INIT;
  uint64_t last_seq_ = 0;
  uint8_t last_[hil::kMaxReportLen] = {};
  uint32_t last_len_ = 0;
};

}  // namespace keyflip
