// The registry side of IOKitLib.h: matching dictionaries, IOServiceGetMatchingServices,
// IOServiceAddMatchingNotification (first match and terminated), iterators, registry entry
// IDs and properties, IOObjectRetain/Release. The entries are the sim kernel's, published by
// the C# bridge through hil_twin_* (control.cpp).
#include <cstdlib>

#include "twin.h"

namespace twin {

constexpr kern_return_t kIOReturnBadArgument = static_cast<kern_return_t>(0xE00002C2u);

struct Iterator {
  std::deque<std::shared_ptr<Service>> pending;
  std::map<std::string, std::string> matching;
  bool notification = false, armed = false, terminations = false;
  std::weak_ptr<NotificationPort> port;
  void (*callback)(void*, io_object_t) = nullptr;
  void* refcon = nullptr;
  io_object_t name = 0;
};

namespace {
struct Registry {
  std::map<uint64_t, std::shared_ptr<Service>> services;
  std::vector<std::weak_ptr<Iterator>> watchers;
};
Registry& registry() {
  static auto* r = new Registry;
  return *r;
}

bool matches(const Service& s, const std::map<std::string, std::string>& m) {
  for (auto& [key, value] : m) {
    if (key == "IOProviderClass" && value != s.class_name) return false;
    if (key == "IONameMatch" && value != s.name) return false;
    if (key == "IORegistryEntryID" && std::strtoull(value.c_str(), nullptr, 0) != s.id) return false;
  }
  return true;
}

std::shared_ptr<Iterator> iterator_of(io_object_t name) {
  auto o = find_object(name);
  return o != nullptr && o->kind == IoObject::Kind::Iterator ? o->iterator : nullptr;
}

// The matching dictionary's keys, consuming the caller's reference as IOKit does.
bool take_matching(const void* dict, const char* call, std::map<std::string, std::string>& out) {
  auto* m = cf_dictionary_value(dict);
  if (m == nullptr) {
    problem(std::string(call) + " was given a matching dictionary that is not a live CFDictionary");
    return false;
  }
  out = *m;
  cf_consume(dict, call);
  return true;
}

io_object_t new_iterator(std::shared_ptr<Iterator> it, const char* call) {
  auto o = std::make_shared<IoObject>();
  o->kind = IoObject::Kind::Iterator;
  o->iterator = it;
  it->name = hand_out(o, call);
  return it->name;
}

// Queues `s` on every armed watcher of the given kind and wakes its port, as a notification does.
void notify(const std::shared_ptr<Service>& s, bool terminations) {
  auto& w = registry().watchers;
  for (size_t i = 0; i < w.size();) {
    auto it = w[i].lock();
    if (it == nullptr) {
      w.erase(w.begin() + static_cast<long>(i));
      continue;
    }
    ++i;
    if (it->terminations != terminations || !matches(*s, it->matching)) continue;
    it->pending.push_back(s);
    auto port = it->port.lock();
    if (!it->armed || port == nullptr) continue;
    it->armed = false;  // re-armed when the callback drains the iterator
    std::weak_ptr<Iterator> weak = it;
    post(port, [weak] {
      void (*cb)(void*, io_object_t) = nullptr;
      void* refcon = nullptr;
      io_object_t name = 0;
      {
        std::lock_guard<std::mutex> g(lock());
        auto live = weak.lock();
        if (live == nullptr || find_object(live->name) == nullptr) return;
        cb = live->callback;
        refcon = live->refcon;
        name = live->name;
      }
      cb(refcon, name);
    });
  }
}
}  // namespace

std::shared_ptr<Service> find_service(uint64_t id) {
  auto it = registry().services.find(id);
  return it == registry().services.end() ? nullptr : it->second;
}

void publish(std::shared_ptr<Service> s) { registry().services[s->id] = std::move(s); }

void register_service(const std::shared_ptr<Service>& s) {
  s->registered = true;
  notify(s, false);
}

void terminate_service(const std::shared_ptr<Service>& s) {
  s->registered = false;
  s->terminated = true;
  registry().services.erase(s->id);
  notify(s, true);
}

}  // namespace twin

using twin::Iterator;
using twin::kern_return_t;

namespace {
void* matching(const char* key, const std::string& value, const char* call) {
  std::lock_guard<std::mutex> g(twin::lock());
  auto* d = twin::cf_dictionary(call);
  (*twin::cf_dictionary_value(d))[key] = value;
  return d;
}
}  // namespace

HIL_EXPORT void* IOServiceMatching(const char* name) {
  return name == nullptr ? nullptr : matching("IOProviderClass", name, "IOServiceMatching");
}

HIL_EXPORT void* IOServiceNameMatching(const char* name) {
  return name == nullptr ? nullptr : matching("IONameMatch", name, "IOServiceNameMatching");
}

HIL_EXPORT void* IORegistryEntryIDMatching(uint64_t entry_id) {
  return matching("IORegistryEntryID", std::to_string(entry_id), "IORegistryEntryIDMatching");
}

HIL_EXPORT kern_return_t IOServiceGetMatchingServices(uint32_t main_port, const void* dict, uint32_t* existing) {
  std::lock_guard<std::mutex> g(twin::lock());
  auto it = std::make_shared<Iterator>();
  if (existing == nullptr || !twin::take_matching(dict, "IOServiceGetMatchingServices", it->matching)) {
    return twin::kIOReturnBadArgument;
  }
  for (auto& [id, s] : twin::registry().services) {
    if (s->registered && twin::matches(*s, it->matching)) it->pending.push_back(s);
  }
  *existing = twin::new_iterator(it, "IOServiceGetMatchingServices");
  return twin::kKernSuccess;
}

HIL_EXPORT kern_return_t IOServiceAddMatchingNotification(void* notify_port, const char* type, const void* dict,
                                                          void (*callback)(void*, uint32_t), void* refcon,
                                                          uint32_t* notification) {
  std::lock_guard<std::mutex> g(twin::lock());
  auto it = std::make_shared<Iterator>();
  const bool took = twin::take_matching(dict, "IOServiceAddMatchingNotification", it->matching);
  const std::string kind = type == nullptr ? "" : type;
  const bool arrival = kind == "IOServiceFirstMatch" || kind == "IOServiceMatched" || kind == "IOServicePublish";
  auto port = twin::port_from_ref(notify_port);
  if (!took || notification == nullptr || callback == nullptr || port == nullptr ||
      (!arrival && kind != "IOServiceTerminate")) {
    return twin::kIOReturnBadArgument;
  }
  it->notification = true;
  it->terminations = !arrival;
  it->port = port;
  it->callback = callback;
  it->refcon = refcon;
  if (arrival) {
    for (auto& [id, s] : twin::registry().services) {
      if (s->registered && twin::matches(*s, it->matching)) it->pending.push_back(s);
    }
  }
  twin::registry().watchers.push_back(it);
  *notification = twin::new_iterator(it, "IOServiceAddMatchingNotification");
  return twin::kKernSuccess;
}

HIL_EXPORT uint32_t IOIteratorNext(uint32_t iterator) {
  std::lock_guard<std::mutex> g(twin::lock());
  auto it = twin::iterator_of(iterator);
  if (it == nullptr) return 0;
  if (it->pending.empty()) {
    it->armed = it->notification;  // drained: the next match is delivered
    return 0;
  }
  auto s = it->pending.front();
  it->pending.pop_front();
  return twin::hand_out_service(s, "IOIteratorNext");
}

HIL_EXPORT kern_return_t IOObjectRetain(uint32_t object) {
  std::lock_guard<std::mutex> g(twin::lock());
  auto o = twin::find_object(object);
  if (o == nullptr) return twin::kKernInvalidName;
  ++o->refs;
  return twin::kKernSuccess;
}

HIL_EXPORT kern_return_t IOObjectRelease(uint32_t object) {
  if (object == 0) return twin::kKernSuccess;  // MACH_PORT_NULL: nothing to release
  std::shared_ptr<twin::IoObject> removed;
  std::unique_lock<std::mutex> g(twin::lock());
  const bool ok = twin::drop(object, "IOObjectRelease", &removed);
  g.unlock();
  removed.reset();  // a connection's last reference closes it outside the lock
  return ok ? twin::kKernSuccess : twin::kKernInvalidName;
}

HIL_EXPORT kern_return_t IORegistryEntryGetRegistryEntryID(uint32_t entry, uint64_t* entry_id) {
  std::lock_guard<std::mutex> g(twin::lock());
  auto o = twin::find_object(entry);
  if (o == nullptr || o->kind != twin::IoObject::Kind::Service || entry_id == nullptr) {
    return twin::kIOReturnBadArgument;
  }
  *entry_id = o->service->id;
  return twin::kKernSuccess;
}

HIL_EXPORT const void* IORegistryEntryCreateCFProperty(uint32_t entry, const void* key, const void* allocator,
                                                       uint32_t options) {
  std::lock_guard<std::mutex> g(twin::lock());
  auto o = twin::find_object(entry);
  const std::string* k = twin::cf_string_value(key);
  if (o == nullptr || o->kind != twin::IoObject::Kind::Service || k == nullptr) return nullptr;
  auto& s = *o->service;
  if (auto n = s.numbers.find(*k); n != s.numbers.end()) {
    return twin::cf_number(n->second, "IORegistryEntryCreateCFProperty");
  }
  if (auto str = s.strings.find(*k); str != s.strings.end()) {
    return twin::cf_string(str->second, "IORegistryEntryCreateCFProperty");
  }
  return nullptr;
}
