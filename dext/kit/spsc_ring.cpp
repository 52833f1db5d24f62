#include "spsc_ring.h"

#include <cstring>
#include <new>

namespace hil {

size_t ring_bytes(uint32_t slot_size, uint64_t capacity) {
  if (slot_size == 0 || !is_pow2(capacity) || capacity > (1ull << 32)) return 0;
  return kRingHeaderSize + static_cast<size_t>(slot_size) * static_cast<size_t>(capacity);
}

bool ring_init(void* mem, size_t mem_size, uint32_t slot_size, uint64_t capacity) {
  const size_t need = ring_bytes(slot_size, capacity);
  if (!mem || need == 0 || mem_size < need) return false;
  std::memset(mem, 0, kRingHeaderSize);
  auto* h = new (mem) RingHeader();
  h->version = kRingVersion;
  h->slot_size = slot_size;
  h->capacity = capacity;
  h->overflow.store(0, std::memory_order_relaxed);
  h->head.store(0, std::memory_order_relaxed);
  h->tail.store(0, std::memory_order_relaxed);
  h->doorbell.store(0, std::memory_order_relaxed);
  // Magic last and released: an attacher that sees it sees a complete header.
  std::atomic_thread_fence(std::memory_order_release);
  h->magic = kRingMagic;
  return true;
}

RingHeader* ring_attach(void* mem, size_t mem_size, uint32_t expected_slot_size) {
  if (!mem || mem_size < kRingHeaderSize) return nullptr;
  auto* h = static_cast<RingHeader*>(mem);
  std::atomic_thread_fence(std::memory_order_acquire);
  if (h->magic != kRingMagic || h->version != kRingVersion) return nullptr;
  if (expected_slot_size && h->slot_size != expected_slot_size) return nullptr;
  const size_t need = ring_bytes(h->slot_size, h->capacity);
  if (need == 0 || mem_size < need) return nullptr;
  return h;
}

RingProducer::RingProducer(RingHeader* h)
    : h_(h),
      slots_(reinterpret_cast<uint8_t*>(h) + kRingHeaderSize),
      mask_(h->capacity - 1),
      slot_(h->slot_size),
      head_(h->head.load(std::memory_order_relaxed)),
      cached_tail_(h->tail.load(std::memory_order_acquire)) {}

bool RingProducer::try_push(const void* data, size_t len) {
  if (len > slot_) return false;
  const uint64_t cap = mask_ + 1;
  if (head_ - cached_tail_ >= cap) {
    cached_tail_ = h_->tail.load(std::memory_order_acquire);
    // A tail ahead of head (or far behind) can only come from a corrupt or hostile
    // consumer; treat it as full rather than write over unread slots.
    if (head_ - cached_tail_ >= cap || cached_tail_ > head_) {
      h_->overflow.fetch_add(1, std::memory_order_relaxed);
      return false;
    }
  }
  uint8_t* slot = slots_ + (head_ & mask_) * slot_;
  std::memcpy(slot, data, len);
  if (len < slot_) std::memset(slot + len, 0, slot_ - len);
  ++head_;
  h_->head.store(head_, std::memory_order_release);
  return true;
}

bool RingProducer::consumer_sleeping() {
  std::atomic_thread_fence(std::memory_order_seq_cst);
  return h_->doorbell.load(std::memory_order_relaxed) != 0;
}

RingConsumer::RingConsumer(RingHeader* h)
    : h_(h),
      slots_(reinterpret_cast<const uint8_t*>(h) + kRingHeaderSize),
      mask_(h->capacity - 1),
      slot_(h->slot_size),
      tail_(h->tail.load(std::memory_order_relaxed)),
      cached_head_(tail_) {}

const uint8_t* RingConsumer::front() {
  if (tail_ == cached_head_) {
    cached_head_ = h_->head.load(std::memory_order_acquire);
    if (cached_head_ == tail_) return nullptr;
    if (cached_head_ - tail_ > mask_ + 1) {
      // Head jumped further than the ring holds: the producer side is corrupt. Skip to
      // it (counted) instead of reading slots that were never written for us.
      ++corrupt_;
      tail_ = cached_head_;
      h_->tail.store(tail_, std::memory_order_release);
      return nullptr;
    }
  }
  return slots_ + (tail_ & mask_) * slot_;
}

void RingConsumer::pop() {
  ++tail_;
  h_->tail.store(tail_, std::memory_order_release);
}

bool RingConsumer::prepare_wait() {
  h_->doorbell.store(1, std::memory_order_relaxed);
  std::atomic_thread_fence(std::memory_order_seq_cst);
  if (h_->head.load(std::memory_order_relaxed) != tail_) {
    h_->doorbell.store(0, std::memory_order_relaxed);
    return false;
  }
  return true;
}

}  // namespace hil
