// The dexts hil-simhost can run, chosen by the IOUserClass of the personality the sim
// kernel matched. A team adds its dext here: one row and its glue file (dext/kit/README.md).
#include <cstring>

#include "hosted.h"
#include "keyflip_sim.h"

namespace hil {

std::unique_ptr<DextHosting> make_probe_hosting(IPlatform& p);  // probe_hosting.cpp

namespace {

// The probe's classes carry a build's identity suffix (HilProbeDriver1_fast); no class at all
// is how the host was driven before classes were passed, and stays the probe.
bool probe_hosts(const std::string& user_class) {
  return user_class.empty() || user_class.compare(0, std::strlen("HilProbe"), "HilProbe") == 0;
}

const DextKind kKinds[] = {
    {"probe (HilProbe*)", probe_hosts, make_probe_hosting},
    keyflip::sim_kind(),
};

}  // namespace

const DextKind* dext_kind_for(const std::string& user_class) {
  for (const DextKind& k : kKinds)
    if (k.hosts(user_class)) return &k;
  return nullptr;
}

std::string dext_kind_names() {
  std::string s;
  for (const DextKind& k : kKinds) s += (s.empty() ? "" : ", ") + std::string(k.name);
  return s;
}

}  // namespace hil
