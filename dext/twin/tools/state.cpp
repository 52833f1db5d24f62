#include "state.h"

#include <cstdlib>
#include <fstream>
#include <sstream>

namespace twin_tools {
namespace {
std::vector<std::string> split(const std::string& line) {
  std::vector<std::string> f;
  std::string cur;
  std::istringstream in(line);
  while (std::getline(in, cur, '\t')) f.push_back(cur);
  if (!line.empty() && line.back() == '\t') f.emplace_back();
  return f;
}
}  // namespace

std::string state_path(const char* argv0) {
  if (const char* env = std::getenv("HIL_TWIN_STATE"); env != nullptr && *env != '\0') return env;
  const std::string self = argv0 == nullptr ? "" : argv0;
  const auto slash = self.rfind('/');
  return (slash == std::string::npos ? std::string(".") : self.substr(0, slash)) + "/twin-state";
}

bool load_state(const std::string& path, State& out, std::string& error) {
  std::ifstream in(path);
  if (!in) {
    error = path + ": cannot open the twin state (set HIL_TWIN_STATE or run the tool from the bridge's folder)";
    return false;
  }
  std::string line;
  for (int n = 1; std::getline(in, line); ++n) {
    const auto f = split(line);
    if (f.empty() || f[0].empty()) continue;
    if (f[0] == "ext" && f.size() == 8) {
      out.extensions.push_back({f[1], f[2], f[3], f[4], f[5], f[6], f[7]});
    } else if (f[0] == "node" && f.size() == 4) {
      out.nodes.push_back({f[1], f[2], f[3], {}});
    } else if (f[0] == "prop" && f.size() == 4 && !out.nodes.empty() && (f[2] == "s" || f[2] == "r")) {
      out.nodes.back().props.emplace_back(f[1], f[2] == "s" ? "\"" + f[3] + "\"" : f[3]);
    } else {
      error = path + ":" + std::to_string(n) + ": expected 'ext' with 7 fields, 'node' with 3 or 'prop KEY s|r VALUE' after a node, got '" + line + "'";
      return false;
    }
  }
  return true;
}

}  // namespace twin_tools
