// The kit's selectors (PROTOCOL.md §4): the method table, checked the way
// IOUserClientMethodDispatch checks (selector known -> completion present when required
// -> scalar input count -> struct input size -> role), and the reserved range a team's
// ExternalMethod forwards to the kit (base + 0..15).
#pragma once
#include <cstdint>

#include "ioreturn.h"
#include "kit_limits.h"
#include "kit_target.h"

namespace hil {

enum Selector : uint32_t {
  kSelOpenSession = 0,
  kSelConfigure = 1,
  kSelStartBurst = 2,
  kSelStopBurst = 3,
  kSelInjectReport = 4,
  kSelReadCounters = 5,
  kSelMapRecordRing = 6,
  kSelSetFeatureReport = 7,
  kSelGetFeatureReport = 8,
  kSelRegisterCompletion = 9,
  kSelDeliverMessage = 10,
  kSelHandOverSharedRing = 11,
  kSelMapSharedRing = 12,
  kSelSetFault = 13,
  kSelResetCounters = 14,
  kSelReadLastReport = 15,
  kSelectorCount = 16,
};

enum RoleMask : uint8_t { kRoleD1 = 1, kRoleD2 = 2, kRoleBoth = 3 };

// Like IOUserClientMethodArguments: inputs set by the transport, outputs by the method.
struct MethodArgs {
  uint64_t selector = 0;
  bool has_completion = false;  // the call arrived as call-async (an OSAction exists)
  uint32_t completion_ref = 0;
  const uint64_t* scalar_in = nullptr;
  uint32_t scalar_in_count = 0;
  const uint8_t* struct_in = nullptr;
  uint32_t struct_in_len = 0;
  uint64_t scalar_out[kMaxScalars] = {};
  uint32_t scalar_out_count = 0;
  uint8_t struct_out[kMaxStructOut];
  uint32_t struct_out_len = 0;
};

using MethodFn = IoRet (*)(KitTarget& t, MethodArgs& a);

struct MethodSpec {
  MethodFn fn;
  const char* name;
  uint8_t roles;
  bool needs_completion;
  uint32_t scalars_in;
  uint32_t struct_min, struct_max;  // equal = fixed size
  uint32_t scalars_out;
};

// A team's user client answers its own selectors and forwards base + 0..15 here; the
// probe's base is 0. The base is the rig file's to name (the harness adds it to each call).
struct SelectorRange {
  uint64_t base = 0;
  bool owns(uint64_t selector) const { return selector >= base && selector - base < kSelectorCount; }
};

// Null for an unknown selector (local to the range: 0..15).
const MethodSpec* method_spec(uint64_t selector);
// Applies the checks in contract order; Success means fn may be called.
[[nodiscard]] IoRet validate_call(const MethodSpec* spec, const MethodArgs& a, uint8_t role_bit);
// Checks and runs a.selector (local: 0..15) against t, clearing the outputs of a call that
// fails. The hook a team's ExternalMethod calls for a selector its range owns.
[[nodiscard]] IoRet kit_external_method(KitTarget& t, MethodArgs& a);

}  // namespace hil
