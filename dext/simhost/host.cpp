#include "host.h"

#include <poll.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <unistd.h>

#include <cctype>
#include <cerrno>
#include <cstdio>
#include <cstring>


namespace hil {
namespace {

bool valid_name(const std::string& n) {
  if (n.empty() || n.size() > 32) return false;
  for (char c : n)
    if (!(std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_')) return false;
  return true;
}

int listen_unix(const std::string& path, std::string& err) {
  sockaddr_un addr{};
  if (path.size() >= sizeof addr.sun_path) {
    err = "socket path too long: " + path;
    return -1;
  }
  addr.sun_family = AF_UNIX;
  std::memcpy(addr.sun_path, path.c_str(), path.size() + 1);
  const int fd = socket(AF_UNIX, SOCK_STREAM, 0);
  if (fd < 0) {
    err = "socket: " + std::string(std::strerror(errno));
    return -1;
  }
  ::unlink(path.c_str());  // a stale file from a crashed host would make bind fail
  // Owner only: connect(2) needs write permission on the socket file.
  if (bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0 || chmod(path.c_str(), 0600) != 0 ||
      listen(fd, 16) != 0) {
    err = "bind/listen " + path + ": " + std::strerror(errno);
    ::close(fd);
    return -1;
  }
  return fd;
}

}  // namespace

std::string json_escape(const std::string& s) {
  std::string o;
  for (char c : s) {
    if (c == '"' || c == '\\') {
      o += '\\';
      o += c;
    } else if (static_cast<unsigned char>(c) < 0x20) {
      char b[8];
      std::snprintf(b, sizeof b, "\\u%04x", c);
      o += b;
    } else {
      o += c;
    }
  }
  return o;
}

void Host::emit(const std::string& line) {
  std::lock_guard<std::mutex> g(out_mu_);
  std::fwrite(line.data(), 1, line.size(), stdout);
  std::fputc('\n', stdout);
  std::fflush(stdout);
}

std::string Host::instance_json(const HostedInstance& h) const {
  // doorbell: the mode until Configure picks one; doorbell_wait: what mode 1 does here.
  return "{\"role\":\"" + h.role + "\",\"instance\":\"" + json_escape(h.name) + "\",\"endpoint\":\"" +
         json_escape(h.endpoint) + "\",\"doorbell\":\"spin\",\"doorbell_wait\":\"" +
         PosixPlatform::doorbell_wait_kind() + "\"}";
}

std::string Host::instances_json() {
  std::lock_guard<std::mutex> g(mu_);
  std::string s = "[";
  for (size_t i = 0; i < instances_.size(); ++i) s += (i ? "," : "") + instance_json(*instances_[i]);
  return s + "]";
}

std::string Host::instance_json(const std::string& name) {
  std::lock_guard<std::mutex> g(mu_);
  for (auto& i : instances_)
    if (i->name == name) return instance_json(*i);
  return "";
}

DextHosting* Host::hosting_for(const std::string& user_class, std::string& err) {
  const DextKind* kind = dext_kind_for(user_class);
  if (!kind) {
    err = "no dext this host runs has IOUserClass '" + user_class + "' (it runs: " + dext_kind_names() + ")";
    return nullptr;
  }
  for (auto& d : dexts_)
    if (d.first == kind) return d.second.get();
  dexts_.emplace_back(kind, kind->make(platform_));
  return dexts_.back().second.get();
}

bool Host::add(const std::string& role, const std::string& name, const std::string& user_class, std::string& err) {
  if (role != "driver1" && role != "driver2") {
    err = "role must be driver1 or driver2, got '" + role + "'";
    return false;
  }
  if (!valid_name(name)) {
    err = "instance name must be 1-32 of [A-Za-z0-9_-], got '" + name + "'";
    return false;
  }
  std::lock_guard<std::mutex> g(mu_);
  for (auto& i : instances_)
    if (i->name == name) {
      err = "instance '" + name + "' already exists";
      return false;
    }
  auto h = std::make_unique<HostedInstance>();
  h->role = role;
  h->name = name;
  h->user_class = user_class;
  h->dext = hosting_for(user_class, err);
  if (!h->dext) return false;
  h->driver = h->dext->add(role == "driver1" ? Role::Driver1 : Role::Driver2, user_class, name, err);
  if (!h->driver) return false;
  h->endpoint = opts_.dir + "/" + name + ".sock";
  h->listen_fd = listen_unix(h->endpoint, err);
  if (h->listen_fd < 0 || pipe(h->wake) != 0) {
    if (h->listen_fd >= 0) {
      err = "pipe failed";
      ::close(h->listen_fd);
    }
    h->driver->shutdown();
    h->dext->remove(h->driver.get());
    return false;
  }
  cleanup_register(h->endpoint, false);
  HostedInstance* raw = h.get();
  h->acceptor = std::thread([this, raw] { accept_loop(raw); });
  instances_.push_back(std::move(h));
  return true;
}

void Host::accept_loop(HostedInstance* h) {
  for (;;) {
    pollfd fds[2] = {{h->listen_fd, POLLIN, 0}, {h->wake[0], POLLIN, 0}};
    if (poll(fds, 2, -1) < 0) {
      if (errno == EINTR) continue;
      return;
    }
    if (fds[1].revents) return;
    if (!(fds[0].revents & POLLIN)) continue;
    const int fd = accept(h->listen_fd, nullptr, nullptr);
    if (fd < 0) continue;
    auto c = std::make_shared<Connection>(fd, h->driver, opts_.token);
    std::lock_guard<std::mutex> g(h->conns_mu);
    // Reap closed connections here so a long-lived host does not accumulate them.
    for (auto it = h->conns.begin(); it != h->conns.end();) {
      if ((*it)->finished()) {
        (*it)->join();
        it = h->conns.erase(it);
      } else {
        ++it;
      }
    }
    h->conns.push_back(c);
    c->start();
  }
}

void Host::stop(HostedInstance& h) {
  // Order matters: no new clients, then no open clients, then the driver's own threads
  // and shm, then the socket file.
  if (write(h.wake[1], "x", 1) < 0) std::perror("hil-simhost: wake acceptor");
  if (h.acceptor.joinable()) h.acceptor.join();
  ::close(h.listen_fd);
  ::close(h.wake[0]);
  ::close(h.wake[1]);
  std::vector<std::shared_ptr<Connection>> conns;
  {
    std::lock_guard<std::mutex> g(h.conns_mu);
    conns.swap(h.conns);
  }
  for (auto& c : conns) c->close();
  for (auto& c : conns) c->join();
  conns.clear();
  h.driver->shutdown();
  h.dext->remove(h.driver.get());
  ::unlink(h.endpoint.c_str());
  cleanup_unregister(h.endpoint);
}

bool Host::remove(const std::string& name) {
  std::unique_ptr<HostedInstance> h;
  {
    std::lock_guard<std::mutex> g(mu_);
    for (auto it = instances_.begin(); it != instances_.end(); ++it)
      if ((*it)->name == name) {
        h = std::move(*it);
        instances_.erase(it);
        break;
      }
  }
  if (!h) return false;
  stop(*h);
  return true;
}

void Host::remove_all() {
  std::vector<std::unique_ptr<HostedInstance>> all;
  {
    std::lock_guard<std::mutex> g(mu_);
    all.swap(instances_);
  }
  // Driver1s first: they may hold a direct reference to a Driver2 in this process.
  for (auto& h : all)
    if (h->role == "driver1") stop(*h);
  for (auto& h : all)
    if (h->role == "driver2") stop(*h);
}

}  // namespace hil
