// io_object_t accounting: every name the twin hands out, its user references and the call
// that created it, so a leak or an over-release at the end of a session names that call.
// Names follow Mach's rule for port rights: one name per object per task, a second hand-out
// of the same object adds a reference to the same name (IOKitLib.h, IOObjectRetain).
#include <cinttypes>
#include <cstdio>

#include "twin.h"

namespace twin {
namespace {

struct Table {
  std::map<io_object_t, std::shared_ptr<IoObject>> live;
  std::map<io_object_t, std::string> dead;  // released names, for naming an over-release
  std::vector<std::string> problems;
  io_object_t next = 0x1003;
};

Table& table() {
  static Table* t = new Table;  // never destroyed: callbacks may run during process exit
  return *t;
}

}  // namespace

std::mutex& lock() {
  static std::mutex* m = new std::mutex;
  return *m;
}

std::string IoObject::describe() const {
  char buf[64];
  std::snprintf(buf, sizeof buf, "io_object_t 0x%x", name);
  switch (kind) {
    case Kind::Service: {
      char id[32];
      std::snprintf(id, sizeof id, "0x%" PRIx64, service->id);
      return std::string(buf) + " (" + service->class_name + " " + service->name + ", registry id " + id + ")";
    }
    case Kind::Iterator:
      return std::string(buf) + " (io_iterator_t)";
    case Kind::Connect:
      return std::string(buf) + " (io_connect_t)";
  }
  return buf;
}

io_object_t hand_out(std::shared_ptr<IoObject> o, const char* call) {
  auto& t = table();
  o->name = t.next;
  t.next += 4;
  o->refs = 1;
  o->creator = call;
  t.live[o->name] = std::move(o);
  return t.next - 4;
}

io_object_t hand_out_service(const std::shared_ptr<Service>& s, const char* call) {
  for (auto& [name, o] : table().live) {
    if (o->kind == IoObject::Kind::Service && o->service == s) {
      ++o->refs;
      return name;
    }
  }
  auto o = std::make_shared<IoObject>();
  o->kind = IoObject::Kind::Service;
  o->service = s;
  return hand_out(std::move(o), call);
}

std::shared_ptr<IoObject> find_object(io_object_t name) {
  auto it = table().live.find(name);
  return it == table().live.end() ? nullptr : it->second;
}

bool drop(io_object_t name, const char* call, std::shared_ptr<IoObject>* removed) {
  auto& t = table();
  auto it = t.live.find(name);
  if (it == t.live.end()) {
    char buf[96];
    std::snprintf(buf, sizeof buf, "over-released io_object_t 0x%x: %s after its last reference", name, call);
    auto d = t.dead.find(name);
    problem(std::string(buf) + (d == t.dead.end() ? "; the twin never handed out that name" : "; created by " + d->second));
    return false;
  }
  if (--it->second->refs == 0) {
    t.dead[name] = it->second->creator;
    if (removed != nullptr) *removed = it->second;  // destroyed by the caller once it has let go of lock()
    t.live.erase(it);
  }
  return true;
}

void problem(const std::string& text) { table().problems.push_back(text); }

std::string& client_entitlement() {
  static auto* token = new std::string;
  return *token;
}

std::string audit_text() {
  auto& t = table();
  std::string out;
  for (auto& p : t.problems) out += p + "\n";
  t.problems.clear();
  for (auto& [name, o] : t.live) {
    if (o->reported) continue;
    o->reported = true;
    out += "leaked " + o->describe() + ": " + std::to_string(o->refs) + " reference(s) never released; created by " +
           o->creator + "\n";
  }
  cf_audit(out);
  port_audit(out);
  return out;
}

}  // namespace twin
