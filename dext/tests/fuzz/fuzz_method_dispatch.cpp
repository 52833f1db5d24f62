// Fuzzes the method decoder: bytes -> wire frames -> the sim host's own conversion to a
// call (core/frame_call.cpp) -> the user-client method table of a Driver1 and a Driver2
// in one process. Every call must return an IOReturn; outputs must respect the reply
// limits; a simulated crash is an allowed outcome, a real one is not.
#include <cstdint>
#include <cstdlib>
#include <memory>

#include "frame_call.h"
#include "fuzz_platform.h"
#include "user_client.h"
#include "wire.h"

using namespace hil;

namespace {
struct NullSink : ICompletionSink {
  bool complete(uint32_t, IoRet, const uint64_t* args, uint32_t n) override {
    if (n > kMaxScalars || (n && !args)) std::abort();
    return true;
  }
};
}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  FuzzPlatform p;
  Process proc(p);
  // A small record ring: the default 10 MiB per input would make the fuzzer measure calloc.
  auto d2 = std::make_shared<Driver2>(p, proc, "d2", 2, 64);
  auto d1 = std::make_shared<Driver1>(p, proc, "d1", 1);
  proc.add(d2);
  proc.add(d1);
  auto sink = std::make_shared<NullSink>();
  {
    UserClient u1(d1, sink), u2(d2, sink);
    static MethodArgs a;
    size_t pos = 0;
    try {
      // Frames back to back, each [u32 len][body]; the high bit of the kind byte is not
      // part of the protocol, so it picks the target instance instead.
      while (pos + 4 <= size) {
        uint32_t len = static_cast<uint32_t>(data[pos]) | static_cast<uint32_t>(data[pos + 1]) << 8 |
                       static_cast<uint32_t>(data[pos + 2]) << 16 | static_cast<uint32_t>(data[pos + 3]) << 24;
        pos += 4;
        if (len == 0 || len > size - pos) break;
        std::vector<uint8_t> body(data + pos, data + pos + len);
        pos += len;
        UserClient& u = (body[0] & 0x80) ? u2 : u1;
        body[0] &= 0x7F;
        Frame f;
        if (!decode_frame(body.data(), body.size(), f)) continue;
        if (f.kind == FrameKind::Call || f.kind == FrameKind::CallAsync) {
          const IoRet r = call_from_frame(u, f, a);
          if (a.scalar_out_count > kMaxScalars || a.struct_out_len > kMaxStructOut) std::abort();
          if (r != ior::Success && (a.scalar_out_count || a.struct_out_len)) std::abort();
        } else if (f.kind == FrameKind::Map) {
          ISharedMemory* m = nullptr;
          const IoRet r = u.copy_client_memory(f.memory_type, m);
          if ((r == ior::Success) != (m != nullptr)) std::abort();
        }
      }
    } catch (const FuzzAbort&) {
      // SetFault crash: the dext process would die here, which is the intended outcome.
    }
  }
  d1->shutdown();
  d2->shutdown();
  return 0;
}
