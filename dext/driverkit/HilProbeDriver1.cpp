// UNVERIFIED DriverKit glue (see ../README.md): every decision is in core/.
#include <DriverKit/DriverKit.h>
#include <HIDDriverKit/HIDDriverKit.h>
#include <new>

#include "HilProbeDriver1.h"
#include "DextPlatform.h"
#include "driver1.h"

struct HilProbeDriver1_IVars {
    std::shared_ptr<hil::Driver1> core;
};

bool HilProbeDriver1::init()
{
    if (!super::init()) return false;
    // new, not IONewZero: the ivars hold a std::shared_ptr, which needs its constructor
    // and destructor (IONewZero/IOSafeDeleteNULL run neither).
    ivars = new (std::nothrow) HilProbeDriver1_IVars();
    return ivars != nullptr;
}

void HilProbeDriver1::free()
{
    delete ivars;
    ivars = nullptr;
    super::free();
}

kern_return_t IMPL(HilProbeDriver1, Start)
{
    kern_return_t ret = Start(provider, SUPERDISPATCH);
    if (ret != kIOReturnSuccess) return ret;
    // Registered in the process-wide table: with IOUserServerOneProcess the Driver2 of the
    // root personality is in this process and Configure(one-process) finds it there.
    hil::DextProcess & dp = hil::dext_process();
    ivars->core = std::make_shared<hil::Driver1>(dp.platform, dp.process, "d1", dp.process.next_id());
    dp.process.add(ivars->core);
    return RegisterService();
}

kern_return_t IMPL(HilProbeDriver1, Stop)
{
    if (ivars->core) {
        ivars->core->shutdown();
        hil::dext_process().process.remove(ivars->core.get());
    }
    return Stop(provider, SUPERDISPATCH);
}

kern_return_t IMPL(HilProbeDriver1, NewUserClient)
{
    (void)type;  // one user client type: the UserClientProperties of Info.plist
    return hil::new_user_client(this, userClient);
}

void HilProbeDriver1::handleReport(uint64_t, uint8_t * report, uint32_t reportLength, IOHIDReportType type, uint32_t)
{
    // Input reports from the stimulus device travel like InjectReport (flagged injected).
    if (type == kIOHIDReportTypeInput && ivars->core) ivars->core->on_device_report(report, reportLength);
}

void * HilProbeDriver1::CoreInstance() { return ivars->core.get(); }
