#include "format.h"

#include <cstring>

#include "bytes.h"

namespace hil {

size_t encode_message(const Message& m, uint8_t* out, size_t cap) {
  if (m.report_len > kMaxReportLen) return 0;
  const size_t n = encoded_size(m);
  if (cap < n) return 0;
  put_u64(out, m.seq);
  put_u64(out + 8, m.t_sched_ns);
  put_u64(out + 16, m.t_send_ns);
  put_u32(out + 24, m.report_len);
  std::memcpy(out + kMessageHeaderSize, m.report, m.report_len);
  return n;
}

bool decode_message(const uint8_t* in, size_t len, Message& out) {
  if (len < kMessageHeaderSize) return false;
  const uint32_t rl = get_u32(in + 24);
  if (rl > kMaxReportLen || len != kMessageHeaderSize + rl) return false;
  out.seq = get_u64(in);
  out.t_sched_ns = get_u64(in + 8);
  out.t_send_ns = get_u64(in + 16);
  out.report_len = rl;
  std::memcpy(out.report, in + kMessageHeaderSize, rl);
  return true;
}

void encode_record(const Record& r, uint8_t out[kRecordSize]) {
  put_u64(out, r.seq);
  put_u64(out + 8, r.t_sched_ns);
  put_u64(out + 16, r.t_send_ns);
  put_u64(out + 24, r.t_recv_ns);
  put_u32(out + 32, r.topology);
  put_u32(out + 36, r.flags);
}

void decode_record(const uint8_t in[kRecordSize], Record& out) {
  out.seq = get_u64(in);
  out.t_sched_ns = get_u64(in + 8);
  out.t_send_ns = get_u64(in + 16);
  out.t_recv_ns = get_u64(in + 24);
  out.topology = get_u32(in + 32);
  out.flags = get_u32(in + 36);
}

}  // namespace hil
