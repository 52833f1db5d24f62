// Lock-free single-producer/single-consumer ring over a caller-supplied memory block
// with the PROTOCOL.md §5 layout, so it can live in shm shared with another process
// (including the C# harness, which drains the record ring).
//
// The producer and consumer are separate objects because they live in different
// processes; each keeps a private cached copy of the other side's index so the hot path
// touches the other side's cache line only when the cache says full/empty.
#pragma once
#include <atomic>
#include <cstddef>
#include <cstdint>

namespace hil {

constexpr uint64_t kRingMagic = 0x474E495250494C48ull;  // "HLIPRING"
constexpr uint32_t kRingVersion = 1;
constexpr size_t kRingHeaderSize = 256;
constexpr size_t kCacheLine = 64;

struct RingHeader {
  uint64_t magic;
  uint32_t version;
  uint32_t slot_size;
  uint64_t capacity;
  std::atomic<uint64_t> overflow;
  uint8_t pad0[kCacheLine - 32];
  std::atomic<uint64_t> head;  // producer's write index, own cache line
  uint8_t pad1[kCacheLine - 8];
  std::atomic<uint64_t> tail;  // consumer's read index, own cache line
  uint8_t pad2[kCacheLine - 8];
  std::atomic<uint32_t> doorbell;  // futex word: 1 = consumer asleep (or about to be)
  uint8_t pad3[kCacheLine - 4];
};

static_assert(sizeof(RingHeader) == kRingHeaderSize, "layout is the contract");
static_assert(std::atomic<uint64_t>::is_always_lock_free, "shm atomics must be lock-free");
static_assert(std::atomic<uint32_t>::is_always_lock_free, "shm atomics must be lock-free");
static_assert(sizeof(std::atomic<uint64_t>) == 8 && sizeof(std::atomic<uint32_t>) == 4,
              "atomics must have the plain integer layout");

inline bool is_pow2(uint64_t v) { return v && !(v & (v - 1)); }
// Bytes needed for a ring, or 0 if the parameters are not valid.
size_t ring_bytes(uint32_t slot_size, uint64_t capacity);

// Writes a fresh header into mem. Returns false if mem is too small or parameters bad.
bool ring_init(void* mem, size_t mem_size, uint32_t slot_size, uint64_t capacity);
// Validates a header written by someone else (magic, version, slot size, capacity, size).
// expected_slot_size 0 accepts any.
RingHeader* ring_attach(void* mem, size_t mem_size, uint32_t expected_slot_size);

class RingProducer {
 public:
  RingProducer() = default;
  explicit RingProducer(RingHeader* h);
  bool valid() const { return h_ != nullptr; }
  // Copies len <= slot_size bytes and zero-pads the slot. Returns false when full,
  // after counting the overflow: a full ring never overwrites unread data.
  bool try_push(const void* data, size_t len);
  // Prefetches the slot the next push writes (a hint: no effect on the contents).
  void prime() const {
    if (h_) __builtin_prefetch(slots_ + (head_ & mask_) * slot_, 1);
  }
  // After a push: true if the consumer announced it is going to sleep. The seq_cst fence
  // pairs with the consumer's (see RingConsumer::prepare_wait) so a wake cannot be lost.
  bool consumer_sleeping();
  std::atomic<uint32_t>* doorbell() { return &h_->doorbell; }
  uint64_t overflow() const { return h_ ? h_->overflow.load(std::memory_order_relaxed) : 0; }

 private:
  RingHeader* h_ = nullptr;
  uint8_t* slots_ = nullptr;
  uint64_t mask_ = 0;
  uint32_t slot_ = 0;
  uint64_t head_ = 0;         // our own index, also published in h_->head
  uint64_t cached_tail_ = 0;  // last tail we read
};

class RingConsumer {
 public:
  RingConsumer() = default;
  explicit RingConsumer(RingHeader* h);
  bool valid() const { return h_ != nullptr; }
  // Pointer to the next unread slot, or null when empty. Valid until pop().
  const uint8_t* front();
  void pop();
  uint32_t slot_size() const { return slot_; }
  // Doorbell protocol: prepare_wait() announces sleep and re-checks; if it returns true
  // the ring is still empty and the caller may wait on doorbell() while it reads 1.
  bool prepare_wait();
  void finish_wait() { h_->doorbell.store(0, std::memory_order_relaxed); }
  std::atomic<uint32_t>* doorbell() { return &h_->doorbell; }
  uint64_t corrupt_skips() const { return corrupt_; }

 private:
  RingHeader* h_ = nullptr;
  const uint8_t* slots_ = nullptr;
  uint64_t mask_ = 0;
  uint32_t slot_ = 0;
  uint64_t tail_ = 0;
  uint64_t cached_head_ = 0;
  uint64_t corrupt_ = 0;
};

}  // namespace hil
