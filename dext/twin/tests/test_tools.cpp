// The twin tools print Apple's formats from a state file.
#include <gtest/gtest.h>
#include <unistd.h>

#include <cstdio>
#include <fstream>
#include <string>

namespace {
std::string run(const std::string& cmd, const std::string& state) {
  const std::string path = "/tmp/hil-twin-tools-" + std::to_string(getpid());
  std::ofstream(path) << state;
  std::string out;
  FILE* p = popen(("HIL_TWIN_STATE=" + path + " " HIL_TWIN_TOOLS "/" + cmd).c_str(), "r");
  char buf[512];
  while (p != nullptr && std::fgets(buf, sizeof buf, p) != nullptr) out += buf;
  if (p != nullptr) pclose(p);
  std::remove(path.c_str());
  return out;
}
}  // namespace

TEST(TwinTools, SystemExtensionsCtlListPrintsTabsAndTheNewerCategoryLine) {
  const auto out = run("systemextensionsctl list",
                       "ext\t*\t*\tHILTWIN001\tcom.example.hilprobe\t1.0/1\tcom.example.hilprobe\tactivated enabled\n"
                       "ext\t\t\tHILTWIN001\tcom.example.hilprobe\t0.9/0\tcom.example.hilprobe\t"
                       "terminated waiting to uninstall on reboot\n");
  EXPECT_EQ(
      "2 extension(s)\n--- com.apple.system_extension.driver_extension (Go to 'System Settings > General > Login "
      "Items & Extensions > Driver Extensions' to modify these system extension(s))\n"
      "enabled\tactive\tteamID\tbundleID (version)\tname\t[state]\n"
      "*\t*\tHILTWIN001\tcom.example.hilprobe (1.0/1)\tcom.example.hilprobe\t[activated enabled]\n"
      "\t\tHILTWIN001\tcom.example.hilprobe (0.9/0)\tcom.example.hilprobe\t[terminated waiting to uninstall on reboot]\n",
      out);
}

TEST(TwinTools, IoregPrintsNodesOfAClassWithTheirProperties) {
  const auto out = run("ioreg -l -w0 -r -c IOUserServer",
                       "node\tIOUserServer\tIOUserServer(com.example.hilprobe-0x100000b10)\t0x100000b11\n"
                       "prop\tIOUserClientCreator\ts\tpid 4321, com.example.hilp\n"
                       "prop\tIOAssociatedServices\tr\t(0x100000b10,0x100000c20)\n"
                       "node\tIOService\tHilProbeDriver1\t0x100000c20\n");
  EXPECT_EQ(
      "+-o IOUserServer(com.example.hilprobe-0x100000b10)  <class IOUserServer, id 0x100000b11, registered, matched, "
      "active, busy 0 (0 ms), retain 9>\n    {\n      \"IOUserClientCreator\" = \"pid 4321, com.example.hilp\"\n"
      "      \"IOAssociatedServices\" = (0x100000b10,0x100000c20)\n    }\n    \n",
      out);
}
