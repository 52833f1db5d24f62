// UNVERIFIED DriverKit glue (see ../README.md): every decision is in core/.
#include <DriverKit/DriverKit.h>
#include <DriverKit/IOBufferMemoryDescriptor.h>
#include <DriverKit/OSCollections.h>
#include <HIDDriverKit/HIDDriverKit.h>
#include <mach/mach_time.h>
#include <string.h>

#include <new>

#include "HilProbeDriver2.h"
#include "DextPlatform.h"
#include "driver2.h"
#include "hid_report.h"

namespace {
// Posts what arrives at core Driver2 up the HID stack.
class ReportPoster : public hil::IReportSink {
public:
    explicit ReportPoster(HilProbeDriver2 * d) : d_(d) {}
    void post_report(uint64_t t_ns, const uint8_t * report, uint32_t len) override { d_->PostReport(t_ns, report, len); }
private:
    HilProbeDriver2 * d_;
};
}

struct HilProbeDriver2_IVars {
    std::shared_ptr<hil::Driver2> core;
    ReportPoster * poster = nullptr;
    IOBufferMemoryDescriptor * report = nullptr;  // preallocated: no allocation per message
};

bool HilProbeDriver2::init()
{
    if (!super::init()) return false;
    // new, not IONewZero: the ivars hold a std::shared_ptr, which needs its constructor
    // and destructor (IONewZero/IOSafeDeleteNULL run neither).
    ivars = new (std::nothrow) HilProbeDriver2_IVars();
    return ivars != nullptr;
}

void HilProbeDriver2::free()
{
    if (ivars) {
        ivars->core.reset();
        delete ivars->poster;
        OSSafeReleaseNULL(ivars->report);
    }
    delete ivars;
    ivars = nullptr;
    super::free();
}

bool HilProbeDriver2::handleStart(IOService * provider)
{
    if (!super::handleStart(provider)) return false;
    if (IOBufferMemoryDescriptor::Create(kIOMemoryDirectionInOut, hil::kMaxReportLen, 0, &ivars->report) != kIOReturnSuccess)
        return false;
    hil::DextProcess & dp = hil::dext_process();
    ivars->core = std::make_shared<hil::Driver2>(dp.platform, dp.process, "d2", dp.process.next_id());
    ivars->poster = new ReportPoster(this);
    ivars->core->set_report_sink(ivars->poster);
    dp.process.add(ivars->core);
    return true;
}

kern_return_t IMPL(HilProbeDriver2, Stop)
{
    if (ivars->core) {
        ivars->core->shutdown();
        hil::dext_process().process.remove(ivars->core.get());
    }
    return Stop(provider, SUPERDISPATCH);
}

OSDictionary * HilProbeDriver2::newDeviceDescription()
{
    OSDictionary * d = OSDictionary::withCapacity(8);
    if (!d) return nullptr;
    // "RegisterService"=true makes IOHIDDevice register us once the description is in;
    // calling RegisterService from handleStart is too early (the device does not match).
    OSDictionarySetValue(d, "RegisterService", kOSBooleanTrue);
    OSDictionarySetValue(d, "HIDDefaultBehavior", kOSBooleanTrue);
    OSDictionarySetStringValue(d, "Transport", "Virtual");
    OSDictionarySetStringValue(d, "Product", "HIL probe Driver2");
    OSDictionarySetStringValue(d, "Manufacturer", "com.example");
    OSDictionarySetUInt64Value(d, "VendorID", 0x1209);
    OSDictionarySetUInt64Value(d, "ProductID", 0x00F2);
    return d;
}

OSData * HilProbeDriver2::newReportDescriptor()
{
    size_t len = 0;
    const uint8_t * desc = hil::report_descriptor(&len);
    return OSData::withBytes(desc, len);
}

void * HilProbeDriver2::CoreInstance() { return ivars->core.get(); }

void HilProbeDriver2::PostReport(uint64_t, const uint8_t * report, uint32_t len)
{
    // GetAddressRange, not Map: Map is private to IOMemoryDescriptor (IOMemoryDescriptor.iig).
    IOAddressSegment range = {};
    if (len == 0 || ivars->report->GetAddressRange(&range) != kIOReturnSuccess || range.length < len) return;
    memcpy(reinterpret_cast<void *>(range.address), report, len);
    ivars->report->SetLength(len);
    handleReport(mach_absolute_time(), ivars->report, len, kIOHIDReportTypeInput, 0);
}
