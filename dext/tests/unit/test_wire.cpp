#include <gtest/gtest.h>

#include <cstring>
#include <vector>

#include "bytes.h"
#include "wire.h"

namespace hil {

namespace {
bool decode_whole(const std::vector<uint8_t>& b, Frame& f) {
  if (b.size() < 4 || get_u32(b.data()) != b.size() - 4) return false;
  return decode_frame(b.data() + 4, b.size() - 4, f);
}
std::vector<uint8_t> buf(size_t n) { return std::vector<uint8_t>(n, 0); }
}  // namespace

TEST(Wire, CallRoundTrip) {
  auto b = buf(256);
  const uint64_t s[3] = {1, 2, 0xFFFFFFFFFFFFFFFFull};
  const uint8_t d[2] = {9, 8};
  const size_t n = encode_call(b.data(), b.size(), 77, 5, s, 3, d, 2);
  ASSERT_EQ(n, 4u + 1 + 8 + 1 + 24 + 4 + 2);
  b.resize(n);
  EXPECT_EQ(b[4], 1);  // kind
  Frame f;
  ASSERT_TRUE(decode_whole(b, f));
  EXPECT_EQ(f.kind, FrameKind::Call);
  EXPECT_EQ(f.id, 77u);
  EXPECT_EQ(f.selector, 5u);
  EXPECT_EQ(f.n_scalars, 3u);
  EXPECT_EQ(f.scalars[2], s[2]);
  ASSERT_EQ(f.data_len, 2u);
  EXPECT_EQ(f.data[1], 8);
}

TEST(Wire, EveryKindRoundTrips) {
  auto b = buf(512);
  const uint64_t s[16] = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16};
  const uint8_t tok[] = "token";
  std::vector<size_t> sizes = {
      encode_reply(b.data(), b.size(), 1, -2, s, 16, tok, 5),
      encode_async(b.data() + 200, 120, 3, 0, s, 12),
      encode_map(b.data() + 330, 20, 4, 2),
      encode_open(b.data() + 350, 40, 5, 0, tok, 5),
      encode_call_async(b.data() + 400, 100, 6, 9, 42, nullptr, 0, nullptr, 0),
  };
  const size_t offs[] = {0, 200, 330, 350, 400};
  const FrameKind kinds[] = {FrameKind::Reply, FrameKind::Async, FrameKind::Map, FrameKind::Open, FrameKind::CallAsync};
  for (int i = 0; i < 5; ++i) {
    ASSERT_NE(sizes[i], 0u) << i;
    std::vector<uint8_t> one(b.begin() + static_cast<long>(offs[i]), b.begin() + static_cast<long>(offs[i] + sizes[i]));
    Frame f;
    ASSERT_TRUE(decode_whole(one, f)) << i;
    EXPECT_EQ(f.kind, kinds[i]);
    auto again = buf(one.size());
    EXPECT_EQ(encode_frame(again.data(), again.size(), f), one.size());
    EXPECT_EQ(again, one) << i;
  }
  Frame f;
  std::vector<uint8_t> reply(b.begin(), b.begin() + static_cast<long>(sizes[0]));
  ASSERT_TRUE(decode_whole(reply, f));
  EXPECT_EQ(f.status, -2);
  EXPECT_EQ(f.n_scalars, 16u);
}

TEST(Wire, RejectsMalformedFrames) {
  auto b = buf(128);
  const uint64_t s[1] = {1};
  const size_t n = encode_call(b.data(), b.size(), 1, 0, s, 1, nullptr, 0);
  Frame f;
  EXPECT_TRUE(decode_frame(b.data() + 4, n - 4, f));
  EXPECT_FALSE(decode_frame(b.data() + 4, n - 5, f));  // struct length overruns
  EXPECT_FALSE(decode_frame(b.data() + 4, n - 3, f));  // trailing byte
  EXPECT_FALSE(decode_frame(b.data() + 4, 0, f));      // no kind
  b[4 + 9] = 17;                                       // nScalars > 16
  EXPECT_FALSE(decode_frame(b.data() + 4, n - 4, f));
  b[4] = 7;  // unknown kind
  EXPECT_FALSE(decode_frame(b.data() + 4, n - 4, f));
  b[4] = 0;
  EXPECT_FALSE(decode_frame(b.data() + 4, n - 4, f));
  // A reply may carry at most 4096 struct bytes.
  auto big = buf(5000);
  EXPECT_EQ(encode_reply(big.data(), big.size(), 1, 0, nullptr, 0, big.data(), 4097), 0u);
  EXPECT_EQ(encode_call(b.data(), b.size(), 1, 0, s, 17, nullptr, 0), 0u);
  EXPECT_EQ(encode_call(b.data(), 10, 1, 0, s, 1, nullptr, 0), 0u);
}

TEST(Wire, StreamSplitsFramesAcrossArbitraryChunks) {
  std::vector<uint8_t> stream;
  for (uint32_t i = 0; i < 50; ++i) {
    auto b = buf(128);
    const uint64_t s[2] = {i, i * 2};
    const uint8_t d[5] = {1, 2, 3, 4, 5};
    b.resize(encode_call(b.data(), b.size(), i, 3, s, 2, d, i % 6));
    stream.insert(stream.end(), b.begin(), b.end());
  }
  std::vector<uint8_t> storage(4 + kMaxFrameLength);
  FrameStream fs(storage.data(), storage.size());
  uint32_t got = 0;
  size_t pos = 0, chunk = 1;
  while (pos < stream.size()) {
    const size_t n = std::min(chunk++ % 23 + 1, stream.size() - pos);
    std::memcpy(fs.write_ptr(), stream.data() + pos, n);
    fs.commit(n);
    pos += n;
    const uint8_t* body;
    uint32_t len;
    while (fs.next(body, len) == FrameStream::Next::Frame) {
      Frame f;
      ASSERT_TRUE(decode_frame(body, len, f));
      EXPECT_EQ(f.id, got);
      EXPECT_EQ(f.scalars[1], got * 2);
      ++got;
    }
  }
  EXPECT_EQ(got, 50u);
}

TEST(Wire, StreamRejectsOversizeAndZeroLength) {
  std::vector<uint8_t> storage(4 + kMaxFrameLength);
  const uint8_t* body;
  uint32_t len;
  {
    FrameStream fs(storage.data(), storage.size());
    put_u32(fs.write_ptr(), kMaxFrameLength + 1);
    fs.commit(4);
    EXPECT_EQ(fs.next(body, len), FrameStream::Next::Error);
  }
  {
    FrameStream fs(storage.data(), storage.size());
    put_u32(fs.write_ptr(), 0);
    fs.commit(4);
    EXPECT_EQ(fs.next(body, len), FrameStream::Next::Error);
  }
  {
    FrameStream fs(storage.data(), storage.size());
    put_u32(fs.write_ptr(), kMaxFrameLength);  // the largest legal frame fits
    fs.commit(4);
    EXPECT_EQ(fs.next(body, len), FrameStream::Next::NeedMore);
    fs.commit(kMaxFrameLength);
    EXPECT_EQ(fs.next(body, len), FrameStream::Next::Frame);
    EXPECT_EQ(len, kMaxFrameLength);
  }
}

}  // namespace hil
