// Keyflip under hil-simhost: the glue a team writes so the sim runs its dext as the probe
// runs (dext/simhost/hosted.h). Only what DriverKit would give the dext is stood in for:
// the dispatch queue, the record ring's memory, the user client's transport.
#pragma once
#include "hosted.h"

namespace keyflip {

// Hosts KeyflipSource (Driver1) and KeyflipDevice (Driver2).
hil::DextKind sim_kind();

}  // namespace keyflip
