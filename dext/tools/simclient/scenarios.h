#pragma once
#include <string>

#include "rig.h"

namespace hil {

struct RunArgs {
  RigOptions rig;
  uint64_t count = 20000, rate = 20000, warmup = 500;
};

// Each returns a process exit code (0 = pass) and prints a JSON summary or the failure.
int scenario_run(const RunArgs& a);
int scenario_faults(const RunArgs& a);
int scenario_entitlement(const RunArgs& a);
int scenario_sigterm(const RunArgs& a);
int scenario_control(const RunArgs& a);

}  // namespace hil
