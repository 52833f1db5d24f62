// Starts hil-simhost the way the C# sim kernel does (pipes on stdin/stdout) and reads
// its JSON events.
#pragma once
#include <sys/types.h>

#include <string>
#include <vector>

namespace hil {

class SimHostProcess {
 public:
  ~SimHostProcess();
  bool start(const std::string& exe, const std::string& token, const std::string& dir,
             const std::vector<std::string>& drivers, std::string& err);
  // Next stdout line, or false after timeout_ms / EOF.
  bool read_event(std::string& line, int timeout_ms);
  bool send_line(const std::string& line);
  // Sends sig (0 = none, just wait) and waits; returns the exit code, or -1 on timeout
  // / abnormal exit (then the process is killed).
  int stop(int sig, int timeout_ms);
  pid_t pid() const { return pid_; }
  const std::string& ready_line() const { return ready_; }

 private:
  pid_t pid_ = -1;
  int in_ = -1, out_ = -1;
  std::string buf_, ready_;
};

// "/tmp/hil-sim-XXXXXX": a fresh directory for socket files.
std::string make_temp_dir();
// Lists /dev/shm/hil-<pid>-* (Linux); empty elsewhere.
std::vector<std::string> shm_objects_of(pid_t pid);
// Crude but sufficient for our own JSON lines: the value of "key" (string or number).
std::string json_field(const std::string& line, const std::string& key);

}  // namespace hil
