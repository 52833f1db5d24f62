// A user client bound to one driver instance: what ExternalMethod and
// CopyClientMemoryForType do, minus the transport (DriverKit RPC or the sim socket). The
// probe is the kit's first user: this is its KitTarget, and the kit's method table answers
// the selectors.
#pragma once
#include <memory>

#include "driver1.h"
#include "driver2.h"
#include "method_table.h"

namespace hil {

class UserClient : public KitTarget {
 public:
  // sink: where this client's async completions go (its connection / OSAction owner).
  UserClient(std::shared_ptr<DriverInstance> inst, std::shared_ptr<ICompletionSink> sink);
  ~UserClient() override;
  UserClient(const UserClient&) = delete;
  UserClient& operator=(const UserClient&) = delete;

  [[nodiscard]] IoRet external_method(MethodArgs& a);
  // memoryType 1 record ring, 2 message ring (Driver2 only).
  [[nodiscard]] IoRet copy_client_memory(uint32_t type, ISharedMemory*& mem);

  DriverInstance& instance() { return *inst_; }
  const std::shared_ptr<ICompletionSink>& sink() { return sink_; }

  // KitTarget: the role check in the kit's table runs first, so d1()/d2() are not null here.
  Role role() override { return inst_->role(); }
  uint32_t process_id() override { return inst_->platform().process_id(); }
  uint64_t instance_id() override { return inst_->id(); }
  bool peer_present() override { return inst_->peer_present(); }
  [[nodiscard]] IoRet configure(uint64_t topology, uint64_t report_len, uint64_t doorbell, uint64_t reserved) override {
    return inst_->configure(topology, report_len, doorbell, reserved);
  }
  [[nodiscard]] IoRet set_fault(uint64_t kind, uint64_t param) override { return inst_->set_fault(kind, param); }
  CountersSnapshot read_counters() override { return inst_->read_counters(); }
  void reset_counters() override { inst_->reset_counters(); }
  [[nodiscard]] IoRet start_burst(uint64_t count, uint64_t rate_hz, uint64_t warmup) override {
    return d1()->start_burst(count, rate_hz, warmup);
  }
  uint64_t stop_burst() override { return d1()->stop_burst(); }
  [[nodiscard]] IoRet inject(const uint8_t* report, uint32_t len, uint64_t& seq) override {
    return d1()->inject(report, len, seq);
  }
  [[nodiscard]] IoRet register_completion(uint32_t ref) override { return d1()->register_completion(sink_, ref); }
  [[nodiscard]] IoRet hand_over_ring(uint64_t capacity, const uint8_t* name, uint32_t len) override {
    return d1()->hand_over_ring(capacity, name, len);
  }
  [[nodiscard]] IoRet map_record_ring(uint64_t& size, uint64_t& capacity) override {
    return d2()->map_record_ring(size, capacity);
  }
  [[nodiscard]] IoRet set_feature(const uint8_t* data, uint32_t len) override { return d2()->set_feature(data, len); }
  uint32_t get_feature(uint8_t* out, uint32_t cap) override { return d2()->get_feature(out, cap); }
  [[nodiscard]] IoRet deliver_encoded(const uint8_t* msg, uint32_t len) override {
    return d2()->deliver_encoded(msg, len);
  }
  [[nodiscard]] IoRet map_shared_ring(uint64_t capacity, uint64_t& size) override {
    return d2()->map_shared_ring(capacity, size);
  }
  uint32_t last_report(uint64_t& seq, uint8_t* out, uint32_t cap) override { return d2()->last_report(seq, out, cap); }

 private:
  Driver1* d1() { return inst_->role() == Role::Driver1 ? static_cast<Driver1*>(inst_.get()) : nullptr; }
  Driver2* d2() { return inst_->role() == Role::Driver2 ? static_cast<Driver2*>(inst_.get()) : nullptr; }

  std::shared_ptr<DriverInstance> inst_;
  std::shared_ptr<ICompletionSink> sink_;
};

}  // namespace hil
