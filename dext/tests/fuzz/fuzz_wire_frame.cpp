// Fuzzes the wire-frame stream splitter and decoder: any byte stream must either decode
// to frames that re-encode to the same bytes, or be rejected; never crash or overread.
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <vector>

#include "bytes.h"
#include "format.h"
#include "wire.h"

using namespace hil;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static std::vector<uint8_t> storage(4 + kMaxFrameLength);
  static std::vector<uint8_t> again(4 + kMaxFrameLength);
  FrameStream fs(storage.data(), storage.size());
  // Feed in uneven chunks so partial-frame handling and compaction are exercised.
  size_t pos = 0, chunk = size ? data[0] % 7 + 1 : 1;
  bool error = false;
  while (pos < size && !error) {
    size_t n = chunk < size - pos ? chunk : size - pos;
    if (n > fs.write_space()) n = fs.write_space();
    if (n == 0) break;
    std::memcpy(fs.write_ptr(), data + pos, n);
    fs.commit(n);
    pos += n;
    chunk = chunk * 3 % 61 + 1;
    const uint8_t* body;
    uint32_t len;
    FrameStream::Next nx;
    while ((nx = fs.next(body, len)) == FrameStream::Next::Frame) {
      Frame f;
      if (!decode_frame(body, len, f)) continue;
      const size_t m = encode_frame(again.data(), again.size(), f);
      if (m != len + 4u || get_u32(again.data()) != len || std::memcmp(again.data() + 4, body, len) != 0) std::abort();
    }
    error = nx == FrameStream::Next::Error;
  }
  Message msg;
  if (decode_message(data, size, msg)) {
    uint8_t buf[kMaxMessageSize];
    if (encode_message(msg, buf, sizeof buf) != size || std::memcmp(buf, data, size) != 0) std::abort();
  }
  return 0;
}
