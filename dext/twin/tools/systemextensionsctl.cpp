// Twin of macOS's systemextensionsctl for the macos-twin rig: `list [category]` prints the
// sim's extensions exactly as macOS 13+ does (a count line, the category line with its
// "(Go to 'System Settings > …')" hint, a TAB-separated header and rows; samples in
// reference/driverkit.md §4 and harness/tests/Hil.Dext.Tests/Samples). `developer [on|off]`
// and `uninstall TEAM BUNDLE` answer as a lab Mac with SIP off and developer mode on does:
// the state itself is the sim's, so uninstall leaves it to the bridge.
#include <cstdio>
#include <cstring>
#include <string>

#include "state.h"

namespace {
constexpr const char* kCategory = "com.apple.system_extension.driver_extension";
constexpr const char* kHint =
    " (Go to 'System Settings > General > Login Items & Extensions > Driver Extensions' to modify these system "
    "extension(s))";

int usage() {
  std::fputs("usage: systemextensionsctl list [category] | developer [on|off] | uninstall <teamId> <bundleId>\n",
             stderr);
  return 2;
}

int list(const twin_tools::State& s, const char* category) {
  if (category != nullptr && std::strcmp(category, kCategory) != 0) {
    std::printf("0 extension(s)\n");
    return 0;
  }
  std::printf("%zu extension(s)\n", s.extensions.size());
  if (s.extensions.empty()) return 0;
  std::printf("--- %s%s\n", kCategory, kHint);
  std::printf("enabled\tactive\tteamID\tbundleID (version)\tname\t[state]\n");
  for (auto& e : s.extensions) {
    std::printf("%s\t%s\t%s\t%s (%s)\t%s\t[%s]\n", e.enabled.c_str(), e.active.c_str(), e.team.c_str(),
                e.bundle.c_str(), e.version.c_str(), e.name.c_str(), e.state.c_str());
  }
  return 0;
}
}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) return usage();
  const std::string verb = argv[1];
  if (verb == "developer") {
    if (argc == 2) std::printf("Developer mode: on\n");
    return argc <= 3 ? 0 : usage();
  }
  if (verb == "uninstall") return argc == 4 ? 0 : usage();
  if (verb != "list" || argc > 3) return usage();
  twin_tools::State state;
  std::string error;
  if (!twin_tools::load_state(twin_tools::state_path(argv[0]), state, error)) {
    std::fprintf(stderr, "systemextensionsctl: %s\n", error.c_str());
    return 1;
  }
  return list(state, argc == 3 ? argv[2] : nullptr);
}
