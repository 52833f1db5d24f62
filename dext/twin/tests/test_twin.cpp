// The twin against Apple's documented semantics: reference counts and their audit, matching
// and notifications on a run loop, and a user client on a real hil-simhost.
#include <gtest/gtest.h>

#include <atomic>
#include <thread>
#include <vector>

#include "launcher.h"
#include "twin_api.h"

using twin_test::audit;
using twin_test::kUtf8;

namespace {
uint64_t publish(uint64_t id, const char* cls, const char* name, const char* endpoint = "", const char* token = "") {
  EXPECT_EQ(0, hil_twin_publish_service(id, cls, name, endpoint, token));
  return id;
}
}  // namespace

TEST(Twin, ReleasedObjectsLeaveACleanAudit) {
  audit();
  const void* s = CFStringCreateWithCString(nullptr, "idVendor", kUtf8);
  char buf[16];
  ASSERT_TRUE(CFStringGetCString(s, buf, sizeof buf, kUtf8));
  EXPECT_STREQ("idVendor", buf);
  EXPECT_FALSE(CFStringGetCString(s, buf, 4, kUtf8));  // too small: false, as CF answers
  EXPECT_EQ(CFStringGetTypeID(), CFGetTypeID(s));
  CFRelease(s);
  EXPECT_EQ("", audit());
}

TEST(Twin, ALeakedIteratorEntryNamesTheCallThatMadeIt) {
  audit();
  hil_twin_register_service(publish(0x100000a01, "IOUSBHostDevice", "leaky"));
  uint32_t it = 0;
  ASSERT_EQ(0, IOServiceGetMatchingServices(0, IOServiceNameMatching("leaky"), &it));
  const uint32_t service = IOIteratorNext(it);
  ASSERT_NE(0u, service);
  EXPECT_EQ(0u, IOIteratorNext(it));
  EXPECT_EQ(0, IOObjectRelease(it));
  const auto text = audit();
  EXPECT_NE(std::string::npos, text.find("leaked io_object_t")) << text;
  EXPECT_NE(std::string::npos, text.find("created by IOIteratorNext")) << text;
  EXPECT_EQ(0, IOObjectRelease(service));
  hil_twin_terminate_service(0x100000a01);
}

TEST(Twin, AnOverReleaseNamesTheCreator) {
  audit();
  void* dict = IOServiceMatching("Nothing");
  uint32_t it = 0;
  ASSERT_EQ(0, IOServiceGetMatchingServices(0, dict, &it));  // consumes dict
  CFRelease(dict);
  EXPECT_EQ(0, IOObjectRelease(it));
  EXPECT_NE(0, IOObjectRelease(it));
  const auto text = audit();
  EXPECT_NE(std::string::npos, text.find("over-released CFDictionary")) << text;
  EXPECT_NE(std::string::npos, text.find("created by IOServiceMatching")) << text;
  EXPECT_NE(std::string::npos, text.find("created by IOServiceGetMatchingServices")) << text;
}

TEST(Twin, PropertiesComeBackAsCFNumbersAndStrings) {
  audit();
  publish(0x100000a02, "IOUSBHostDevice", "props");
  hil_twin_set_property_number(0x100000a02, "idVendor", 0x1209);
  hil_twin_set_property_string(0x100000a02, "USB Serial Number", "HIL-A");
  hil_twin_register_service(0x100000a02);
  uint32_t it = 0;
  ASSERT_EQ(0, IOServiceGetMatchingServices(0, IORegistryEntryIDMatching(0x100000a02), &it));
  const uint32_t s = IOIteratorNext(it);
  uint64_t id = 0;
  ASSERT_EQ(0, IORegistryEntryGetRegistryEntryID(s, &id));
  EXPECT_EQ(0x100000a02u, id);
  const void* key = CFStringCreateWithCString(nullptr, "idVendor", kUtf8);
  const void* v = IORegistryEntryCreateCFProperty(s, key, nullptr, 0);
  int64_t n = 0;
  ASSERT_EQ(CFNumberGetTypeID(), CFGetTypeID(v));
  ASSERT_TRUE(CFNumberGetValue(v, 4, &n));
  EXPECT_EQ(0x1209, n);
  CFRelease(v);
  CFRelease(key);
  IOObjectRelease(s);
  IOObjectRelease(it);
  hil_twin_terminate_service(0x100000a02);
  EXPECT_EQ("", audit());
}

namespace {
struct Seen {
  std::atomic<int> arrived{0}, removed{0};
};
void on_arrival(void* refcon, uint32_t it) {
  for (uint32_t s = IOIteratorNext(it); s != 0; s = IOIteratorNext(it)) {
    ++static_cast<Seen*>(refcon)->arrived;
    IOObjectRelease(s);
  }
}
void on_removal(void* refcon, uint32_t it) {
  for (uint32_t s = IOIteratorNext(it); s != 0; s = IOIteratorNext(it)) {
    ++static_cast<Seen*>(refcon)->removed;
    IOObjectRelease(s);
  }
}
// Runs the current thread's loop until `done` or 10 s (named in the failure).
bool run_until(const std::function<bool()>& done) {
  for (int i = 0; i < 100 && !done(); ++i) CFRunLoopRunInMode(kCFRunLoopDefaultMode, 0.1, true);
  return done();
}
}  // namespace

TEST(Twin, FirstMatchAndTerminatedNotificationsRunOnTheRunLoop) {
  audit();
  Seen seen;
  void* port = IONotificationPortCreate(0);
  CFRunLoopAddSource(CFRunLoopGetCurrent(), IONotificationPortGetRunLoopSource(port), kCFRunLoopDefaultMode);
  hil_twin_register_service(publish(0x100000a03, "IOUSBHostDevice", "early"));
  uint32_t arrivals = 0, removals = 0;
  ASSERT_EQ(0, IOServiceAddMatchingNotification(port, "IOServiceFirstMatch", IOServiceMatching("IOUSBHostDevice"),
                                                on_arrival, &seen, &arrivals));
  ASSERT_EQ(0, IOServiceAddMatchingNotification(port, "IOServiceTerminate", IOServiceMatching("IOUSBHostDevice"),
                                                on_removal, &seen, &removals));
  on_arrival(&seen, arrivals);  // drains what was there and arms the notification
  on_removal(&seen, removals);
  EXPECT_EQ(1, seen.arrived.load());
  hil_twin_register_service(publish(0x100000a04, "IOUSBHostDevice", "late"));
  ASSERT_TRUE(run_until([&] { return seen.arrived == 2; })) << "waited 10 s for the first-match notification";
  hil_twin_terminate_service(0x100000a04);
  ASSERT_TRUE(run_until([&] { return seen.removed == 1; })) << "waited 10 s for the terminated notification";
  hil_twin_terminate_service(0x100000a03);
  ASSERT_TRUE(run_until([&] { return seen.removed == 2; })) << "waited 10 s for the second terminated notification";
  IOObjectRelease(arrivals);
  IOObjectRelease(removals);
  IONotificationPortDestroy(port);
  EXPECT_EQ("", audit());
}

TEST(Twin, AStopBeforeTheRunStartsIsLostAsInCoreFoundation) {
  void* port = IONotificationPortCreate(0);
  CFRunLoopAddSource(CFRunLoopGetCurrent(), IONotificationPortGetRunLoopSource(port), kCFRunLoopDefaultMode);
  CFRunLoopStop(CFRunLoopGetCurrent());
  EXPECT_EQ(3, CFRunLoopRunInMode(kCFRunLoopDefaultMode, 0.05, false));  // kCFRunLoopRunTimedOut, not Stopped
  IONotificationPortDestroy(port);
  EXPECT_EQ(1, CFRunLoopRunInMode(kCFRunLoopDefaultMode, 0.05, false));  // no sources: kCFRunLoopRunFinished
}

class TwinOnSimHost : public ::testing::Test {
 protected:
  void SetUp() override {
    audit();
    dir_ = hil::make_temp_dir();
    std::string err;
    ASSERT_TRUE(host_.start(HIL_SIMHOST, kToken, dir_, {"driver1:d1", "driver2:d2"}, err)) << err;
    publish(0x100000b01, "IOService", "HilProbeDriver1", (dir_ + "/d1.sock").c_str(), kToken);
    hil_twin_register_service(0x100000b01);
    publish(0x100000b03, "IOService", "HilProbeRoot", (dir_ + "/d2.sock").c_str(), kToken);
    hil_twin_register_service(0x100000b03);
  }
  void TearDown() override {
    hil_twin_terminate_service(0x100000b01);
    hil_twin_terminate_service(0x100000b03);
    host_.stop(15, 10000);
  }
  uint32_t open(uint64_t id = 0x100000b01) {
    uint32_t it = 0, connect = 0;
    EXPECT_EQ(0, IOServiceGetMatchingServices(0, IORegistryEntryIDMatching(id), &it));
    const uint32_t s = IOIteratorNext(it);
    IOObjectRelease(it);
    EXPECT_EQ(0, IOServiceOpen(s, mach_task_self_, 0, &connect));
    IOObjectRelease(s);
    return connect;
  }
  static constexpr const char* kToken = "com.apple.developer.driverkit.userclient-access=com.example.hilprobe";
  std::string dir_;
  hil::SimHostProcess host_;
};

TEST_F(TwinOnSimHost, CallsCountOutputsInAndOut) {
  const uint32_t c = open();
  const uint64_t version = 1;
  uint64_t out[16] = {};
  uint32_t n = 16;
  size_t sn = 0;
  ASSERT_EQ(0, IOConnectCallMethod(c, 0, &version, 1, nullptr, 0, out, &n, nullptr, &sn));
  EXPECT_EQ(4u, n);  // OpenSession answers role, pid, instance, peer
  EXPECT_EQ(1u, out[0]);
  n = 16;
  EXPECT_EQ(twin_test::kBadArgument, IOConnectCallMethod(c, 0, out, 2, nullptr, 0, out, &n, nullptr, &sn))
      << "a wrong scalar input count is the dext's kIOReturnBadArgument";
  n = 2;
  EXPECT_EQ(twin_test::kBadArgument, IOConnectCallMethod(c, 0, &version, 1, nullptr, 0, out, &n, nullptr, &sn))
      << "an output count too small for the reply is refused";
  EXPECT_EQ(0, IOServiceClose(c));
  EXPECT_EQ("", audit());
}

TEST_F(TwinOnSimHost, MapsTheRecordRing) {
  const uint32_t c = open();
  uint64_t addr = 0, size = 0;
  EXPECT_NE(0, IOConnectMapMemory64(c, 1, mach_task_self_, &addr, &size, 1)) << "driver1 has no record ring";
  IOServiceClose(c);
  EXPECT_EQ("", audit());
}

// HandOverSharedRing the way a Mac passes memory across processes: the mapped ring itself as a
// struct input over 4096 bytes (structureInputDescriptor on the dext's side), which the twin
// sends as the shm name behind the mapping.
TEST_F(TwinOnSimHost, AStructInputInsideAMappingHandsTheMemoryOver) {
  const uint32_t d1 = open(0x100000b01), d2 = open(0x100000b03);
  const uint64_t version = 1, capacity = 64;
  uint64_t out[16] = {};
  uint32_t n = 16;
  size_t sn = 0;
  ASSERT_EQ(0, IOConnectCallMethod(d1, 0, &version, 1, nullptr, 0, out, &n, nullptr, &sn));
  n = 16;
  ASSERT_EQ(0, IOConnectCallMethod(d2, 0, &version, 1, nullptr, 0, out, &n, nullptr, &sn));
  n = 16;
  ASSERT_EQ(0, IOConnectCallMethod(d2, 12, &capacity, 1, nullptr, 0, out, &n, nullptr, &sn)) << "MapSharedRing";
  uint64_t addr = 0, size = 0;
  ASSERT_EQ(0, IOConnectMapMemory64(d2, static_cast<uint32_t>(out[0]), mach_task_self_, &addr, &size, 1));
  ASSERT_GT(size, 4096u) << "a ring is always out of line on IOKit";
  n = 0;
  EXPECT_EQ(0, IOConnectCallMethod(d1, 11, &capacity, 1, reinterpret_cast<void*>(addr), size, nullptr, &n, nullptr, &sn))
      << "HandOverSharedRing with the ring's own memory";
  std::vector<uint8_t> elsewhere(size);
  EXPECT_EQ(twin_test::kBadArgument,
            IOConnectCallMethod(d1, 11, &capacity, 1, elsewhere.data(), size, nullptr, &n, nullptr, &sn))
      << "memory the twin did not map goes inline, and a ring's worth of bytes is no shm name";
  EXPECT_EQ(0, IOConnectUnmapMemory64(d2, static_cast<uint32_t>(out[0]), mach_task_self_, addr));
  IOServiceClose(d1);
  IOServiceClose(d2);
  EXPECT_EQ("", audit());
}
