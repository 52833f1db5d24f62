// hil-simclient: native C++ client of hil-simhost, used by the CTest integration tests
// and for the long paced runs, e.g.
//   hil-simclient run --simhost build/dext/hil-simhost --topology shared-ring --count 100000 --rate 20000
#include <signal.h>

#include <cstdio>
#include <cstdlib>
#include <string>

#include "scenarios.h"

namespace {

int usage(const std::string& why) {
  std::fprintf(stderr,
               "hil-simclient: %s\n"
               "usage: hil-simclient run|faults|entitlement|sigterm|control --simhost PATH\n"
               "         [--topology app-relay|one-process|shared-ring] [--doorbell spin|wait]\n"
               "         [--count N] [--rate HZ] [--warmup N] [--report-len 1..64] [--ring-capacity N]\n",
               why.c_str());
  return 2;
}

bool parse_u64(const std::string& s, uint64_t& v) {
  char* end = nullptr;
  v = std::strtoull(s.c_str(), &end, 10);
  return !s.empty() && end && *end == '\0';
}

}  // namespace

int main(int argc, char** argv) {
  signal(SIGPIPE, SIG_IGN);
  if (argc < 2) return usage("missing scenario");
  const std::string scenario = argv[1];
  hil::RunArgs a;
  for (int i = 2; i < argc; ++i) {
    const std::string k = argv[i];
    if (i + 1 >= argc) return usage("missing value for " + k);
    const std::string v = argv[++i];
    uint64_t n = 0;
    const bool num = parse_u64(v, n);
    if (k == "--simhost") a.rig.simhost = v;
    else if (k == "--topology") a.rig.topology = v;
    else if (k == "--doorbell") a.rig.doorbell = v;
    else if (k == "--count" && num) a.count = n;
    else if (k == "--rate" && num) a.rate = n;
    else if (k == "--warmup" && num) a.warmup = n;
    else if (k == "--report-len" && num) a.rig.report_len = static_cast<uint32_t>(n);
    else if (k == "--ring-capacity" && num) a.rig.ring_capacity = n;
    else return usage("bad option " + k + " " + v);
  }
  if (a.rig.simhost.empty()) return usage("--simhost is required");
  if (a.rig.doorbell != "spin" && a.rig.doorbell != "wait") return usage("--doorbell must be spin or wait");
  if (scenario == "run") return hil::scenario_run(a);
  if (scenario == "faults") return hil::scenario_faults(a);
  if (scenario == "entitlement") return hil::scenario_entitlement(a);
  if (scenario == "sigterm") return hil::scenario_sigterm(a);
  if (scenario == "control") return hil::scenario_control(a);
  return usage("unknown scenario " + scenario);
}
