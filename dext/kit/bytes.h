// Little-endian load/store without alignment assumptions: wire frames and shm slots
// are byte streams written by other processes (and by C#), never host structs.
#pragma once
#include <cstddef>
#include <cstdint>
#include <cstring>

namespace hil {

inline void put_u16(uint8_t* p, uint16_t v) {
  p[0] = static_cast<uint8_t>(v);
  p[1] = static_cast<uint8_t>(v >> 8);
}
inline void put_u32(uint8_t* p, uint32_t v) {
  for (int i = 0; i < 4; ++i) p[i] = static_cast<uint8_t>(v >> (8 * i));
}
inline void put_u64(uint8_t* p, uint64_t v) {
  for (int i = 0; i < 8; ++i) p[i] = static_cast<uint8_t>(v >> (8 * i));
}
inline uint16_t get_u16(const uint8_t* p) {
  return static_cast<uint16_t>(p[0] | (p[1] << 8));
}
inline uint32_t get_u32(const uint8_t* p) {
  uint32_t v = 0;
  for (int i = 3; i >= 0; --i) v = (v << 8) | p[i];
  return v;
}
inline uint64_t get_u64(const uint8_t* p) {
  uint64_t v = 0;
  for (int i = 7; i >= 0; --i) v = (v << 8) | p[i];
  return v;
}

// Bounds-checked sequential reader: every decoder goes through it so that an
// attacker-controlled count can only ever fail the read, not overrun the buffer.
class ByteReader {
 public:
  ByteReader(const uint8_t* p, size_t n) : p_(p), n_(n) {}
  bool u8(uint8_t& v) { return take(1) ? (v = p_[pos_ - 1], true) : false; }
  bool u16(uint16_t& v) { return take(2) ? (v = get_u16(p_ + pos_ - 2), true) : false; }
  bool u32(uint32_t& v) { return take(4) ? (v = get_u32(p_ + pos_ - 4), true) : false; }
  bool u64(uint64_t& v) { return take(8) ? (v = get_u64(p_ + pos_ - 8), true) : false; }
  bool bytes(size_t len, const uint8_t*& out) {
    if (!take(len)) return false;
    out = p_ + pos_ - len;
    return true;
  }
  size_t remaining() const { return n_ - pos_; }

 private:
  bool take(size_t len) {
    if (len > n_ - pos_) return false;
    pos_ += len;
    return true;
  }
  const uint8_t* p_;
  size_t n_;
  size_t pos_ = 0;
};

}  // namespace hil
