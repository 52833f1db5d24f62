#include "connection.h"

#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include "frame_call.h"

namespace hil {

Connection::Connection(int fd, std::shared_ptr<HostedDriver> driver, const std::string& token)
    : fd_(fd), driver_(std::move(driver)), token_(token), args_(std::make_unique<MethodArgs>()) {
  // Allocated once per connection so the per-message path allocates nothing.
  in_.resize(4 + kMaxFrameLength + 65536);
  out_.resize(64 + 8 * kMaxScalars + kMaxStructOut);
}

Connection::~Connection() {
  join();
  if (fd_ >= 0) ::close(fd_);
}

void Connection::start() {
  auto self = shared_from_this();
  thread_ = std::thread([self] { self->run(); });
}

void Connection::close() { ::shutdown(fd_, SHUT_RDWR); }

void Connection::join() {
  if (!thread_.joinable()) return;
  // The reader thread holds a reference to us; if it drops the last one, it is the
  // thread running this destructor and cannot join itself.
  if (thread_.get_id() == std::this_thread::get_id())
    thread_.detach();
  else
    thread_.join();
}

bool Connection::write_all(const uint8_t* p, size_t n) {
  while (n) {
    const ssize_t w = ::send(fd_, p, n, 0);
    if (w < 0 && errno == EINTR) continue;
    if (w <= 0) return false;
    p += w;
    n -= static_cast<size_t>(w);
  }
  return true;
}

bool Connection::complete(uint32_t ref, IoRet status, const uint64_t* args, uint32_t n) {
  uint8_t buf[16 + 8 * kMaxScalars];
  const size_t len = encode_async(buf, sizeof buf, ref, status, args, n);
  if (!len || done_.load(std::memory_order_relaxed)) return false;
  std::lock_guard<std::mutex> g(write_mu_);
  return write_all(buf, len);
}

bool Connection::reply(uint32_t id, IoRet r, const uint64_t* s, uint32_t n, const uint8_t* d, uint32_t len) {
  std::lock_guard<std::mutex> g(write_mu_);
  const size_t sz = encode_reply(out_.data(), out_.size(), id, r, s, n, d, len);
  return sz && write_all(out_.data(), sz);
}

void Connection::run() {
  FrameStream fs(in_.data(), in_.size());
  bool open = true;
  while (open) {
    const ssize_t got = ::recv(fd_, fs.write_ptr(), fs.write_space(), 0);
    if (got < 0 && errno == EINTR) continue;
    if (got <= 0) break;
    fs.commit(static_cast<size_t>(got));
    const uint8_t* body = nullptr;
    uint32_t len = 0;
    FrameStream::Next nx;
    while (open && (nx = fs.next(body, len)) == FrameStream::Next::Frame) {
      Frame f;
      // A malformed frame means we no longer know where the next one starts: the
      // contract says answer nothing and close.
      open = decode_frame(body, len, f) && handle(f);
    }
    if (open && nx == FrameStream::Next::Error) open = false;
  }
  done_.store(true);
  // Drops the completion registration with the client; breaks the uc_ -> this cycle.
  uc_.reset();
  ::shutdown(fd_, SHUT_RDWR);
}

bool Connection::handle(const Frame& f) {
  if (!uc_) {
    if (f.kind != FrameKind::Open) {
      reply(f.id, ior::NotOpen, nullptr, 0, nullptr, 0);
      return false;
    }
    const bool token_ok = f.data_len == token_.size() && std::memcmp(f.data, token_.data(), f.data_len) == 0;
    if (!token_ok) {
      reply(f.id, ior::NotPermitted, nullptr, 0, nullptr, 0);
      return false;
    }
    if (f.type != 0) {
      reply(f.id, ior::BadArgument, nullptr, 0, nullptr, 0);
      return false;
    }
    uc_ = driver_->open(shared_from_this());
    return reply(f.id, ior::Success, nullptr, 0, nullptr, 0);
  }
  switch (f.kind) {
    case FrameKind::Open:
      return reply(f.id, ior::Busy, nullptr, 0, nullptr, 0);  // already open
    case FrameKind::Call:
    case FrameKind::CallAsync: {
      MethodArgs& a = *args_;
      args_from_frame(f, a);
      a.scalar_out_count = 0;  // a is reused: a method that answers nothing must not echo the last call
      a.struct_out_len = 0;
      const IoRet r = uc_->external_method(a);
      return reply(f.id, r, a.scalar_out, a.scalar_out_count, a.struct_out, a.struct_out_len);
    }
    case FrameKind::Map: {
      ISharedMemory* mem = nullptr;
      const IoRet r = uc_->copy_client_memory(f.memory_type, mem);
      if (r != ior::Success || !mem) return reply(f.id, r, nullptr, 0, nullptr, 0);
      const uint64_t size = mem->size();
      const char* name = mem->name();
      return reply(f.id, r, &size, 1, reinterpret_cast<const uint8_t*>(name),
                   static_cast<uint32_t>(std::strlen(name)));
    }
    default:
      return false;  // reply/async are host-to-client only
  }
}

}  // namespace hil
