// The three services the kit needs from the dext it is linked into: a clock, a sleep and a
// spin hint. Kept apart from the probe's bigger platform (core/platform.h: threads, shm,
// doorbells) so a team's dext implements only these to use the kit.
#pragma once
#include <cstdint>

namespace hil {

class KitPlatform {
 public:
  virtual ~KitPlatform() = default;
  virtual uint64_t now_ns() = 0;  // monotonic; the same clock the harness reads
  // Absolute deadline on now_ns()'s clock; may return early only if interrupted.
  virtual void sleep_until_ns(uint64_t deadline) = 0;
  virtual void cpu_relax() = 0;  // spin-loop hint (x86 pause)
};

}  // namespace hil
