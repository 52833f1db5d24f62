#include "ioreturn.h"

namespace hil {

const char* ioret_name(IoRet r) {
  switch (r) {
    case ior::Success: return "kIOReturnSuccess";
    case ior::Error: return "kIOReturnError";
    case ior::NoMemory: return "kIOReturnNoMemory";
    case ior::NoResources: return "kIOReturnNoResources";
    case ior::BadArgument: return "kIOReturnBadArgument";
    case ior::Unsupported: return "kIOReturnUnsupported";
    case ior::NotOpen: return "kIOReturnNotOpen";
    case ior::Busy: return "kIOReturnBusy";
    case ior::Timeout: return "kIOReturnTimeout";
    case ior::NotReady: return "kIOReturnNotReady";
    case ior::NotPermitted: return "kIOReturnNotPermitted";
    case ior::Offline: return "kIOReturnOffline";
    case ior::Overrun: return "kIOReturnOverrun";
    case ior::Aborted: return "kIOReturnAborted";
    default: return "unknown";
  }
}

}  // namespace hil
