// The sim's state as the twin Mac tools read it: a tab-separated file the macos-twin bridge
// writes atomically (Hil.Session/Backends/Twin). One record a line:
//   ext  ENABLED ACTIVE TEAMID BUNDLEID VERSION NAME STATE     (a systemextensionsctl row)
//   node CLASS NAME 0xID                                        (a registry entry)
//   prop KEY s|r VALUE                                          (a property of the node above:
//                                                                 s = string, r = printed as is)
#pragma once
#include <string>
#include <utility>
#include <vector>

namespace twin_tools {

struct Extension {
  std::string enabled, active, team, bundle, version, name, state;
};

struct Node {
  std::string class_name, name, id;
  std::vector<std::pair<std::string, std::string>> props;  // value already as ioreg prints it
};

struct State {
  std::vector<Extension> extensions;
  std::vector<Node> nodes;
};

// The file is $HIL_TWIN_STATE, else "twin-state" beside the tool as it was invoked (argv[0]).
std::string state_path(const char* argv0);
// False with `error` naming the file and line when it cannot be read.
bool load_state(const std::string& path, State& out, std::string& error);

}  // namespace twin_tools
