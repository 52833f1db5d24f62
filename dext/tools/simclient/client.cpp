#include "client.h"

#include <poll.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstring>

#ifndef MSG_NOSIGNAL
#define MSG_NOSIGNAL 0  // macOS: SIGPIPE is ignored process-wide instead
#endif

namespace hil {

SimConnection::SimConnection() {
  fs_storage_.resize(4 + kMaxFrameLength + 65536);
  out_.resize(4 + kMaxFrameLength);
  fs_ = new FrameStream(fs_storage_.data(), fs_storage_.size());
}

SimConnection::~SimConnection() {
  close();
  if (reader_.joinable()) reader_.join();
  if (fd_ >= 0) ::close(fd_);
  delete fs_;
}

bool SimConnection::connect(const std::string& path) {
  sockaddr_un a{};
  if (path.size() >= sizeof a.sun_path) return false;
  a.sun_family = AF_UNIX;
  std::memcpy(a.sun_path, path.c_str(), path.size() + 1);
  fd_ = socket(AF_UNIX, SOCK_STREAM, 0);
  return fd_ >= 0 && ::connect(fd_, reinterpret_cast<sockaddr*>(&a), sizeof a) == 0;
}

void SimConnection::close() {
  if (fd_ >= 0) ::shutdown(fd_, SHUT_RDWR);
}

bool SimConnection::send_frame(size_t n) {
  const uint8_t* p = out_.data();
  while (n) {
    const ssize_t w = ::send(fd_, p, n, MSG_NOSIGNAL);
    if (w < 0 && errno == EINTR) continue;
    if (w <= 0) return false;
    p += w;
    n -= static_cast<size_t>(w);
  }
  return true;
}

bool SimConnection::read_frame(Frame& f) {
  for (;;) {
    const uint8_t* body = nullptr;
    uint32_t len = 0;
    const auto nx = fs_->next(body, len);
    if (nx == FrameStream::Next::Frame) return decode_frame(body, len, f);
    if (nx == FrameStream::Next::Error) return false;
    const ssize_t got = ::recv(fd_, fs_->write_ptr(), fs_->write_space(), 0);
    if (got < 0 && errno == EINTR) continue;
    if (got <= 0) return false;
    fs_->commit(static_cast<size_t>(got));
  }
}

void SimConnection::copy_reply(const Frame& f, Reply& r) {
  r.status = f.status;
  r.n = f.n_scalars;
  std::memcpy(r.s, f.scalars, sizeof r.s);
  r.len = f.data_len;
  if (f.data_len) std::memcpy(r.data, f.data, f.data_len);
}

bool SimConnection::exchange(size_t n, Reply& r) {
  if (!n) return false;
  if (reader_.joinable()) {
    std::unique_lock<std::mutex> lk(reply_mu_);
    pending_ = &r;
    have_reply_ = false;
    lk.unlock();
    if (!send_frame(n)) return false;
    lk.lock();
    reply_cv_.wait(lk, [this] { return have_reply_ || closed_; });
    pending_ = nullptr;
    return have_reply_;
  }
  if (!send_frame(n)) return false;
  for (;;) {
    Frame f;
    if (!read_frame(f)) return false;
    if (f.kind == FrameKind::Reply) {
      copy_reply(f, r);
      return true;
    }
    if (f.kind == FrameKind::Async && handler_) handler_(f);
  }
}

void SimConnection::reader_loop() {
  Frame f;
  while (read_frame(f)) {
    if (f.kind == FrameKind::Async) {
      if (handler_) handler_(f);
    } else if (f.kind == FrameKind::Reply) {
      std::lock_guard<std::mutex> g(reply_mu_);
      if (pending_) copy_reply(f, *pending_);
      have_reply_ = true;
      reply_cv_.notify_all();
    }
  }
  std::lock_guard<std::mutex> g(reply_mu_);
  closed_ = true;
  reply_cv_.notify_all();
}

void SimConnection::start_reader(AsyncHandler h) {
  handler_ = std::move(h);
  reader_ = std::thread([this] { reader_loop(); });
}

bool SimConnection::open(const std::string& token, Reply& r, uint32_t type) {
  return transact(
      [&](uint8_t* out, size_t cap, uint32_t id) {
        return encode_open(out, cap, id, type, reinterpret_cast<const uint8_t*>(token.data()),
                           static_cast<uint32_t>(token.size()));
      },
      r);
}

bool SimConnection::call(uint32_t sel, std::initializer_list<uint64_t> s, const void* data, uint32_t len, Reply& r) {
  return transact(
      [&](uint8_t* out, size_t cap, uint32_t id) {
        return encode_call(out, cap, id, sel, s.begin(), static_cast<uint32_t>(s.size()),
                           static_cast<const uint8_t*>(data), len);
      },
      r);
}

bool SimConnection::call_async(uint32_t sel, uint32_t ref, std::initializer_list<uint64_t> s, Reply& r) {
  return transact(
      [&](uint8_t* out, size_t cap, uint32_t id) {
        return encode_call_async(out, cap, id, sel, ref, s.begin(), static_cast<uint32_t>(s.size()), nullptr, 0);
      },
      r);
}

bool SimConnection::map(uint32_t type, Reply& r) {
  return transact([&](uint8_t* out, size_t cap, uint32_t id) { return encode_map(out, cap, id, type); }, r);
}

// A frame encoded by the caller (the twin's own encoding); its id field is the caller's.
bool SimConnection::raw(const uint8_t* p, size_t n, Reply& r) {
  return transact(
      [&](uint8_t* out, size_t cap, uint32_t) -> size_t {
        if (n > cap) return 0;
        std::memcpy(out, p, n);
        return n;
      },
      r);
}

bool SimConnection::wait_closed(int timeout_ms) {
  if (reader_.joinable()) {
    std::unique_lock<std::mutex> lk(reply_mu_);
    return reply_cv_.wait_for(lk, std::chrono::milliseconds(timeout_ms), [this] { return closed_; });
  }
  pollfd p{fd_, POLLIN, 0};
  if (poll(&p, 1, timeout_ms) <= 0) return false;
  uint8_t b[256];
  return ::recv(fd_, b, sizeof b, 0) <= 0;
}

}  // namespace hil
