// The longest shm names the harness can make must open on macOS (PSHMNAMLEN = 31), where the
// hosted-macOS CI job runs the sim host and the twin: driver.cpp's shm_name at its extremes.
#include <gtest/gtest.h>

#include <set>
#include <string>

#include "driver2.h"

namespace {
// Linux's PID_MAX_LIMIT (2^22) and macOS's PID_MAX (99999): the widest pids either host gives.
constexpr uint32_t kLinuxPidMax = 4194304;
constexpr uint32_t kMacPidMax = 99999;
// simhost/host.cpp: an instance name is 1-32 of [A-Za-z0-9_-].
const std::string kLongest(32, 'x');
}  // namespace

TEST(ShmNames, TheLongestNameTheHarnessCanMakeFitsOnMacOS) {
  for (uint32_t pid : {kLinuxPidMax, kMacPidMax, 1u})
    for (uint32_t type : {1u, 2u}) {
      const std::string name = hil::shm_name(pid, kLongest, type);
      EXPECT_LE(name.size(), hil::kShmNameMax) << name;
      EXPECT_EQ(name.rfind("/hil-", 0), 0u) << name;
      EXPECT_EQ(name.find('/', 1), std::string::npos) << name;
    }
}

TEST(ShmNames, ShortNamesStayAsTheyWere) {
  EXPECT_EQ(hil::shm_name(4242, "d2", 1), "/hil-4242-d2-1");
  EXPECT_EQ(hil::shm_name(kMacPidMax, "HilProbeDriver2-0", 2), "/hil-99999-HilProbeDriver2-0-2");
}

TEST(ShmNames, ShortenedNamesStayDistinctPerInstanceAndType) {
  std::set<std::string> seen;
  for (const char* instance : {"stimulus-a-driver1-with-long-tail", "stimulus-b-driver1-with-long-tail",
                               "stimulus-a-driver2-with-long-tail", "root-driver2-for-the-relay-path"})
    for (uint32_t type : {1u, 2u}) {
      const std::string name = hil::shm_name(kLinuxPidMax, instance, type);
      EXPECT_LE(name.size(), hil::kShmNameMax) << name;
      EXPECT_TRUE(seen.insert(name).second) << "two instances share " << name;
    }
}
