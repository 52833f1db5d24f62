// Message and record formats (PROTOCOL.md §1). Encoded forms are the contract;
// the structs are only this process's view of them.
#pragma once
#include <cstddef>
#include <cstdint>

namespace hil {

enum class Topology : uint32_t { AppRelay = 0, OneProcess = 1, SharedRing = 2 };
constexpr uint32_t kTopologyCount = 3;

constexpr uint32_t kMaxReportLen = 64;
constexpr uint32_t kMessageHeaderSize = 28;
constexpr uint32_t kMaxMessageSize = kMessageHeaderSize + kMaxReportLen;  // 92
constexpr uint32_t kMessageSlotSize = 96;
constexpr uint32_t kRecordSize = 40;

enum RecordFlags : uint32_t {
  kFlagInjected = 1u << 0,
  kFlagDuplicate = 1u << 1,
  kFlagOutOfOrder = 1u << 2,
};

struct Message {
  // In-process only, never encoded: a dry run of the hand-off that warms its code and data
  // (kit/pacer.h Primer). The receiver stamps, then returns without delivering it.
  bool prime_only = false;
  uint64_t seq = 0;
  uint64_t t_sched_ns = 0;  // 0 marks an injected report (no schedule), PROTOCOL.md §4
  uint64_t t_send_ns = 0;
  uint32_t report_len = 0;
  uint8_t report[kMaxReportLen] = {};
};

struct Record {
  uint64_t seq = 0;
  uint64_t t_sched_ns = 0;
  uint64_t t_send_ns = 0;
  uint64_t t_recv_ns = 0;
  uint32_t topology = 0;
  uint32_t flags = 0;
};

inline uint32_t encoded_size(const Message& m) { return kMessageHeaderSize + m.report_len; }

// Writes encoded_size(m) bytes; returns it, or 0 if cap is too small or report_len > 64.
size_t encode_message(const Message& m, uint8_t* out, size_t cap);
// Accepts exactly 28 + report_len bytes with report_len <= 64; anything else is rejected
// so a relay that truncates or pads is caught, not silently accepted.
bool decode_message(const uint8_t* in, size_t len, Message& out);

void encode_record(const Record& r, uint8_t out[kRecordSize]);
void decode_record(const uint8_t in[kRecordSize], Record& out);

}  // namespace hil
