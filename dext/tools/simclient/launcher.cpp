#include "launcher.h"

#include <dirent.h>
#include <poll.h>
#include <signal.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>

namespace hil {

SimHostProcess::~SimHostProcess() {
  if (pid_ > 0) stop(SIGKILL, 2000);
  if (in_ >= 0) ::close(in_);
  if (out_ >= 0) ::close(out_);
}

bool SimHostProcess::start(const std::string& exe, const std::string& token, const std::string& dir,
                           const std::vector<std::string>& drivers, std::string& err) {
  int pin[2], pout[2];
  if (pipe(pin) != 0 || pipe(pout) != 0) {
    err = "pipe failed";
    return false;
  }
  std::vector<std::string> args = {exe, "--server-name", "com.example.hilprobe", "--entitlement", token, "--dir", dir};
  for (auto& d : drivers) {
    args.push_back("--driver");
    args.push_back(d);
  }
  pid_ = fork();
  if (pid_ == 0) {
    dup2(pin[0], 0);
    dup2(pout[1], 1);
    ::close(pin[1]);
    ::close(pout[0]);
    std::vector<char*> av;
    for (auto& a : args) av.push_back(const_cast<char*>(a.c_str()));
    av.push_back(nullptr);
    execv(exe.c_str(), av.data());
    _exit(127);
  }
  ::close(pin[0]);
  ::close(pout[1]);
  in_ = pin[1];
  out_ = pout[0];
  if (pid_ < 0) {
    err = "fork failed";
    return false;
  }
  std::string line;
  if (!read_event(line, 10000) || json_field(line, "event") != "ready") {
    err = "no ready line from " + exe + " (got '" + line + "')";
    return false;
  }
  ready_ = line;
  return true;
}

bool SimHostProcess::read_event(std::string& line, int timeout_ms) {
  for (;;) {
    const auto nl = buf_.find('\n');
    if (nl != std::string::npos) {
      line = buf_.substr(0, nl);
      buf_.erase(0, nl + 1);
      return true;
    }
    pollfd p{out_, POLLIN, 0};
    if (poll(&p, 1, timeout_ms) <= 0) return false;
    char b[4096];
    const ssize_t n = read(out_, b, sizeof b);
    if (n <= 0) return false;
    buf_.append(b, static_cast<size_t>(n));
  }
}

bool SimHostProcess::send_line(const std::string& line) {
  const std::string l = line + "\n";
  return write(in_, l.data(), l.size()) == static_cast<ssize_t>(l.size());
}

int SimHostProcess::stop(int sig, int timeout_ms) {
  if (pid_ <= 0) return -1;
  if (sig) kill(pid_, sig);
  for (int waited = 0; waited <= timeout_ms; waited += 10) {
    int st = 0;
    const pid_t r = waitpid(pid_, &st, WNOHANG);
    if (r == pid_) {
      pid_ = -1;
      return WIFEXITED(st) ? WEXITSTATUS(st) : -1;
    }
    timespec ts{0, 10000000};
    nanosleep(&ts, nullptr);
  }
  kill(pid_, SIGKILL);
  waitpid(pid_, nullptr, 0);
  pid_ = -1;
  return -1;
}

std::string make_temp_dir() {
  char t[] = "/tmp/hil-sim-XXXXXX";
  const char* d = mkdtemp(t);
  return d ? d : "";
}

std::vector<std::string> shm_objects_of(pid_t pid) {
  std::vector<std::string> out;
  const std::string prefix = "hil-" + std::to_string(pid) + "-";
  if (DIR* d = opendir("/dev/shm")) {
    while (dirent* e = readdir(d))
      if (std::strncmp(e->d_name, prefix.c_str(), prefix.size()) == 0) out.push_back(e->d_name);
    closedir(d);
  }
  return out;
}

std::string json_field(const std::string& line, const std::string& key) {
  const std::string k = "\"" + key + "\":";
  const auto p = line.find(k);
  if (p == std::string::npos) return "";
  size_t i = p + k.size();
  if (i < line.size() && line[i] == '"') {
    const auto e = line.find('"', i + 1);
    return e == std::string::npos ? "" : line.substr(i + 1, e - i - 1);
  }
  size_t e = i;
  while (e < line.size() && line[e] != ',' && line[e] != '}') ++e;
  return line.substr(i, e - i);
}

}  // namespace hil
