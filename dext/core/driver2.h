#pragma once
#include <string>
#include <vector>

#include "driver.h"
#include "spsc_ring.h"
#include "stamps.h"

namespace hil {

class Driver2 : public DriverInstance, public IMessageSink {
 public:
  Driver2(IPlatform& p, Process& proc, std::string name, uint64_t id,
          uint64_t record_capacity = kRecordRingCapacity);
  ~Driver2() override { shutdown(); }

  [[nodiscard]] IoRet configure(uint64_t topology, uint64_t report_len, uint64_t doorbell, uint64_t reserved) override;
  [[nodiscard]] IoRet set_fault(uint64_t kind, uint64_t param) override;
  void shutdown() override;

  [[nodiscard]] IoRet deliver(const Message& m, Topology via) override;
  // For a caller that saw the message arrive earlier than it could call (the ring consumer).
  [[nodiscard]] IoRet deliver_stamped(const Message& m, Topology via, uint64_t t_recv);
  [[nodiscard]] IoRet deliver_encoded(const uint8_t* msg, uint32_t len);  // DeliverMessage (app-relay)
  [[nodiscard]] IoRet map_record_ring(uint64_t& size, uint64_t& capacity);
  [[nodiscard]] IoRet map_shared_ring(uint64_t capacity, uint64_t& size);
  [[nodiscard]] IoRet set_feature(const uint8_t* data, uint32_t len);
  uint32_t get_feature(uint8_t* out, uint32_t cap);
  // The last message delivered, as it arrived: lets a test check a report crossed intact.
  uint32_t last_report(uint64_t& seq, uint8_t* out, uint32_t cap);
  // For CopyClientMemoryForType / map frames: 1 record ring, 2 message ring.
  ISharedMemory* memory(uint32_t type);
  void set_report_sink(IReportSink* s) { report_sink_ = s; }

 private:
  void prime();  // a dry run's end: what the delivery after the stamp touches
  void update_consumer();
  void consume_loop();
  void stop_consumer();

  SpinLock deliver_lock_;  // arrivals from a direct call, DeliverMessage and the ring
  uint64_t record_capacity_;
  std::unique_ptr<ISharedMemory> record_mem_;
  std::unique_ptr<ISharedMemory> msg_mem_;
  RingConsumer messages_;
  std::unique_ptr<IThread> consumer_;
  std::atomic<bool> consumer_stop_{false};
  SpinLock config_lock_;  // configure / map / shutdown against each other
  uint8_t feature_[kMaxReportLen] = {};
  uint32_t feature_len_ = 0;
  uint64_t last_seq_ = 0;
  uint8_t last_report_[kMaxReportLen] = {};
  uint32_t last_report_len_ = 0;
  IReportSink* report_sink_ = nullptr;
  Arrivals arrivals_;  // the kit's arrival hook: seq tracking, counters, record ring
};

// The process's driver instances: what IOUserServerOneProcess gives a dext (peers that
// can be called directly). One per host process.
class Process {
 public:
  explicit Process(IPlatform& p) : lock_(p) {}
  void add(const std::shared_ptr<DriverInstance>& d);
  void remove(const DriverInstance* d);
  std::shared_ptr<Driver2> find_driver2();
  std::shared_ptr<DriverInstance> find(const DriverInstance* d);
  bool has_role(Role r);
  uint64_t next_id() { return ++ids_; }

 private:
  SpinLock lock_;
  std::vector<std::shared_ptr<DriverInstance>> list_;
  std::atomic<uint64_t> ids_{0};
};

// PSHMNAMLEN on macOS: the longest name shm_open takes there.
constexpr size_t kShmNameMax = 31;
// The shm object of one driver instance's memory type; at most kShmNameMax characters.
std::string shm_name(uint32_t pid, const std::string& instance, uint32_t type);

}  // namespace hil
