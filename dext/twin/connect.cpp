// The user-client side of IOKitLib.h: IOServiceOpen/Close, IOConnectCallMethod,
// IOConnectCallAsyncMethod, IOConnectMapMemory64/Unmap, spoken to hil-simhost over the sim
// wire protocol (PROTOCOL.md §2) with the native client dext/tools/simclient already uses.
// Counts follow IOKitLib.h: scalar output and struct output counts are in/out (capacity in,
// what the driver returned out); an output larger than the caller's capacity is refused.
#include <fcntl.h>
#include <sys/mman.h>
#include <unistd.h>

#include <algorithm>
#include <cstring>

#include "client.h"
#include "twin.h"

namespace twin {

constexpr kern_return_t kBadArgument = static_cast<kern_return_t>(0xE00002C2u);
constexpr kern_return_t kOffline = static_cast<kern_return_t>(0xE00002E3u);
constexpr kern_return_t kOverrun = static_cast<kern_return_t>(0xE00002E8u);
constexpr kern_return_t kNoMemory = static_cast<kern_return_t>(0xE00002BDu);
constexpr uint32_t kTaskSelf = 0x103;

using AsyncCallback = void (*)(void* refcon, int32_t result, void** args, uint32_t n);

struct AsyncTarget {
  mach_port_t wake_port = 0;
  AsyncCallback callback = nullptr;
  void* refcon = nullptr;
};

namespace {
// Every range IOConnectMapMemory64 mapped, by address, with the shm object behind it, so a
// struct input lying inside one can stand for the kernel's structureInputDescriptor.
struct Mapped {
  size_t size = 0;
  std::string shm_name;
};
std::mutex& mapped_lock() {
  static std::mutex m;
  return m;
}
std::map<uint64_t, Mapped>& mapped() {
  static std::map<uint64_t, Mapped> m;
  return m;
}
void unmap(uint64_t addr) {
  std::lock_guard<std::mutex> g(mapped_lock());
  auto it = mapped().find(addr);
  if (it == mapped().end()) return;
  munmap(reinterpret_cast<void*>(addr), it->second.size);
  mapped().erase(it);
}

// IOKitLib.c sends a struct input over sizeof(io_struct_inband_t) = 4096 bytes out of line,
// and the dext receives it as IOUserClientMethodArguments::structureInputDescriptor
// (xnu iokit/DriverKit/IOUserClient.iig), a descriptor over the caller's own pages. The sim
// wire carries bytes, not memory, so when such an input lies inside memory the twin mapped,
// the twin sends the shm object's name instead: the form in which a sim driver opens shared
// memory (Driver1::hand_over_ring). Elsewhere the bytes go inline, as they did.
constexpr size_t kStructInbandMax = 4096;
bool shm_behind(const void* p, size_t len, std::string& name) {
  if (len <= kStructInbandMax) return false;
  const auto a = reinterpret_cast<uint64_t>(p);
  std::lock_guard<std::mutex> g(mapped_lock());
  auto it = mapped().upper_bound(a);
  if (it == mapped().begin()) return false;
  --it;
  if (a + len > it->first + it->second.size) return false;
  name = it->second.shm_name;
  return true;
}
}  // namespace

struct Connection {
  std::string endpoint;
  std::mutex mu;  // targets, next_ref, maps
  std::map<uint32_t, AsyncTarget> targets;
  uint32_t next_ref = 1;
  bool reading = false;
  std::vector<uint64_t> maps;  // addresses in mapped()
  hil::SimConnection wire;  // last: destroyed first, so its reader thread stops before the rest goes

  ~Connection() {
    wire.close();
    for (uint64_t addr : maps) unmap(addr);
  }

  // Async frames arrive on the reader thread; each is handed to its wake port's run loop.
  void on_async(const hil::Frame& f) {
    AsyncTarget t;
    {
      std::lock_guard<std::mutex> g(mu);
      auto it = targets.find(f.ref);
      if (it == targets.end()) return;
      t = it->second;
    }
    std::vector<uint64_t> args(f.scalars, f.scalars + f.n_scalars);
    const int32_t status = f.status;
    std::lock_guard<std::mutex> g(lock());
    auto port = find_port(t.wake_port);
    if (port == nullptr) return;  // the port was destroyed: IOKit drops the completion too
    post(port, [t, args, status] {
      void* raw[hil::kMaxScalars] = {};
      for (size_t i = 0; i < args.size(); ++i) raw[i] = reinterpret_cast<void*>(args[i]);
      t.callback(t.refcon, status, raw, static_cast<uint32_t>(args.size()));
    });
  }
};

namespace {
std::shared_ptr<Connection> connection_of(io_object_t name) {
  std::lock_guard<std::mutex> g(lock());
  auto o = find_object(name);
  return o != nullptr && o->kind == IoObject::Kind::Connect ? o->connection : nullptr;
}

// One call on the wire: scalars and struct in, the reply checked against the caller's capacities.
kern_return_t call(Connection& c, uint32_t selector, const uint32_t* ref, const uint64_t* in, uint32_t in_count,
                   const void* in_struct, size_t in_struct_count, uint64_t* out, uint32_t* out_count,
                   void* out_struct, size_t* out_struct_count) {
  std::string shm;
  if (in_struct != nullptr && shm_behind(in_struct, in_struct_count, shm)) {
    in_struct = shm.data();
    in_struct_count = shm.size();
  }
  if (in_count > hil::kMaxScalars || (in_count > 0 && in == nullptr) || (in_struct_count > 0 && in_struct == nullptr) ||
      in_struct_count > hil::kMaxFrameLength - 64 || (out_count != nullptr && *out_count > 0 && out == nullptr) ||
      (out_struct_count != nullptr && *out_struct_count > 0 && out_struct == nullptr)) {
    return kBadArgument;
  }
  std::vector<uint8_t> frame(in_struct_count + 256);  // header + 16 scalars fit in 256
  const auto* data = static_cast<const uint8_t*>(in_struct);
  const auto len = static_cast<uint32_t>(in_struct_count);
  const size_t n = ref == nullptr
                       ? hil::encode_call(frame.data(), frame.size(), 0, selector, in, in_count, data, len)
                       : hil::encode_call_async(frame.data(), frame.size(), 0, selector, *ref, in, in_count, data, len);
  auto reply = std::make_unique<hil::Reply>();
  if (n == 0) return kBadArgument;
  if (!c.wire.raw(frame.data(), n, *reply)) return kMachSendInvalidDest;  // the dext's process is gone
  const uint32_t scalar_capacity = out_count == nullptr ? 0 : *out_count;
  const size_t struct_capacity = out_struct_count == nullptr ? 0 : *out_struct_count;
  if (reply->n > scalar_capacity) return kBadArgument;  // IOUserClientMethodDispatch checkScalarOutputCount
  if (reply->len > struct_capacity) return kOverrun;
  if (out_count != nullptr) *out_count = reply->n;
  if (out_struct_count != nullptr) *out_struct_count = reply->len;
  if (reply->n > 0) std::memcpy(out, reply->s, reply->n * sizeof(uint64_t));
  if (reply->len > 0) std::memcpy(out_struct, reply->data, reply->len);
  return reply->status;
}
}  // namespace

}  // namespace twin

using twin::kern_return_t;

extern "C" {
// mach_task_self() reads this variable (mach_init.h); the harness reads it through NativeLibrary.GetExport.
__attribute__((visibility("default"))) uint32_t mach_task_self_ = twin::kTaskSelf;
}

HIL_EXPORT kern_return_t IOServiceOpen(uint32_t service, uint32_t owning_task, uint32_t type, uint32_t* connect) {
  std::shared_ptr<twin::Service> s;
  std::string token;
  {
    std::lock_guard<std::mutex> g(twin::lock());
    token = twin::client_entitlement();
    auto o = twin::find_object(service);
    if (o == nullptr || o->kind != twin::IoObject::Kind::Service || connect == nullptr ||
        owning_task != twin::kTaskSelf) {
      return twin::kBadArgument;
    }
    s = o->service;
    if (token.empty()) token = s->token;
  }
  if (s->terminated || s->endpoint.empty()) return twin::kOffline;
  auto c = std::make_shared<twin::Connection>();
  c->endpoint = s->endpoint;
  if (!c->wire.connect(s->endpoint)) return twin::kOffline;
  hil::Reply r;
  if (!c->wire.open(token, r, type)) return twin::kMachSendInvalidDest;
  if (r.status != 0) return r.status;
  std::lock_guard<std::mutex> g(twin::lock());
  auto o = std::make_shared<twin::IoObject>();
  o->kind = twin::IoObject::Kind::Connect;
  o->connection = c;
  *connect = twin::hand_out(o, "IOServiceOpen");
  return twin::kKernSuccess;
}

// io_service_close, then the IOObjectRelease of the connect IOServiceOpen handed out (IOKitLib.c).
HIL_EXPORT kern_return_t IOServiceClose(uint32_t connect) {
  std::shared_ptr<twin::IoObject> removed;
  std::unique_lock<std::mutex> g(twin::lock());
  auto o = twin::find_object(connect);
  if (o == nullptr || o->kind != twin::IoObject::Kind::Connect) {
    twin::drop(connect, "IOServiceClose");  // names the over-release when it was one
    return twin::kBadArgument;
  }
  o->connection->wire.close();
  twin::drop(connect, "IOServiceClose", &removed);
  g.unlock();
  return twin::kKernSuccess;
}

HIL_EXPORT kern_return_t IOConnectCallMethod(uint32_t connection, uint32_t selector, const uint64_t* input,
                                             uint32_t input_count, const void* input_struct, size_t input_struct_count,
                                             uint64_t* output, uint32_t* output_count, void* output_struct,
                                             size_t* output_struct_count) {
  auto c = twin::connection_of(connection);
  if (c == nullptr) return twin::kMachSendInvalidDest;
  return twin::call(*c, selector, nullptr, input, input_count, input_struct, input_struct_count, output, output_count,
                    output_struct, output_struct_count);
}

// reference[kIOAsyncCalloutFuncIndex = 1] is the IOAsyncCallback, [kIOAsyncCalloutRefconIndex = 2] its refcon.
HIL_EXPORT kern_return_t IOConnectCallAsyncMethod(uint32_t connection, uint32_t selector, uint32_t wake_port,
                                                  uint64_t* reference, uint32_t reference_count, const uint64_t* input,
                                                  uint32_t input_count, const void* input_struct,
                                                  size_t input_struct_count, uint64_t* output, uint32_t* output_count,
                                                  void* output_struct, size_t* output_struct_count) {
  auto c = twin::connection_of(connection);
  if (c == nullptr) return twin::kMachSendInvalidDest;
  if (reference == nullptr || reference_count < 3 || reference_count > 8 || reference[1] == 0) {
    return twin::kBadArgument;
  }
  {
    std::lock_guard<std::mutex> g(twin::lock());
    if (twin::find_port(wake_port) == nullptr) return twin::kBadArgument;
  }
  uint32_t ref = 0;
  {
    std::lock_guard<std::mutex> g(c->mu);
    ref = c->next_ref++;
    c->targets[ref] = {wake_port, reinterpret_cast<twin::AsyncCallback>(reference[1]),
                       reinterpret_cast<void*>(reference[2])};
    if (!c->reading) {
      c->reading = true;
      twin::Connection* raw = c.get();  // the reader stops in ~Connection before raw goes
      c->wire.start_reader([raw](const hil::Frame& f) { raw->on_async(f); });
    }
  }
  const auto kr = twin::call(*c, selector, &ref, input, input_count, input_struct, input_struct_count, output,
                             output_count, output_struct, output_struct_count);
  if (kr != twin::kKernSuccess) {
    std::lock_guard<std::mutex> g(c->mu);
    c->targets.erase(ref);
  }
  return kr;
}

HIL_EXPORT kern_return_t IOConnectMapMemory64(uint32_t connect, uint32_t memory_type, uint32_t into_task,
                                              uint64_t* at_address, uint64_t* of_size, uint32_t options) {
  auto c = twin::connection_of(connect);
  if (c == nullptr) return twin::kMachSendInvalidDest;
  if (into_task != twin::kTaskSelf || at_address == nullptr || of_size == nullptr) return twin::kBadArgument;
  hil::Reply r;
  if (!c->wire.map(memory_type, r)) return twin::kMachSendInvalidDest;
  if (r.status != 0) return r.status;
  if (r.n < 1 || r.len == 0) return twin::kBadArgument;
  const std::string name = r.str();
  const int fd = shm_open(name.c_str(), O_RDWR, 0);
  if (fd < 0) return twin::kNoMemory;
  void* p = mmap(nullptr, r.s[0], PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
  ::close(fd);
  if (p == MAP_FAILED) return twin::kNoMemory;
  const auto addr = reinterpret_cast<uint64_t>(p);
  {
    std::lock_guard<std::mutex> m(twin::mapped_lock());
    twin::mapped()[addr] = {static_cast<size_t>(r.s[0]), name};
  }
  std::lock_guard<std::mutex> g(c->mu);
  c->maps.push_back(addr);
  *at_address = addr;
  *of_size = r.s[0];
  return twin::kKernSuccess;
}

HIL_EXPORT kern_return_t IOConnectUnmapMemory64(uint32_t connect, uint32_t memory_type, uint32_t from_task,
                                                uint64_t at_address) {
  auto c = twin::connection_of(connect);
  if (c == nullptr) return twin::kMachSendInvalidDest;
  {
    std::lock_guard<std::mutex> g(c->mu);
    auto it = std::find(c->maps.begin(), c->maps.end(), at_address);
    if (it == c->maps.end() || from_task != twin::kTaskSelf) return twin::kBadArgument;
    c->maps.erase(it);
  }
  twin::unmap(at_address);
  return twin::kKernSuccess;
}
