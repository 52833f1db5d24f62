// What the kit's selectors act on: one driver instance of the team's dext, seen through
// the operations PROTOCOL.md §4 names. The team's user client implements it (the probe's
// core/user_client.h does); every operation a role does not have keeps its default, which
// the method table never reaches because it checks the role first.
#pragma once
#include <cstdint>

#include "counters.h"
#include "ioreturn.h"

namespace hil {

enum class Role : uint32_t { Driver1 = 1, Driver2 = 2 };

class KitTarget {
 public:
  virtual ~KitTarget() = default;

  // Both roles.
  virtual Role role() = 0;
  virtual uint32_t process_id() = 0;
  virtual uint64_t instance_id() = 0;
  virtual bool peer_present() = 0;  // the other role lives in this process (one-process)
  [[nodiscard]] virtual IoRet configure(uint64_t topology, uint64_t report_len, uint64_t doorbell, uint64_t reserved) = 0;
  [[nodiscard]] virtual IoRet set_fault(uint64_t kind, uint64_t param) = 0;
  virtual CountersSnapshot read_counters() = 0;
  virtual void reset_counters() = 0;

  // Driver1: the sender.
  [[nodiscard]] virtual IoRet start_burst(uint64_t /*count*/, uint64_t /*rate_hz*/, uint64_t /*warmup*/) { return ior::Unsupported; }
  virtual uint64_t stop_burst() { return 0; }
  [[nodiscard]] virtual IoRet inject(const uint8_t* /*report*/, uint32_t /*len*/, uint64_t& /*seq*/) { return ior::Unsupported; }
  [[nodiscard]] virtual IoRet register_completion(uint32_t /*ref*/) { return ior::Unsupported; }
  [[nodiscard]] virtual IoRet hand_over_ring(uint64_t /*capacity*/, const uint8_t* /*name*/, uint32_t /*len*/) { return ior::Unsupported; }

  // Driver2: the receiver.
  [[nodiscard]] virtual IoRet map_record_ring(uint64_t& /*size*/, uint64_t& /*capacity*/) { return ior::Unsupported; }
  [[nodiscard]] virtual IoRet set_feature(const uint8_t* /*data*/, uint32_t /*len*/) { return ior::Unsupported; }
  virtual uint32_t get_feature(uint8_t* /*out*/, uint32_t /*cap*/) { return 0; }
  [[nodiscard]] virtual IoRet deliver_encoded(const uint8_t* /*msg*/, uint32_t /*len*/) { return ior::Unsupported; }
  [[nodiscard]] virtual IoRet map_shared_ring(uint64_t /*capacity*/, uint64_t& /*size*/) { return ior::Unsupported; }
  virtual uint32_t last_report(uint64_t& /*seq*/, uint8_t* /*out*/, uint32_t /*cap*/) { return 0; }
};

}  // namespace hil
