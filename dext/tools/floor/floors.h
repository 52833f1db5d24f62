// The host's floors for each topology's primitive (PROTOCOL.md §7, DESIGN.md §6): what
// the same hop costs with nothing of the dext or harness in it.
#pragma once
#include <cstdint>
#include <vector>

namespace hil {

struct FloorPlan {
  uint64_t samples = 20000;
  uint64_t warmup = 200;  // discarded, not reported
  uint64_t rate_hz = 1000;
  uint64_t start_ns = 0;  // common schedule origin (CLOCK_MONOTONIC is system-wide)
  uint64_t phase_ns = 0;  // offset so concurrent floors do not send at the same instant
  uint64_t total() const { return samples + warmup; }
  uint64_t due(uint64_t i) const { return start_ns + phase_ns + (i * 1000000000ull) / rate_hz; }
};

// Each fills out[i] = t_recv - t_sched for message i (out sized plan.total(), in memory
// shared with any child processes). Returns false on a setup error.
bool floor_socket_relay(const FloorPlan& plan, uint64_t* out);  // 3 processes
bool floor_shm_handoff(const FloorPlan& plan, uint64_t* out);   // 2 processes
bool floor_in_process_call(const FloorPlan& plan, uint64_t* out);
void floor_clock_read(uint64_t n, uint64_t* out);
// Waits for the children the process floors started; false if any failed.
bool floor_wait_children();
// SIGKILL to every floor process started and not yet waited for; callable from any thread.
void floor_kill_children();

}  // namespace hil
