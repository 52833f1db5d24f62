// The twin's exports as a C caller sees them (the signatures Hil.MacInterop/IOKitNative.cs binds).
#pragma once
#include <cstddef>
#include <cstdint>
#include <string>

extern "C" {
extern uint32_t mach_task_self_;
extern const void* kCFRunLoopDefaultMode;
const void* CFStringCreateWithCString(const void*, const char*, uint32_t);
bool CFStringGetCString(const void*, char*, long, uint32_t);
bool CFNumberGetValue(const void*, long, void*);
unsigned long CFGetTypeID(const void*);
unsigned long CFNumberGetTypeID();
unsigned long CFStringGetTypeID();
void CFRelease(const void*);
void* CFRunLoopGetCurrent();
void CFRunLoopAddSource(void*, void*, const void*);
int32_t CFRunLoopRunInMode(const void*, double, bool);
void CFRunLoopStop(void*);
void* IOServiceMatching(const char*);
void* IOServiceNameMatching(const char*);
void* IORegistryEntryIDMatching(uint64_t);
int32_t IOServiceGetMatchingServices(uint32_t, const void*, uint32_t*);
int32_t IOServiceAddMatchingNotification(void*, const char*, const void*, void (*)(void*, uint32_t), void*, uint32_t*);
uint32_t IOIteratorNext(uint32_t);
int32_t IOObjectRelease(uint32_t);
int32_t IORegistryEntryGetRegistryEntryID(uint32_t, uint64_t*);
const void* IORegistryEntryCreateCFProperty(uint32_t, const void*, const void*, uint32_t);
void* IONotificationPortCreate(uint32_t);
void IONotificationPortDestroy(void*);
uint32_t IONotificationPortGetMachPort(void*);
void* IONotificationPortGetRunLoopSource(void*);
int32_t IOServiceOpen(uint32_t, uint32_t, uint32_t, uint32_t*);
int32_t IOServiceClose(uint32_t);
int32_t IOConnectCallMethod(uint32_t, uint32_t, const uint64_t*, uint32_t, const void*, size_t, uint64_t*, uint32_t*,
                            void*, size_t*);
int32_t IOConnectMapMemory64(uint32_t, uint32_t, uint32_t, uint64_t*, uint64_t*, uint32_t);
int32_t IOConnectUnmapMemory64(uint32_t, uint32_t, uint32_t, uint64_t);
int hil_twin_publish_service(uint64_t, const char*, const char*, const char*, const char*);
int hil_twin_set_property_string(uint64_t, const char*, const char*);
int hil_twin_set_property_number(uint64_t, const char*, int64_t);
int hil_twin_register_service(uint64_t);
int hil_twin_terminate_service(uint64_t);
size_t hil_twin_audit(char*, size_t);
}

namespace twin_test {
constexpr uint32_t kUtf8 = 0x08000100;
constexpr int32_t kBadArgument = static_cast<int32_t>(0xE00002C2u);
inline std::string audit() {
  std::string s(hil_twin_audit(nullptr, 0) + 1, '\0');
  hil_twin_audit(s.data(), s.size());
  s.resize(s.size() - 1);
  return s;
}
}  // namespace twin_test
