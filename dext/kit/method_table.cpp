#include "method_table.h"


namespace hil {
namespace {

constexpr uint32_t kProtocolVersion = 1;

[[nodiscard]] IoRet open_session(KitTarget& t, MethodArgs& a) {
  if (a.scalar_in[0] != kProtocolVersion) return ior::Unsupported;
  a.scalar_out[0] = static_cast<uint64_t>(t.role());
  a.scalar_out[1] = t.process_id();
  a.scalar_out[2] = t.instance_id();
  a.scalar_out[3] = t.peer_present() ? 1 : 0;
  a.scalar_out_count = 4;
  return ior::Success;
}

[[nodiscard]] IoRet configure(KitTarget& t, MethodArgs& a) {
  return t.configure(a.scalar_in[0], a.scalar_in[1], a.scalar_in[2], a.scalar_in[3]);
}

[[nodiscard]] IoRet start_burst(KitTarget& t, MethodArgs& a) {
  return t.start_burst(a.scalar_in[0], a.scalar_in[1], a.scalar_in[2]);
}

[[nodiscard]] IoRet stop_burst(KitTarget& t, MethodArgs& a) {
  a.scalar_out[0] = t.stop_burst();
  a.scalar_out_count = 1;
  return ior::Success;
}

[[nodiscard]] IoRet inject_report(KitTarget& t, MethodArgs& a) {
  const IoRet r = t.inject(a.struct_in, a.struct_in_len, a.scalar_out[0]);
  if (r == ior::Success) a.scalar_out_count = 1;
  return r;
}

[[nodiscard]] IoRet read_counters(KitTarget& t, MethodArgs& a) {
  const CountersSnapshot s = t.read_counters();
  const uint64_t v[8] = {s.sent, s.delivered, s.dropped, s.duplicated, s.out_of_order,
                         s.ring_overflow, s.burst_active, s.last_seq};
  for (uint32_t i = 0; i < 8; ++i) a.scalar_out[i] = v[i];
  a.scalar_out_count = 8;
  return ior::Success;
}

[[nodiscard]] IoRet map_record_ring(KitTarget& t, MethodArgs& a) {
  const IoRet r = t.map_record_ring(a.scalar_out[1], a.scalar_out[2]);
  if (r != ior::Success) return r;
  a.scalar_out[0] = 1;
  a.scalar_out_count = 3;
  return r;
}

[[nodiscard]] IoRet set_feature(KitTarget& t, MethodArgs& a) { return t.set_feature(a.struct_in, a.struct_in_len); }

[[nodiscard]] IoRet get_feature(KitTarget& t, MethodArgs& a) {
  a.struct_out_len = t.get_feature(a.struct_out, sizeof a.struct_out);
  return ior::Success;
}

[[nodiscard]] IoRet register_completion(KitTarget& t, MethodArgs& a) {
  return t.register_completion(a.completion_ref);
}

[[nodiscard]] IoRet deliver_message(KitTarget& t, MethodArgs& a) {
  return t.deliver_encoded(a.struct_in, a.struct_in_len);
}

[[nodiscard]] IoRet hand_over(KitTarget& t, MethodArgs& a) {
  return t.hand_over_ring(a.scalar_in[0], a.struct_in, a.struct_in_len);
}

[[nodiscard]] IoRet map_shared_ring(KitTarget& t, MethodArgs& a) {
  const IoRet r = t.map_shared_ring(a.scalar_in[0], a.scalar_out[1]);
  if (r != ior::Success) return r;
  a.scalar_out[0] = 2;
  a.scalar_out[2] = a.scalar_in[0];
  a.scalar_out_count = 3;
  return r;
}

[[nodiscard]] IoRet set_fault(KitTarget& t, MethodArgs& a) { return t.set_fault(a.scalar_in[0], a.scalar_in[1]); }

[[nodiscard]] IoRet reset_counters(KitTarget& t, MethodArgs&) {
  t.reset_counters();
  return ior::Success;
}

[[nodiscard]] IoRet read_last_report(KitTarget& t, MethodArgs& a) {
  a.struct_out_len = t.last_report(a.scalar_out[0], a.struct_out, sizeof a.struct_out);
  a.scalar_out[1] = a.struct_out_len;
  a.scalar_out_count = 2;
  return ior::Success;
}

const MethodSpec kTable[kSelectorCount] = {
    {open_session, "OpenSession", kRoleBoth, false, 1, 0, 0, 4},
    {configure, "Configure", kRoleBoth, false, 4, 0, 0, 0},
    {start_burst, "StartBurst", kRoleD1, false, 3, 0, 0, 0},
    {stop_burst, "StopBurst", kRoleD1, false, 0, 0, 0, 1},
    {inject_report, "InjectReport", kRoleD1, false, 0, 1, 64, 1},
    {read_counters, "ReadCounters", kRoleBoth, false, 0, 0, 0, 8},
    {map_record_ring, "MapRecordRing", kRoleD2, false, 0, 0, 0, 3},
    {set_feature, "SetFeatureReport", kRoleD2, false, 0, 1, 64, 0},
    {get_feature, "GetFeatureReport", kRoleD2, false, 0, 0, 0, 0},
    {register_completion, "RegisterCompletion", kRoleD1, true, 0, 0, 0, 0},
    {deliver_message, "DeliverMessage", kRoleD2, false, 0, 28, 92, 0},
    {hand_over, "HandOverSharedRing", kRoleD1, false, 1, 1, 255, 0},
    {map_shared_ring, "MapSharedRing", kRoleD2, false, 1, 0, 0, 3},
    {set_fault, "SetFault", kRoleBoth, false, 2, 0, 0, 0},
    {reset_counters, "ResetCounters", kRoleBoth, false, 0, 0, 0, 0},
    {read_last_report, "ReadLastReport", kRoleD2, false, 0, 0, 0, 2},
};

}  // namespace

const MethodSpec* method_spec(uint64_t selector) {
  return selector < kSelectorCount ? &kTable[selector] : nullptr;
}

IoRet validate_call(const MethodSpec* spec, const MethodArgs& a, uint8_t role_bit) {
  if (!spec) return ior::BadArgument;
  if (spec->needs_completion && !a.has_completion) return ior::BadArgument;
  if (a.scalar_in_count != spec->scalars_in) return ior::BadArgument;
  if (a.struct_in_len < spec->struct_min || a.struct_in_len > spec->struct_max) return ior::BadArgument;
  if (!(spec->roles & role_bit)) return ior::Unsupported;
  return ior::Success;
}

IoRet kit_external_method(KitTarget& t, MethodArgs& a) {
  a.scalar_out_count = 0;
  a.struct_out_len = 0;
  const MethodSpec* spec = method_spec(a.selector);
  const uint8_t role_bit = t.role() == Role::Driver1 ? kRoleD1 : kRoleD2;
  const IoRet r = validate_call(spec, a, role_bit);
  if (r != ior::Success) return r;
  const IoRet out = spec->fn(t, a);
  if (out != ior::Success) a.scalar_out_count = a.struct_out_len = 0;
  return out;
}

}  // namespace hil
