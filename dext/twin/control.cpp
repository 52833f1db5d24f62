// The twin's own entry points (no Apple counterpart): the C# bridge of the macos-twin backend
// publishes the sim kernel's services here, terminates them when they go, and asks at the end
// of a session which objects were leaked or over-released.
#include <cstring>

#include "twin.h"

namespace {
std::shared_ptr<twin::Service> pending(uint64_t id) {
  auto s = twin::find_service(id);
  return s != nullptr && !s->registered ? s : nullptr;
}
}  // namespace

// A new entry, not yet visible to matching: properties are set before hil_twin_register_service.
// Returns 0, or -1 for a null argument or an ID already in the registry.
HIL_EXPORT int hil_twin_publish_service(uint64_t id, const char* class_name, const char* name, const char* endpoint,
                                        const char* token) {
  if (class_name == nullptr || name == nullptr) return -1;
  std::lock_guard<std::mutex> g(twin::lock());
  if (twin::find_service(id) != nullptr) return -1;
  auto s = std::make_shared<twin::Service>();
  s->id = id;
  s->class_name = class_name;
  s->name = name;
  s->endpoint = endpoint == nullptr ? "" : endpoint;
  s->token = token == nullptr ? "" : token;
  twin::publish(std::move(s));
  return 0;
}

HIL_EXPORT int hil_twin_set_property_string(uint64_t id, const char* key, const char* value) {
  std::lock_guard<std::mutex> g(twin::lock());
  auto s = pending(id);
  if (s == nullptr || key == nullptr || value == nullptr) return -1;
  s->strings[key] = value;
  return 0;
}

HIL_EXPORT int hil_twin_set_property_number(uint64_t id, const char* key, int64_t value) {
  std::lock_guard<std::mutex> g(twin::lock());
  auto s = pending(id);
  if (s == nullptr || key == nullptr) return -1;
  s->numbers[key] = value;
  return 0;
}

// Makes the entry matchable and delivers first-match notifications, as registerService does.
HIL_EXPORT int hil_twin_register_service(uint64_t id) {
  std::lock_guard<std::mutex> g(twin::lock());
  auto s = pending(id);
  if (s == nullptr) return -1;
  twin::register_service(s);
  return 0;
}

// Removes the entry and delivers terminated notifications; open connections see their host go.
HIL_EXPORT int hil_twin_terminate_service(uint64_t id) {
  std::lock_guard<std::mutex> g(twin::lock());
  auto s = twin::find_service(id);
  if (s == nullptr) return -1;
  twin::terminate_service(s);
  return 0;
}

// The entitlement the calling app is signed with, as the kernel would read it from its signature:
// IOServiceOpen presents it to the dext instead of the service's own token. Null or empty: the
// app is entitled to every service (the token published with it).
HIL_EXPORT void hil_twin_set_client_entitlement(const char* token) {
  std::lock_guard<std::mutex> g(twin::lock());
  twin::client_entitlement() = token == nullptr ? "" : token;
}

// Every leak and over-release not reported before, one per line, each naming the call that
// created the object. Returns the text's length; the text (and a NUL) is written and
// forgotten only when it fits in cap bytes, so a caller with a short buffer asks again.
HIL_EXPORT size_t hil_twin_audit(char* buffer, size_t cap) {
  static auto* unread = new std::string;
  std::lock_guard<std::mutex> g(twin::lock());
  *unread += twin::audit_text();
  const size_t full = unread->size();
  if (buffer != nullptr && cap > full) {
    std::memcpy(buffer, unread->c_str(), full + 1);
    unread->clear();
  }
  return full;
}
