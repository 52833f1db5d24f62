#include "user_client.h"

namespace hil {

UserClient::UserClient(std::shared_ptr<DriverInstance> inst, std::shared_ptr<ICompletionSink> sink)
    : inst_(std::move(inst)), sink_(std::move(sink)) {}

UserClient::~UserClient() {
  // A completion registered by this client must not outlive it (the OSAction is released
  // with the client on DriverKit; the socket is gone in the sim).
  if (Driver1* d = d1()) d->unregister_completion(sink_.get());
}

IoRet UserClient::external_method(MethodArgs& a) {
  inst_->wait_out_hang();
  return kit_external_method(*this, a);
}

IoRet UserClient::copy_client_memory(uint32_t type, ISharedMemory*& mem) {
  inst_->wait_out_hang();
  mem = nullptr;
  Driver2* d = d2();
  if (!d || (type != 1 && type != 2)) return ior::Unsupported;
  mem = d->memory(type);
  // The message ring exists only after MapSharedRing chose its capacity.
  return mem ? ior::Success : ior::NotReady;
}

}  // namespace hil
