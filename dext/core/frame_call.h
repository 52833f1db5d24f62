// The sim transport's ExternalMethod: a call or call-async frame becomes the method
// table's arguments, as IOUserClientMethodArguments do in driverkit/HilProbeUserClient.cpp.
// One function, so the fuzzer drives exactly what the sim host runs.
#pragma once
#include "ioreturn.h"
#include "method_table.h"
#include "user_client.h"
#include "wire.h"

namespace hil {

// f must be a Call or CallAsync frame; a's inputs alias f (any dext's ExternalMethod reads them).
void args_from_frame(const Frame& f, MethodArgs& a);
// The same, then the probe's ExternalMethod; a's outputs are the method's.
[[nodiscard]] IoRet call_from_frame(UserClient& uc, const Frame& f, MethodArgs& a);

}  // namespace hil
