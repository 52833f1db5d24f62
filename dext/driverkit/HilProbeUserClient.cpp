// UNVERIFIED DriverKit glue (see ../README.md): argument checks and behaviour are in the
// kit (kit/method_table.cpp); this file only converts IOUserClientMethodArguments.
#include <DriverKit/DriverKit.h>
#include <DriverKit/IOUserClient.h>
#include <string.h>

#include <memory>
#include <new>

#include "HilProbeUserClient.h"
#include "HilProbeDriver1.h"
#include "HilProbeRoot.h"
#include "DextPlatform.h"
#include "user_client.h"

namespace {
// The kit's reserved selectors: the probe has no selectors of its own, so its base is 0.
constexpr hil::SelectorRange kKitSelectors{0};

// Completions go to the OSAction of the last call-async (RegisterCompletion).
class ActionSink : public hil::ICompletionSink {
public:
    explicit ActionSink(HilProbeUserClient * uc) : uc_(uc) {}
    ~ActionSink() override { OSSafeReleaseNULL(action_); }
    void set(OSAction * a) {
        a->retain();
        OSSafeReleaseNULL(action_);
        action_ = a;
    }
    bool complete(uint32_t, hil::IoRet status, const uint64_t * args, uint32_t n) override {
        // AsyncCompletion carries at most kIOUserClientAsyncArgumentsCountMax words.
        if (!action_ || n > kIOUserClientAsyncArgumentsCountMax) return false;
        uint64_t data[kIOUserClientAsyncArgumentsCountMax] = {};
        memcpy(data, args, n * sizeof(uint64_t));
        uc_->AsyncCompletion(action_, status, data, n);
        return true;
    }
private:
    HilProbeUserClient * uc_;
    OSAction * action_ = nullptr;
};
}

struct HilProbeUserClient_IVars {
    std::shared_ptr<ActionSink> sink;
    hil::UserClient * core = nullptr;
    hil::MethodArgs * args = nullptr;  // 4 KiB: allocated once, not per call
};

bool HilProbeUserClient::init()
{
    if (!super::init()) return false;
    // new, not IONewZero: the ivars hold a std::shared_ptr, which needs its constructor
    // and destructor (IONewZero/IOSafeDeleteNULL run neither).
    ivars = new (std::nothrow) HilProbeUserClient_IVars();
    return ivars != nullptr;
}

void HilProbeUserClient::free()
{
    if (ivars) {
        delete ivars->core;
        delete ivars->args;
        ivars->sink.reset();
    }
    delete ivars;
    ivars = nullptr;
    super::free();
}

kern_return_t IMPL(HilProbeUserClient, Start)
{
    kern_return_t ret = Start(provider, SUPERDISPATCH);
    if (ret != kIOReturnSuccess) return ret;
    // Created by our own provider with Create(), so it is a local object, not a proxy.
    hil::DriverInstance * inst = nullptr;
    if (HilProbeDriver1 * d1 = OSDynamicCast(HilProbeDriver1, provider))
        inst = static_cast<hil::DriverInstance *>(d1->CoreInstance());
    else if (HilProbeRoot * root = OSDynamicCast(HilProbeRoot, provider))
        inst = static_cast<hil::DriverInstance *>(root->CoreInstance());
    if (!inst) return kIOReturnNoDevice;
    // The process table holds the shared_ptr; take a reference so the client keeps it alive.
    std::shared_ptr<hil::DriverInstance> owner = hil::dext_process().process.find(inst);
    if (!owner) return kIOReturnNoDevice;
    ivars->sink = std::make_shared<ActionSink>(this);
    ivars->core = new hil::UserClient(owner, ivars->sink);
    ivars->args = new hil::MethodArgs();
    return RegisterService();
}

kern_return_t IMPL(HilProbeUserClient, Stop)
{
    delete ivars->core;  // unregisters this client's completion from Driver1
    ivars->core = nullptr;
    return Stop(provider, SUPERDISPATCH);
}

kern_return_t HilProbeUserClient::ExternalMethod(uint64_t selector, IOUserClientMethodArguments * arguments,
                                                 const IOUserClientMethodDispatch *, OSObject *, void *)
{
    if (!ivars->core) return kIOReturnNotOpen;
    // A team's dext answers its own selectors here and forwards only the kit's range.
    if (!kKitSelectors.owns(selector)) return kIOReturnBadArgument;
    hil::MethodArgs & a = *ivars->args;
    a.selector = selector - kKitSelectors.base;
    a.has_completion = arguments->completion != nullptr;
    if (arguments->completion) ivars->sink->set(arguments->completion);
    a.scalar_in = arguments->scalarInput;
    a.scalar_in_count = arguments->scalarInputCount;
    a.struct_in = nullptr;
    a.struct_in_len = 0;
    std::unique_ptr<hil::AdoptedMemory> adopted;
    if (arguments->structureInput) {
        a.struct_in = static_cast<const uint8_t *>(arguments->structureInput->getBytesNoCopy());
        a.struct_in_len = static_cast<uint32_t>(arguments->structureInput->getLength());
    } else if (arguments->structureInputDescriptor && a.selector == hil::kSelHandOverSharedRing) {
        // The app passed Driver2's ring itself; the core opens it by name like a ring of its own.
        adopted = std::make_unique<hil::AdoptedMemory>(arguments->structureInputDescriptor);
        a.struct_in = reinterpret_cast<const uint8_t *>(adopted->name());
        a.struct_in_len = static_cast<uint32_t>(strlen(adopted->name()));
    } else if (arguments->structureInputDescriptor) {
        // Only structures over 4096 bytes come as a descriptor; no other method takes one
        // that big, so report the size and let the table reject it.
        uint64_t len = 0;
        arguments->structureInputDescriptor->GetLength(&len);
        a.struct_in_len = len > 0xFFFFFFFFull ? 0xFFFFFFFFu : static_cast<uint32_t>(len);
    }
    const hil::IoRet r = ivars->core->external_method(a);
    if (r != kIOReturnSuccess) return r;
    if (a.scalar_out_count > arguments->scalarOutputCount) return kIOReturnBadArgument;
    for (uint32_t i = 0; i < a.scalar_out_count; ++i) arguments->scalarOutput[i] = a.scalar_out[i];
    arguments->scalarOutputCount = a.scalar_out_count;
    if (a.struct_out_len) arguments->structureOutput = OSData::withBytes(a.struct_out, a.struct_out_len);
    return kIOReturnSuccess;
}

kern_return_t IMPL(HilProbeUserClient, CopyClientMemoryForType)
{
    (void)options;  // left as they are: the rings are mapped read-write
    if (!ivars->core) return kIOReturnNotOpen;
    hil::ISharedMemory * mem = nullptr;
    const hil::IoRet r = ivars->core->copy_client_memory(static_cast<uint32_t>(type), mem);
    if (r != kIOReturnSuccess) return r;
    IOMemoryDescriptor * md = static_cast<hil::DextSharedMemory *>(mem)->descriptor();
    md->retain();  // the caller releases it; the same instance is returned for the same type
    *memory = md;
    return kIOReturnSuccess;
}
