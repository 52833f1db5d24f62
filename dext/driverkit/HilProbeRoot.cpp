// UNVERIFIED DriverKit glue (see ../README.md): every decision is in core/.
#include <DriverKit/DriverKit.h>
#include <DriverKit/OSCollections.h>

#include "HilProbeRoot.h"
#include "HilProbeDriver2.h"
#include "DextPlatform.h"

struct HilProbeRoot_IVars {
    IOService * device = nullptr;  // the HilProbeDriver2 we Create()d
};

bool HilProbeRoot::init()
{
    if (!super::init()) return false;
    ivars = IONewZero(HilProbeRoot_IVars, 1);
    return ivars != nullptr;
}

void HilProbeRoot::free()
{
    IOSafeDeleteNULL(ivars, HilProbeRoot_IVars, 1);
    super::free();
}

kern_return_t IMPL(HilProbeRoot, Start)
{
    kern_return_t ret = Start(provider, SUPERDISPATCH);
    if (ret != kIOReturnSuccess) return ret;
    // Driver2 is created in this process: in the one-process layout Driver1 joins it
    // (same IOUserServerName + IOUserServerOneProcess) and calls it directly.
    ret = Create(this, "Driver2Properties", &ivars->device);
    if (ret != kIOReturnSuccess) return ret;
    return RegisterService();
}

kern_return_t IMPL(HilProbeRoot, Stop)
{
    if (ivars->device) {
        ivars->device->Terminate(0);
        OSSafeReleaseNULL(ivars->device);
    }
    return Stop(provider, SUPERDISPATCH);
}

kern_return_t IMPL(HilProbeRoot, NewUserClient)
{
    (void)type;  // one user client type: the UserClientProperties of Info.plist
    return hil::new_user_client(this, userClient);
}

void * HilProbeRoot::CoreInstance()
{
    HilProbeDriver2 * d = OSDynamicCast(HilProbeDriver2, ivars->device);
    return d ? d->CoreInstance() : nullptr;
}
