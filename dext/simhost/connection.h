// One open user-client connection on a driver instance's socket: reads frames, answers
// in order, and is the async-completion sink for what it registers.
#pragma once
#include <atomic>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "hosted.h"
#include "wire.h"

namespace hil {

class Connection : public ICompletionSink, public std::enable_shared_from_this<Connection> {
 public:
  Connection(int fd, std::shared_ptr<HostedDriver> driver, const std::string& token);
  ~Connection() override;
  void start();
  void close();  // wakes the reader; the thread then exits
  void join();
  bool finished() const { return done_.load(); }
  bool complete(uint32_t ref, IoRet status, const uint64_t* args, uint32_t n) override;

 private:
  void run();
  bool handle(const Frame& f);  // false = close the connection
  bool reply(uint32_t id, IoRet r, const uint64_t* s, uint32_t n, const uint8_t* d, uint32_t len);
  bool write_all(const uint8_t* p, size_t n);

  int fd_;
  std::shared_ptr<HostedDriver> driver_;
  const std::string& token_;
  std::unique_ptr<HostedClient> uc_;
  std::thread thread_;
  std::mutex write_mu_;  // replies (reader thread) vs completions (burst thread)
  std::atomic<bool> done_{false};
  std::vector<uint8_t> in_;
  std::vector<uint8_t> out_;
  std::unique_ptr<MethodArgs> args_;
};

}  // namespace hil
