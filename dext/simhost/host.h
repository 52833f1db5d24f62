// The sim host: driver instances of one "dext process", each with its own listening
// Unix socket (the user-client endpoint), plus the stdout event stream.
#pragma once
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "connection.h"
#include "hosted.h"
#include "posix_platform.h"

namespace hil {

struct HostOptions {
  std::string server_name;
  std::string token;
  std::string dir;
};

struct HostedInstance {
  std::string role, name, endpoint, user_class;
  DextHosting* dext = nullptr;  // owned by the Host
  std::shared_ptr<HostedDriver> driver;
  int listen_fd = -1;
  int wake[2] = {-1, -1};  // self-pipe: poll() on it stops the acceptor portably
  std::thread acceptor;
  std::mutex conns_mu;
  std::vector<std::shared_ptr<Connection>> conns;
};

class Host {
 public:
  explicit Host(HostOptions o) : opts_(std::move(o)) {}
  // Creates and starts an instance of user_class ("" = the probe's); on failure err says why.
  bool add(const std::string& role, const std::string& name, const std::string& user_class, std::string& err);
  bool remove(const std::string& name);
  void remove_all();
  std::string instance_json(const HostedInstance& h) const;
  std::string instances_json();
  std::string instance_json(const std::string& name);  // "" if unknown
  void emit(const std::string& line);  // one JSON event per stdout line
  const HostOptions& options() const { return opts_; }

 private:
  void accept_loop(HostedInstance* h);
  void stop(HostedInstance& h);
  DextHosting* hosting_for(const std::string& user_class, std::string& err);  // under mu_

  HostOptions opts_;
  PosixPlatform platform_;
  std::mutex mu_;
  std::vector<std::pair<const DextKind*, std::unique_ptr<DextHosting>>> dexts_;  // created on first use
  std::vector<std::unique_ptr<HostedInstance>> instances_;
  std::mutex out_mu_;
};

std::string json_escape(const std::string& s);

}  // namespace hil
