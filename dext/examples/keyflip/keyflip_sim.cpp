#include "keyflip_sim.h"

#include <unistd.h>

#include <cstdlib>
#include <memory>
#include <mutex>
#include <string>

#include "format.h"
#include "keyflip.h"
#include "spsc_ring.h"

namespace keyflip {
namespace {

constexpr uint64_t kRecordCapacity = 1u << 18;  // ~13 s of a 20 kHz burst before the harness drains

// The dispatch queue DriverKit would give the dext: one platform thread per burst, joined
// before the next (the platform's thread gets the low timer slack a pacer needs).
class PlatformQueue : public Queue {
 public:
  explicit PlatformQueue(hil::IPlatform& p) : p_(p) {}
  ~PlatformQueue() { wait_idle(); }
  bool run(void (*fn)(void*), void* ctx) override {
    wait_idle();
    std::lock_guard<std::mutex> g(mu_);
    t_ = p_.start_thread("keyflip-burst", [fn, ctx] { fn(ctx); }, true);
    return t_ != nullptr;
  }
  void wait_idle() override {
    std::lock_guard<std::mutex> g(mu_);
    if (t_) t_->join();
    t_.reset();
  }

 private:
  hil::IPlatform& p_;
  std::mutex mu_;
  std::unique_ptr<hil::IThread> t_;
};

// Fault 4's end on the sim: the host's abort, which removes the process's shm objects and
// socket files first, so the sim kernel sees a dext that died and relaunches it.
class PlatformCrash : public Crash {
 public:
  explicit PlatformCrash(hil::IPlatform& p) : p_(p) {}
  [[noreturn]] void now(const char* why) override {
    p_.abort_process(why);
    std::abort();  // not reached; GCC does not carry [[noreturn]] through the virtual call
  }

 private:
  hil::IPlatform& p_;
};

// Keyflip's user client: its ExternalMethod, and the record ring for memory type 1.
template <typename Target>
class Client : public hil::HostedClient {
 public:
  Client(Target& t, hil::ISharedMemory* ring) : t_(t), ring_(ring) {}
  hil::IoRet external_method(hil::MethodArgs& a) override { return t_.external_method(a.selector, a); }
  hil::IoRet copy_client_memory(uint32_t type, hil::ISharedMemory*& mem) override {
    mem = type == 1 ? ring_ : nullptr;
    return mem ? hil::ior::Success : hil::ior::Unsupported;
  }

 private:
  Target& t_;
  hil::ISharedMemory* ring_;
};

class SourceDriver : public hil::HostedDriver {
 public:
  explicit SourceDriver(hil::IPlatform& p) : queue_(p), crash_(p), source_(p, queue_, &crash_) {}
  std::unique_ptr<hil::HostedClient> open(std::shared_ptr<hil::ICompletionSink>) override {
    return std::make_unique<Client<KeyflipSource>>(source_, nullptr);
  }
  void shutdown() override { (void)source_.stop_burst(); }
  KeyflipSource& source() { return source_; }

 private:
  PlatformQueue queue_;
  PlatformCrash crash_;
  KeyflipSource source_;
};

class DeviceDriver : public hil::HostedDriver {
 public:
  DeviceDriver(hil::IPlatform& p, std::unique_ptr<hil::ISharedMemory> ring) : ring_(std::move(ring)), crash_(p), device_(p, &crash_) {}
  bool start() { return ring_ && device_.start(ring_->data(), ring_->size(), kRecordCapacity); }
  std::unique_ptr<hil::HostedClient> open(std::shared_ptr<hil::ICompletionSink>) override {
    return std::make_unique<Client<KeyflipDevice>>(device_, ring_.get());
  }
  void shutdown() override {}
  KeyflipDevice& device() { return device_; }

 private:
  std::unique_ptr<hil::ISharedMemory> ring_;
  PlatformCrash crash_;
  KeyflipDevice device_;
};

// One KeyflipSource and one KeyflipDevice per process, as Keyflip's plist matches them; the
// source reaches the device by a pointer, as a dext finds its peer service in one process.
class Hosting : public hil::DextHosting {
 public:
  explicit Hosting(hil::IPlatform& p) : p_(p) {}
  std::shared_ptr<hil::HostedDriver> add(hil::Role role, const std::string& user_class, const std::string& name,
                                         std::string& err) override {
    const bool is_source = user_class == "KeyflipSource";
    if (is_source != (role == hil::Role::Driver1)) {
      err = user_class + " is Keyflip's " + (is_source ? "Driver1" : "Driver2") + ", asked for as the other role";
      return nullptr;
    }
    if (is_source ? source_ != nullptr : device_ != nullptr) {
      err = "this process already hosts a " + user_class + " (Keyflip runs one of each per process)";
      return nullptr;
    }
    return is_source ? add_source() : add_device(name, err);
  }

  void remove(hil::HostedDriver* d) override {
    if (d == source_) {
      source_ = nullptr;
    } else if (d == device_) {
      if (source_) source_->source().attach(nullptr);
      device_ = nullptr;
    }
  }

 private:
  std::shared_ptr<hil::HostedDriver> add_source() {
    auto s = std::make_shared<SourceDriver>(p_);
    if (device_) s->source().attach(&device_->device());
    source_ = s.get();
    return s;
  }

  std::shared_ptr<hil::HostedDriver> add_device(const std::string& name, std::string& err) {
    const std::string shm = "/keyflip-" + std::to_string(getpid()) + "-" + name + "-1";
    auto d = std::make_shared<DeviceDriver>(p_, p_.create_shared(shm.c_str(), hil::ring_bytes(hil::kRecordSize, kRecordCapacity)));
    if (!d->start()) {
      err = "cannot create the record ring " + shm;
      return nullptr;
    }
    if (source_) source_->source().attach(&d->device());
    device_ = d.get();
    return d;
  }

  hil::IPlatform& p_;
  SourceDriver* source_ = nullptr;
  DeviceDriver* device_ = nullptr;
};

bool hosts(const std::string& user_class) { return user_class == "KeyflipSource" || user_class == "KeyflipDevice"; }

std::unique_ptr<hil::DextHosting> make(hil::IPlatform& p) { return std::make_unique<Hosting>(p); }

}  // namespace

hil::DextKind sim_kind() { return {"keyflip (KeyflipSource, KeyflipDevice)", hosts, make}; }

}  // namespace keyflip
