// Writes seed inputs for the fuzzers (valid frames of every kind and a plausible session
// per topology), so libFuzzer starts from deep paths instead of rediscovering the format.
#include <cstdio>
#include <string>
#include <vector>

#include "method_table.h"
#include "wire.h"

using namespace hil;
using Bytes = std::vector<uint8_t>;

namespace {

Bytes call(uint32_t sel, std::vector<uint64_t> s, Bytes d = {}, bool to_d2 = false, bool async = false) {
  Bytes b(64 + 8 * s.size() + d.size());
  const size_t n = async ? encode_call_async(b.data(), b.size(), 1, sel, 7, s.data(), static_cast<uint32_t>(s.size()), d.data(),
                                             static_cast<uint32_t>(d.size()))
                         : encode_call(b.data(), b.size(), 1, sel, s.data(), static_cast<uint32_t>(s.size()), d.data(),
                                       static_cast<uint32_t>(d.size()));
  b.resize(n);
  if (to_d2) b[4] |= 0x80;  // fuzz_method_dispatch routes on this bit
  return b;
}

void write(const std::string& path, const std::vector<Bytes>& frames) {
  FILE* f = std::fopen(path.c_str(), "wb");
  if (!f) return;
  for (const Bytes& b : frames) std::fwrite(b.data(), 1, b.size(), f);
  std::fclose(f);
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 3) {
    std::fprintf(stderr, "usage: make_seeds WIRE_DIR METHOD_DIR\n");
    return 2;
  }
  const std::string wire = argv[1], method = argv[2];
  Bytes msg(36, 0);
  msg[24] = 8;
  Bytes map(13), open(32), reply(64), async(64);
  map.resize(encode_map(map.data(), map.size(), 3, 2));
  open.resize(encode_open(open.data(), open.size(), 2, 0, reinterpret_cast<const uint8_t*>("tok"), 3));
  const uint64_t s[2] = {1, 2};
  reply.resize(encode_reply(reply.data(), reply.size(), 4, 0, s, 2, msg.data(), 4));
  async.resize(encode_async(async.data(), async.size(), 5, 0, s, 2));
  write(wire + "/kinds", {call(5, {}), open, map, reply, async, call(9, {}, {}, false, true)});
  write(wire + "/message", {msg});

  const Bytes name = {'/', 'h', 'i', 'l', '-', '1', '-', 'd', '2', '-', '2'};
  Bytes map2 = map;
  map2[4] |= 0x80;
  write(method + "/one_process", {call(kSelOpenSession, {1}), call(kSelConfigure, {1, 8, 0, 0}), call(kSelInjectReport, {}, {2, 1, 2}),
                                  call(kSelReadCounters, {}, {}, true), call(kSelSetFault, {5, 2}), call(kSelInjectReport, {}, {1})});
  write(method + "/shared_ring", {call(kSelConfigure, {2, 8, 1, 0}, {}, true), call(kSelMapSharedRing, {64}, {}, true), map2,
                                  call(kSelConfigure, {2, 8, 0, 0}), call(kSelHandOverSharedRing, {64}, name),
                                  call(kSelInjectReport, {}, {9, 9}), call(kSelStopBurst, {})});
  write(method + "/app_relay", {call(kSelConfigure, {0, 16, 0, 0}), call(kSelRegisterCompletion, {}, {}, false, true),
                                call(kSelStartBurst, {10, 1000, 2}), call(kSelInjectReport, {}, {1, 2, 3, 4, 5, 6, 7, 8, 9}),
                                call(kSelDeliverMessage, {}, msg, true), call(kSelSetFeatureReport, {}, {3, 1}, true),
                                call(kSelGetFeatureReport, {}, {}, true), call(kSelMapRecordRing, {}, {}, true)});
  return 0;
}
