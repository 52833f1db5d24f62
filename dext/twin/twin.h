// libhil-macos-twin: the IOKit and CoreFoundation entry points Hil.MacInterop binds, with the
// semantics Apple documents (IOKitLib.h in github.com/apple-oss-distributions/IOKitUser;
// CFBase.h, CFString.h, CFNumber.h, CFRunLoop.h of CoreFoundation), over the sim kernel's
// registry (fed by hil_twin_* control calls) and the sim wire protocol (PROTOCOL.md §2).
// Internal declarations shared by the twin's translation units.
#pragma once
#include <cstdint>
#include <deque>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#define HIL_EXPORT extern "C" __attribute__((visibility("default")))

namespace twin {

using kern_return_t = int32_t;
using io_object_t = uint32_t;
using mach_port_t = uint32_t;

// kern_return.h and IOReturn.h values the twin answers with.
constexpr kern_return_t kKernSuccess = 0;
constexpr kern_return_t kKernInvalidArgument = 4;
constexpr kern_return_t kKernInvalidName = 15;
constexpr kern_return_t kMachSendInvalidDest = 0x10000003;

// One registry entry as the sim side published it.
struct Service {
  uint64_t id = 0;
  std::string class_name, name, endpoint, token;
  std::map<std::string, std::string> strings;
  std::map<std::string, int64_t> numbers;
  bool registered = false, terminated = false;
};

struct Connection;
struct Iterator;

// What an io_object_t name refers to; `refs` are the caller's user references.
struct IoObject {
  enum class Kind { Service, Iterator, Connect } kind = Kind::Service;
  io_object_t name = 0;
  int refs = 0;
  bool reported = false;  // a leak is reported by one audit, not every later one
  std::string creator;
  std::shared_ptr<Service> service;
  std::shared_ptr<Iterator> iterator;
  std::shared_ptr<Connection> connection;
  std::string describe() const;
};

// Everything below is guarded by lock().
std::mutex& lock();
// Hands the caller one reference to `o` (a new name for a new object), recording `call`.
io_object_t hand_out(std::shared_ptr<IoObject> o, const char* call);
io_object_t hand_out_service(const std::shared_ptr<Service>& s, const char* call);
std::shared_ptr<IoObject> find_object(io_object_t name);
// Drops one reference; false (and an over-release problem naming the creator) when none is left.
bool drop(io_object_t name, const char* call, std::shared_ptr<IoObject>* removed = nullptr);
void problem(const std::string& text);
// The app's entitlement token (control.cpp); empty means the service's own.
std::string& client_entitlement();
std::string audit_text();

// CoreFoundation objects (cf.cpp).
struct CfObject;
CfObject* cf_string(const std::string& s, const char* call);
CfObject* cf_number(int64_t v, const char* call);
CfObject* cf_dictionary(const char* call);
bool cf_is(const void* p, int type_id);
const std::string* cf_string_value(const void* p);
std::map<std::string, std::string>* cf_dictionary_value(const void* p);
// Releases one reference without the caller being CFRelease (IOKit consuming a dictionary).
void cf_consume(const void* p, const char* call);
void cf_audit(std::string& out);

// Matching and notifications (registry.cpp).
struct NotificationPort;
std::shared_ptr<NotificationPort> find_port(mach_port_t port);
// The port an IONotificationPortRef (or its run-loop source) points at; null when destroyed.
std::shared_ptr<NotificationPort> port_from_ref(const void* ref);
void post(const std::shared_ptr<NotificationPort>& port, std::function<void()> work);
void port_audit(std::string& out);
std::shared_ptr<Service> find_service(uint64_t id);
void publish(std::shared_ptr<Service> s);
void register_service(const std::shared_ptr<Service>& s);
void terminate_service(const std::shared_ptr<Service>& s);

}  // namespace twin
