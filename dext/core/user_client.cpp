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
  a.scalar_out_count = 0;
  a.struct_out_len = 0;
  const MethodSpec* spec = method_spec(a.selector);
  const uint8_t role_bit = inst_->role() == Role::Driver1 ? kRoleD1 : kRoleD2;
  const IoRet r = validate_call(spec, a, role_bit);
  if (r != ior::Success) return r;
  const IoRet out = spec->fn(*this, a);
  if (out != ior::Success) a.scalar_out_count = a.struct_out_len = 0;
  return out;
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
