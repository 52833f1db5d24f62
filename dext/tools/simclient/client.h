// A native client of the sim wire protocol: what the C# IUserClient does, minus C#.
// Used by the integration tests and the 100k-message runs.
#pragma once
#include <condition_variable>
#include <cstdint>
#include <functional>
#include <initializer_list>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "ioreturn.h"
#include "wire.h"

namespace hil {

struct Reply {
  IoRet status = 0;
  uint32_t n = 0;
  uint64_t s[kMaxScalars] = {};
  uint8_t data[kMaxStructOut] = {};
  uint32_t len = 0;
  std::string str() const { return std::string(reinterpret_cast<const char*>(data), len); }
};

class SimConnection {
 public:
  using AsyncHandler = std::function<void(const Frame&)>;
  SimConnection();
  ~SimConnection();
  bool connect(const std::string& path);
  // Transport failure (or the host closed the connection) returns false.
  bool open(const std::string& token, Reply& r, uint32_t type = 0);
  bool call(uint32_t selector, std::initializer_list<uint64_t> s, const void* data, uint32_t len, Reply& r);
  bool call_async(uint32_t selector, uint32_t ref, std::initializer_list<uint64_t> s, Reply& r);
  bool map(uint32_t type, Reply& r);
  // Sends raw bytes (for protocol-violation tests) and reads one reply.
  bool raw(const uint8_t* p, size_t n, Reply& r);
  // From now on a thread reads this connection: async frames go to h (on that thread),
  // replies to the waiting caller. Without it, calls read inline (lowest latency).
  void start_reader(AsyncHandler h);
  // True once the host closed the connection (EOF seen).
  bool wait_closed(int timeout_ms);
  void close();

 private:
  bool send_frame(size_t n);
  bool read_frame(Frame& f);  // blocking, inline mode
  // The frame is encoded into out_ under call_mu_: out_ and next_id_ are shared by every caller,
  // so two threads calling at once (the app relay delivering while a test reads) must not interleave.
  template <class Encode>
  bool transact(Encode&& encode, Reply& r) {
    std::lock_guard<std::mutex> g(call_mu_);
    return exchange(encode(out_.data(), out_.size(), next_id_++), r);
  }
  bool exchange(size_t n, Reply& r);  // call_mu_ held
  void reader_loop();
  static void copy_reply(const Frame& f, Reply& r);

  int fd_ = -1;
  uint32_t next_id_ = 1;
  std::mutex call_mu_;  // one request in flight per connection, as the host answers in order
  std::vector<uint8_t> in_, out_;
  FrameStream* fs_ = nullptr;
  std::vector<uint8_t> fs_storage_;
  AsyncHandler handler_;
  std::thread reader_;
  std::mutex reply_mu_;
  std::condition_variable reply_cv_;
  bool have_reply_ = false, closed_ = false;
  Reply* pending_ = nullptr;
};

}  // namespace hil
