// Sim user-client wire frames (PROTOCOL.md §2): pure bytes in, pure bytes out, so the
// decoder can be fuzzed without sockets. Every function here is total: bad input is a
// false return, never a crash or an out-of-bounds read.
#pragma once
#include <cstddef>
#include <cstdint>

#include "kit_limits.h"

namespace hil {

enum class FrameKind : uint8_t { Call = 1, Reply = 2, Async = 3, Map = 4, Open = 5, CallAsync = 6 };

constexpr uint32_t kMaxFrameLength = 1u << 20;  // counts kind + payload
constexpr uint32_t kMaxToken = 0xFFFF;

// One decoded frame. Pointers alias the buffer the frame was decoded from.
struct Frame {
  FrameKind kind = FrameKind::Call;
  uint32_t id = 0;           // call, reply, map, open, call-async
  uint32_t selector = 0;     // call, call-async
  uint32_t ref = 0;          // async, call-async
  int32_t status = 0;        // reply, async
  uint32_t memory_type = 0;  // map
  uint32_t type = 0;         // open
  uint32_t n_scalars = 0;    // call, reply, async (nArgs), call-async
  uint64_t scalars[kMaxScalars] = {};
  const uint8_t* data = nullptr;  // struct bytes (call, reply, call-async) or token (open)
  uint32_t data_len = 0;
};

// body = kind byte + payload (the frame without its u32 length). Rejects unknown kinds,
// counts over the limits, overruns, and trailing bytes.
bool decode_frame(const uint8_t* body, size_t len, Frame& out);

// Encoders write the whole frame including the u32 length prefix and return its size,
// or 0 when cap is too small or a count is over its limit.
size_t encode_call(uint8_t* out, size_t cap, uint32_t id, uint32_t selector, const uint64_t* scalars,
                   uint32_t n, const uint8_t* data, uint32_t len);
size_t encode_call_async(uint8_t* out, size_t cap, uint32_t id, uint32_t selector, uint32_t ref,
                         const uint64_t* scalars, uint32_t n, const uint8_t* data, uint32_t len);
size_t encode_reply(uint8_t* out, size_t cap, uint32_t id, int32_t status, const uint64_t* scalars,
                    uint32_t n, const uint8_t* data, uint32_t len);
size_t encode_async(uint8_t* out, size_t cap, uint32_t ref, int32_t status, const uint64_t* args,
                    uint32_t n);
size_t encode_map(uint8_t* out, size_t cap, uint32_t id, uint32_t memory_type);
size_t encode_open(uint8_t* out, size_t cap, uint32_t id, uint32_t type, const uint8_t* token,
                   uint32_t len);
// Re-encodes a decoded frame; used by the fuzzer to check decode/encode agree.
size_t encode_frame(uint8_t* out, size_t cap, const Frame& f);

// Splits a byte stream into frames inside a caller-supplied buffer (no allocation).
// A pointer returned by next() is valid until the next call to next() or commit().
class FrameStream {
 public:
  enum class Next { NeedMore, Frame, Error };
  // cap must be >= 4 + kMaxFrameLength to hold the largest legal frame.
  FrameStream(uint8_t* buf, size_t cap) : buf_(buf), cap_(cap) {}
  uint8_t* write_ptr() { return buf_ + end_; }
  size_t write_space() const { return cap_ - end_; }
  void commit(size_t n) { end_ += n; }
  Next next(const uint8_t*& body, uint32_t& len);

 private:
  uint8_t* buf_;
  size_t cap_;
  size_t begin_ = 0;
  size_t end_ = 0;
};

}  // namespace hil
