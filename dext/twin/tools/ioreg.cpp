// Twin of macOS's ioreg for the macos-twin rig: the flags the harness uses (`-l -w0 -r -c CLASS`,
// `-l -w0 -r -n NAME`; reference/driverkit.md §4) over the sim's registry. Output is ioreg's:
// "+-o NAME  <class CLASS, id 0x…, registered, matched, active, busy 0 (0 ms), retain N>",
// then with -l the properties between "{" and "}" indented under it and a blank-ish line.
#include <cstdio>
#include <cstring>
#include <string>

#include "state.h"

namespace {
int usage(const char* what) {
  std::fprintf(stderr, "ioreg: %s\nusage: ioreg [-l] [-w WIDTH] [-r] (-c CLASS | -n NAME)\n", what);
  return 2;
}

void print(const twin_tools::Node& n, bool properties) {
  std::printf("+-o %s  <class %s, id %s, registered, matched, active, busy 0 (0 ms), retain %zu>\n", n.name.c_str(),
              n.class_name.c_str(), n.id.c_str(), 7 + n.props.size());
  if (!properties) return;
  std::printf("    {\n");
  for (auto& [k, v] : n.props) std::printf("      \"%s\" = %s\n", k.c_str(), v.c_str());
  std::printf("    }\n    \n");
}
}  // namespace

int main(int argc, char** argv) {
  bool properties = false;
  std::string by_class, by_name;
  for (int i = 1; i < argc; ++i) {
    const std::string a = argv[i];
    if (a == "-l") {
      properties = true;
    } else if (a == "-r") {
      // Root the output at the matches: the twin prints matches only, which -r with no subtree is.
    } else if (a.rfind("-w", 0) == 0) {
      if (a == "-w" && ++i >= argc) return usage("-w needs a width");
    } else if ((a == "-c" || a == "-n") && i + 1 < argc) {
      (a == "-c" ? by_class : by_name) = argv[++i];
    } else {
      return usage(("unsupported argument '" + a + "'").c_str());
    }
  }
  if (by_class.empty() == by_name.empty()) return usage("give exactly one of -c CLASS and -n NAME");
  twin_tools::State state;
  std::string error;
  if (!twin_tools::load_state(twin_tools::state_path(argv[0]), state, error)) {
    std::fprintf(stderr, "ioreg: %s\n", error.c_str());
    return 1;
  }
  for (auto& n : state.nodes) {
    if (by_class.empty() ? n.name == by_name : n.class_name == by_class) print(n, properties);
  }
  return 0;
}
