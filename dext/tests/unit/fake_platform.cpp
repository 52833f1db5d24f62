#include "fake_platform.h"

#include <chrono>
#include <cstring>
#include <thread>

#include "std_thread.h"

namespace hil {
namespace {

class NoThread : public IThread {
 public:
  void join() override {}
};

class Block : public ISharedMemory {
 public:
  Block(std::string n, std::shared_ptr<std::vector<uint64_t>> b, size_t size) : n_(std::move(n)), b_(std::move(b)), size_(size) {}
  void* data() override { return b_->data(); }
  size_t size() const override { return size_; }
  const char* name() const override { return n_.c_str(); }

 private:
  std::string n_;
  std::shared_ptr<std::vector<uint64_t>> b_;
  size_t size_;
};

}  // namespace

uint64_t FakePlatform::now_ns() {
  return static_cast<uint64_t>(
      std::chrono::duration_cast<std::chrono::nanoseconds>(std::chrono::steady_clock::now().time_since_epoch()).count());
}

void FakePlatform::sleep_until_ns(uint64_t deadline) {
  const uint64_t now = now_ns();
  if (deadline > now) std::this_thread::sleep_for(std::chrono::nanoseconds(deadline - now));
}

std::unique_ptr<IThread> FakePlatform::start_thread(const char*, std::function<void()> fn, bool) {
  ++threads_started;
  if (!run_threads) return std::make_unique<NoThread>();
  return std::make_unique<StdThread>(std::thread(std::move(fn)));
}

void FakePlatform::doorbell_wait(std::atomic<uint32_t>* w, uint32_t expected, uint64_t timeout_ns) {
  const uint64_t until = now_ns() + (timeout_ns < 200000 ? timeout_ns : 200000);
  while (w->load() == expected && now_ns() < until) std::this_thread::sleep_for(std::chrono::microseconds(20));
}

std::unique_ptr<ISharedMemory> FakePlatform::create_shared(const char* name, size_t size) {
  auto b = std::make_shared<std::vector<uint64_t>>((size + 7) / 8, 0);
  std::lock_guard<std::mutex> g(mu);
  blocks[name] = b;
  return std::make_unique<Block>(name, b, size);
}

std::unique_ptr<ISharedMemory> FakePlatform::open_shared(const char* name) {
  std::lock_guard<std::mutex> g(mu);
  auto it = blocks.find(name);
  if (it == blocks.end()) return nullptr;
  return std::make_unique<Block>(name, it->second, it->second->size() * 8);
}

TestProcess::TestProcess(bool with_d1, bool with_d2) {
  if (with_d1) {
    d1 = std::make_shared<Driver1>(p, proc, "d1", proc.next_id());
    proc.add(d1);
  }
  if (with_d2) {
    d2 = std::make_shared<Driver2>(p, proc, "d2", proc.next_id());
    proc.add(d2);
  }
}

TestProcess::~TestProcess() {
  if (d1) d1->shutdown();
  if (d2) d2->shutdown();
}

std::vector<Record> drain_records(Driver2& d2) {
  std::vector<Record> out;
  ISharedMemory* m = d2.memory(1);
  if (!m) return out;
  RingConsumer c(ring_attach(m->data(), m->size(), kRecordSize));
  while (const uint8_t* s = c.front()) {
    Record r;
    decode_record(s, r);
    out.push_back(r);
    c.pop();
  }
  return out;
}

}  // namespace hil
