// What hil-simhost hosts, independent of which dext it is: a dext's driver instances and
// the user clients opened on them. The host picks the dext by the IOUserClass the sim
// kernel read from the rig's plist (hosted_dexts.cpp), so the probe and a team's dext run
// under the same host, transport and lifecycle.
#pragma once
#include <cstdint>
#include <memory>
#include <string>

#include "kit_target.h"
#include "method_table.h"
#include "platform.h"

namespace hil {

// One open user client: ExternalMethod (a.selector as the client sent it) and
// CopyClientMemoryForType. Dropping it drops its completion registration.
class HostedClient {
 public:
  virtual ~HostedClient() = default;
  [[nodiscard]] virtual IoRet external_method(MethodArgs& a) = 0;
  [[nodiscard]] virtual IoRet copy_client_memory(uint32_t type, ISharedMemory*& mem) = 0;
};

// One driver instance (a matched personality).
class HostedDriver {
 public:
  virtual ~HostedDriver() = default;
  virtual std::unique_ptr<HostedClient> open(std::shared_ptr<ICompletionSink> sink) = 0;
  // Stops its threads and refuses further traffic; the host calls it before remove().
  virtual void shutdown() = 0;
};

// One dext's drivers in this process: how instances find each other is the dext's business.
class DextHosting {
 public:
  virtual ~DextHosting() = default;
  // A new instance of user_class in role; null and err set if this dext cannot host it.
  virtual std::shared_ptr<HostedDriver> add(Role role, const std::string& user_class, const std::string& name,
                                            std::string& err) = 0;
  virtual void remove(HostedDriver* d) = 0;
};

// A dext the sim host can run: which IOUserClass names are its own, and its hosting.
struct DextKind {
  const char* name;
  bool (*hosts)(const std::string& user_class);
  std::unique_ptr<DextHosting> (*make)(IPlatform& p);
};

// The kind whose classes include user_class; "" (no class given) is the probe. Null: none.
const DextKind* dext_kind_for(const std::string& user_class);
// The known kinds' names, for an error message.
std::string dext_kind_names();

}  // namespace hil
