// A user client bound to one driver instance: what ExternalMethod and
// CopyClientMemoryForType do, minus the transport (DriverKit RPC or the sim socket).
#pragma once
#include <memory>

#include "driver1.h"
#include "driver2.h"
#include "method_table.h"

namespace hil {

class UserClient {
 public:
  // sink: where this client's async completions go (its connection / OSAction owner).
  UserClient(std::shared_ptr<DriverInstance> inst, std::shared_ptr<ICompletionSink> sink);
  ~UserClient();
  UserClient(const UserClient&) = delete;
  UserClient& operator=(const UserClient&) = delete;

  [[nodiscard]] IoRet external_method(MethodArgs& a);
  // memoryType 1 record ring, 2 message ring (Driver2 only).
  [[nodiscard]] IoRet copy_client_memory(uint32_t type, ISharedMemory*& mem);

  DriverInstance& instance() { return *inst_; }
  Driver1* d1() { return inst_->role() == Role::Driver1 ? static_cast<Driver1*>(inst_.get()) : nullptr; }
  Driver2* d2() { return inst_->role() == Role::Driver2 ? static_cast<Driver2*>(inst_.get()) : nullptr; }
  const std::shared_ptr<ICompletionSink>& sink() { return sink_; }

 private:
  std::shared_ptr<DriverInstance> inst_;
  std::shared_ptr<ICompletionSink> sink_;
};

}  // namespace hil
