// The probe dext under the sim host: core's Driver1/Driver2 sharing one core::Process (how
// the probe's one-process pair finds its peer) and core's UserClient on each connection.
#include <memory>

#include "driver1.h"
#include "hosted.h"
#include "user_client.h"

namespace hil {
namespace {

class ProbeClient : public HostedClient {
 public:
  ProbeClient(std::shared_ptr<DriverInstance> d, std::shared_ptr<ICompletionSink> sink) : uc_(std::move(d), std::move(sink)) {}
  IoRet external_method(MethodArgs& a) override { return uc_.external_method(a); }
  IoRet copy_client_memory(uint32_t type, ISharedMemory*& mem) override { return uc_.copy_client_memory(type, mem); }

 private:
  UserClient uc_;
};

class ProbeDriver : public HostedDriver {
 public:
  explicit ProbeDriver(std::shared_ptr<DriverInstance> d) : d_(std::move(d)) {}
  std::unique_ptr<HostedClient> open(std::shared_ptr<ICompletionSink> sink) override {
    return std::make_unique<ProbeClient>(d_, std::move(sink));
  }
  void shutdown() override { d_->shutdown(); }
  const DriverInstance* instance() const { return d_.get(); }

 private:
  std::shared_ptr<DriverInstance> d_;
};

class ProbeHosting : public DextHosting {
 public:
  explicit ProbeHosting(IPlatform& p) : p_(p), proc_(p) {}
  std::shared_ptr<HostedDriver> add(Role role, const std::string&, const std::string& name, std::string&) override {
    std::shared_ptr<DriverInstance> d;
    if (role == Role::Driver1)
      d = std::make_shared<Driver1>(p_, proc_, name, proc_.next_id());
    else
      d = std::make_shared<Driver2>(p_, proc_, name, proc_.next_id());
    proc_.add(d);
    return std::make_shared<ProbeDriver>(d);
  }
  void remove(HostedDriver* d) override { proc_.remove(static_cast<ProbeDriver*>(d)->instance()); }

 private:
  IPlatform& p_;
  Process proc_;
};

}  // namespace

std::unique_ptr<DextHosting> make_probe_hosting(IPlatform& p) { return std::make_unique<ProbeHosting>(p); }

}  // namespace hil
