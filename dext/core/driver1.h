#pragma once
#include "driver.h"
#include "pacer.h"
#include "spsc_ring.h"
#include "stamps.h"

namespace hil {

class Driver2;

class Driver1 : public DriverInstance, private Primer {
 public:
  Driver1(IPlatform& p, Process& proc, std::string name, uint64_t id)
      : DriverInstance(Role::Driver1, p, proc, std::move(name), id), send_lock_(p), departures_(counters_) {}
  ~Driver1() override { shutdown(); }

  [[nodiscard]] IoRet configure(uint64_t topology, uint64_t report_len, uint64_t doorbell, uint64_t reserved) override;
  [[nodiscard]] IoRet set_fault(uint64_t kind, uint64_t param) override;
  CountersSnapshot read_counters() override { return counters_.snapshot(burst_active_.load()); }
  void shutdown() override;

  [[nodiscard]] IoRet start_burst(uint64_t count, uint64_t rate_hz, uint64_t warmup);
  uint64_t stop_burst();  // the messages the burst sent; stopping cannot fail
  [[nodiscard]] IoRet inject(const uint8_t* report, uint32_t len, uint64_t& seq);
  [[nodiscard]] IoRet register_completion(std::shared_ptr<ICompletionSink> sink, uint32_t ref);
  void unregister_completion(const ICompletionSink* sink);
  [[nodiscard]] IoRet hand_over_ring(uint64_t capacity, const uint8_t* name, uint32_t len);
  // Input reports from the matched stimulus device (DriverKit handleReport).
  void on_device_report(const uint8_t* report, uint32_t len);

 private:
  void burst_loop(uint64_t total, uint64_t rate_hz);
  void prime() override;
  [[nodiscard]] IoRet send_one(const uint8_t* report, uint32_t len, uint64_t t_sched, bool injected, uint64_t* seq);
  [[nodiscard]] IoRet forward(const Message& m);
  bool route_ready() const;
  void join_burst();

  SpinLock send_lock_;  // one sender at a time: burst thread vs InjectReport vs config
  Departures departures_;  // the kit's send-side hook: seq, sent count, t_send
  uint64_t fault_index_ = 0;  // messages since SetFault, for "every Nth"
  std::shared_ptr<ICompletionSink> completion_;
  uint32_t completion_ref_ = 0;
  std::shared_ptr<Driver2> peer_;
  std::unique_ptr<ISharedMemory> ring_mem_;
  RingProducer ring_;

  std::unique_ptr<IThread> burst_thread_;
  std::atomic<bool> burst_active_{false};
  std::atomic<bool> burst_stop_{false};
  std::atomic<uint64_t> burst_sent_{0};
};

}  // namespace hil
