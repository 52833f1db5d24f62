// hil-simhost (PROTOCOL.md §6): hosts driver instances as one simulated dext process.
#include <signal.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <iostream>
#include <sstream>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include "host.h"

using hil::Host;
using hil::HostOptions;
using hil::json_escape;

namespace {

int usage(const std::string& why) {
  std::fprintf(stderr,
               "hil-simhost: %s\n"
               "usage: hil-simhost --server-name NAME --entitlement TOKEN --dir DIR "
               "[--driver ROLE:INSTANCE[:CLASS]]... [--exit-with-stdin]   (ROLE = driver1 | driver2)\n"
               "  CLASS: the personality's IOUserClass; it picks the dext (none = the probe's drivers)\n"
               "  the token may come from $HIL_ENTITLEMENT instead, which keeps it out of ps\n"
               "  --exit-with-stdin: stdin's end (the parent died) stops the host as SIGTERM does\n",
               why.c_str());
  return 2;
}

void error_event(Host* host, const std::string& cmd, const std::string& msg) {
  std::fprintf(stderr, "hil-simhost: %s: %s\n", cmd.c_str(), msg.c_str());
  host->emit("{\"event\":\"error\",\"command\":\"" + json_escape(cmd) + "\",\"message\":\"" +
             json_escape(msg) + "\"}");
}

// With --exit-with-stdin, stdin is the lifeline: its write end lives in the parent only, so EOF
// means the parent is gone and the host stops as on SIGTERM (unlinking its sockets and shm).
bool g_exit_with_stdin = false;

// Reads control commands; EOF only ends this thread (a launcher may close stdin).
void stdin_loop(Host* host) {
  std::string line;
  while (std::getline(std::cin, line)) {
    std::istringstream in(line);
    std::string cmd, a, b, cls, extra;
    in >> cmd >> a >> b >> cls >> extra;
    if (cmd.empty()) continue;
    if (cmd == "quit" && a.empty()) {
      kill(getpid(), SIGUSR1);  // the main thread owns shutdown
      return;
    }
    std::string err;
    if (cmd == "add" && !b.empty() && extra.empty()) {
      if (host->add(a, b, cls, err))
        host->emit("{\"event\":\"added\"," + host->instance_json(b).substr(1));
      else
        error_event(host, line, err);
    } else if (cmd == "remove" && !a.empty() && b.empty()) {
      if (host->remove(a))
        host->emit("{\"event\":\"removed\",\"instance\":\"" + json_escape(a) + "\"}");
      else
        error_event(host, line, "no instance '" + a + "'");
    } else {
      error_event(host, line, "expected: add ROLE INSTANCE [CLASS] | remove INSTANCE | quit");
    }
  }
  if (g_exit_with_stdin) kill(getpid(), SIGTERM);
}

// Sockets live in DIR: nobody but this user may reach them (the token is not the only guard).
void make_private(const std::string& dir) {
  struct stat st;
  if (stat(dir.c_str(), &st) == 0 && (st.st_mode & 077) != 0) chmod(dir.c_str(), 0700);
}

}  // namespace

int main(int argc, char** argv) {
  HostOptions o;
  struct DriverArg {
    std::string role, instance, user_class;
  };
  std::vector<DriverArg> drivers;
  for (int i = 1; i < argc; ++i) {
    const std::string k = argv[i];
    if (k == "--help" || k == "-h") return usage("help");
    if (k == "--exit-with-stdin") {
      g_exit_with_stdin = true;
      continue;
    }
    if (i + 1 >= argc) return usage("missing value for " + k);
    const std::string v = argv[++i];
    if (k == "--server-name") {
      o.server_name = v;
    } else if (k == "--entitlement") {
      o.token = v;
    } else if (k == "--dir") {
      o.dir = v;
    } else if (k == "--driver") {
      const auto colon = v.find(':');
      if (colon == std::string::npos) return usage("--driver wants ROLE:INSTANCE[:CLASS], got " + v);
      const auto second = v.find(':', colon + 1);
      drivers.push_back({v.substr(0, colon), v.substr(colon + 1, second == std::string::npos ? second : second - colon - 1),
                         second == std::string::npos ? "" : v.substr(second + 1)});
    } else {
      return usage("unknown option " + k);
    }
  }
  if (o.token.empty()) {
    if (const char* t = std::getenv("HIL_ENTITLEMENT")) o.token = t;
    unsetenv("HIL_ENTITLEMENT");
  }
  if (o.server_name.empty() || o.token.empty() || o.dir.empty())
    return usage("--server-name, --entitlement and --dir are required");

  // Signals are taken synchronously by the main thread (sigwait), so shutdown runs in
  // normal context, not in a handler. Block them before any thread exists.
  sigset_t set;
  sigemptyset(&set);
  sigaddset(&set, SIGTERM);
  sigaddset(&set, SIGINT);
  sigaddset(&set, SIGUSR1);
  pthread_sigmask(SIG_BLOCK, &set, nullptr);
  signal(SIGPIPE, SIG_IGN);  // a client that vanishes mid-write is an error return, not death

  make_private(o.dir);
  Host host(o);
  for (auto& d : drivers) {
    std::string err;
    if (!host.add(d.role, d.instance, d.user_class, err)) {
      host.remove_all();
      std::fprintf(stderr, "hil-simhost: --driver %s:%s: %s\n", d.role.c_str(), d.instance.c_str(), err.c_str());
      host.emit("{\"event\":\"exit\",\"reason\":\"" + json_escape("startup failed: " + err) + "\"}");
      return 1;
    }
  }
  host.emit("{\"event\":\"ready\",\"pid\":" + std::to_string(getpid()) + ",\"server_name\":\"" +
            json_escape(o.server_name) + "\",\"instances\":" + host.instances_json() + "}");

  std::thread(stdin_loop, &host).detach();

  int sig = 0;
  while (sigwait(&set, &sig) != 0) {
  }
  host.remove_all();
  const char* reason = sig == SIGUSR1 ? "quit" : sig == SIGINT ? "SIGINT" : "SIGTERM";
  host.emit(std::string("{\"event\":\"exit\",\"reason\":\"") + reason + "\"}");
  hil::cleanup_all();
  std::fflush(stdout);
  // The stdin thread may be blocked in read(); _exit skips joining it.
  _exit(0);
}
