#include "wire.h"

#include <cstring>
#include <initializer_list>

#include "bytes.h"

namespace hil {
namespace {

bool read_scalars(ByteReader& r, uint32_t& n, uint64_t* out) {
  uint8_t n8 = 0;
  if (!r.u8(n8) || n8 > kMaxScalars) return false;
  n = n8;
  for (uint32_t i = 0; i < n; ++i)
    if (!r.u64(out[i])) return false;
  return true;
}

bool read_struct(ByteReader& r, Frame& f) {
  return r.u32(f.data_len) && r.bytes(f.data_len, f.data);
}

// Writes [len][kind] and returns the payload cursor, or null if the frame cannot fit.
uint8_t* begin_frame(uint8_t* out, size_t cap, FrameKind kind, size_t payload) {
  if (payload + 1 > kMaxFrameLength || cap < payload + 5) return nullptr;
  put_u32(out, static_cast<uint32_t>(payload + 1));
  out[4] = static_cast<uint8_t>(kind);
  return out + 5;
}

uint8_t* put_scalars(uint8_t* p, const uint64_t* s, uint32_t n) {
  *p++ = static_cast<uint8_t>(n);
  for (uint32_t i = 0; i < n; ++i, p += 8) put_u64(p, s[i]);
  return p;
}

uint8_t* put_struct(uint8_t* p, const uint8_t* d, uint32_t len) {
  put_u32(p, len);
  if (len) std::memcpy(p + 4, d, len);
  return p + 4 + len;
}

uint8_t* put_words(uint8_t* p, std::initializer_list<uint32_t> words) {
  for (const uint32_t w : words) {
    put_u32(p, w);
    p += 4;
  }
  return p;
}

// Call, call-async and reply share one layout: u32 words, the scalars, the struct.
size_t encode_with_args(uint8_t* out, size_t cap, FrameKind kind, std::initializer_list<uint32_t> words,
                        const uint64_t* s, uint32_t n, const uint8_t* d, uint32_t len) {
  if (n > kMaxScalars) return 0;
  const size_t payload = 4 * words.size() + 1 + 8u * n + 4 + len;
  uint8_t* p = begin_frame(out, cap, kind, payload);
  if (!p) return 0;
  p = put_struct(put_scalars(put_words(p, words), s, n), d, len);
  return static_cast<size_t>(p - out);
}

}  // namespace

bool decode_frame(const uint8_t* body, size_t len, Frame& f) {
  if (len < 1 || len > kMaxFrameLength) return false;
  ByteReader r(body + 1, len - 1);
  f.kind = static_cast<FrameKind>(body[0]);
  bool ok = false;
  uint32_t st = 0;
  switch (f.kind) {
    case FrameKind::Call:
      ok = r.u32(f.id) && r.u32(f.selector) && read_scalars(r, f.n_scalars, f.scalars) &&
           read_struct(r, f);
      break;
    case FrameKind::CallAsync:
      ok = r.u32(f.id) && r.u32(f.selector) && r.u32(f.ref) &&
           read_scalars(r, f.n_scalars, f.scalars) && read_struct(r, f);
      break;
    case FrameKind::Reply:
      ok = r.u32(f.id) && r.u32(st) && read_scalars(r, f.n_scalars, f.scalars) &&
           read_struct(r, f) && f.data_len <= kMaxStructOut;
      f.status = static_cast<int32_t>(st);
      break;
    case FrameKind::Async:
      ok = r.u32(f.ref) && r.u32(st) && read_scalars(r, f.n_scalars, f.scalars);
      f.status = static_cast<int32_t>(st);
      break;
    case FrameKind::Map:
      ok = r.u32(f.id) && r.u32(f.memory_type);
      break;
    case FrameKind::Open: {
      uint16_t tl = 0;
      ok = r.u32(f.id) && r.u32(f.type) && r.u16(tl) && r.bytes(tl, f.data);
      f.data_len = tl;
      break;
    }
    default:
      return false;
  }
  // Trailing bytes mean the two sides disagree about the layout: fail loudly.
  return ok && r.remaining() == 0;
}

size_t encode_call(uint8_t* out, size_t cap, uint32_t id, uint32_t selector, const uint64_t* s,
                   uint32_t n, const uint8_t* d, uint32_t len) {
  return encode_with_args(out, cap, FrameKind::Call, {id, selector}, s, n, d, len);
}

size_t encode_call_async(uint8_t* out, size_t cap, uint32_t id, uint32_t selector, uint32_t ref,
                         const uint64_t* s, uint32_t n, const uint8_t* d, uint32_t len) {
  return encode_with_args(out, cap, FrameKind::CallAsync, {id, selector, ref}, s, n, d, len);
}

size_t encode_reply(uint8_t* out, size_t cap, uint32_t id, int32_t status, const uint64_t* s,
                    uint32_t n, const uint8_t* d, uint32_t len) {
  if (len > kMaxStructOut) return 0;
  return encode_with_args(out, cap, FrameKind::Reply, {id, static_cast<uint32_t>(status)}, s, n, d, len);
}

size_t encode_async(uint8_t* out, size_t cap, uint32_t ref, int32_t status, const uint64_t* a,
                    uint32_t n) {
  if (n > kMaxScalars) return 0;
  uint8_t* p = begin_frame(out, cap, FrameKind::Async, 8 + 1 + 8u * n);
  if (!p) return 0;
  p = put_scalars(put_words(p, {ref, static_cast<uint32_t>(status)}), a, n);
  return static_cast<size_t>(p - out);
}

size_t encode_map(uint8_t* out, size_t cap, uint32_t id, uint32_t memory_type) {
  uint8_t* p = begin_frame(out, cap, FrameKind::Map, 8);
  if (!p) return 0;
  put_u32(p, id);
  put_u32(p + 4, memory_type);
  return 13;
}

size_t encode_open(uint8_t* out, size_t cap, uint32_t id, uint32_t type, const uint8_t* token,
                   uint32_t len) {
  if (len > kMaxToken) return 0;
  uint8_t* p = begin_frame(out, cap, FrameKind::Open, 10 + len);
  if (!p) return 0;
  put_u32(p, id);
  put_u32(p + 4, type);
  put_u16(p + 8, static_cast<uint16_t>(len));
  if (len) std::memcpy(p + 10, token, len);
  return 15 + len;
}

size_t encode_frame(uint8_t* out, size_t cap, const Frame& f) {
  switch (f.kind) {
    case FrameKind::Call:
      return encode_call(out, cap, f.id, f.selector, f.scalars, f.n_scalars, f.data, f.data_len);
    case FrameKind::CallAsync:
      return encode_call_async(out, cap, f.id, f.selector, f.ref, f.scalars, f.n_scalars, f.data,
                               f.data_len);
    case FrameKind::Reply:
      return encode_reply(out, cap, f.id, f.status, f.scalars, f.n_scalars, f.data, f.data_len);
    case FrameKind::Async:
      return encode_async(out, cap, f.ref, f.status, f.scalars, f.n_scalars);
    case FrameKind::Map:
      return encode_map(out, cap, f.id, f.memory_type);
    case FrameKind::Open:
      return encode_open(out, cap, f.id, f.type, f.data, f.data_len);
  }
  return 0;
}

FrameStream::Next FrameStream::next(const uint8_t*& body, uint32_t& len) {
  const size_t have = end_ - begin_;
  if (have >= 4) {
    const uint32_t l = get_u32(buf_ + begin_);
    if (l == 0 || l > kMaxFrameLength || 4u + l > cap_) return Next::Error;
    if (have >= 4u + l) {
      body = buf_ + begin_ + 4;
      len = l;
      begin_ += 4u + l;
      return Next::Frame;
    }
  }
  // Compact only when a partial frame would not fit: keeps the common path memmove-free.
  if (begin_ == end_) {
    begin_ = end_ = 0;
  } else if (cap_ - begin_ < 4u + kMaxFrameLength || end_ == cap_) {
    std::memmove(buf_, buf_ + begin_, have);
    begin_ = 0;
    end_ = have;
  }
  return Next::NeedMore;
}

}  // namespace hil
