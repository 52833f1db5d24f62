// Host declarations for the DriverKit build check (see dext/README.md). Not Apple's text.
// Sources: Apple's DriverKit documentation (developer.apple.com/documentation/driverkit:
// IOSleep(uint64_t ms), IODelay(uint64_t us), IOMallocZero, IOFree); the IONew/IONewZero/
// IOSafeDeleteNULL forms as in apple-oss-distributions/xnu iokit/IOKit/IOLib.h (typed
// allocation of `count` elements, freed with the same type and count).
#pragma once
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <type_traits>

void IOSleep(uint64_t ms);
void IODelay(uint64_t us);
void* IOMalloc(size_t length);
void* IOMallocZero(size_t length);
void IOFree(void* address, size_t length);

// Zeroed memory, no constructor run; IOSafeDeleteNULL frees it without a destructor. The
// static_assert is the host's own: it turns "a member whose destructor never runs" into a
// compile error, which Apple's macros do not (they compile and leak or corrupt).
template <class T>
inline T* hil_host_new_zero(size_t count) {
  static_assert(std::is_trivially_destructible<T>::value,
                "IONewZero: this type has a destructor that IOSafeDeleteNULL never runs");
  return static_cast<T*>(IOMallocZero(sizeof(T) * count));
}
#define IONewZero(type, count) hil_host_new_zero<type>(count)
#define IOSafeDeleteNULL(ptr, type, count)     \
  do {                                         \
    if ((ptr) != nullptr) {                    \
      IOFree((ptr), sizeof(type) * (count));   \
      (ptr) = nullptr;                         \
    }                                          \
  } while (0)

// DriverKit's libc has strlcpy (BSD); glibc only from 2.38. Host only.
#if defined(__GLIBC__) && __GLIBC__ == 2 && __GLIBC_MINOR__ < 38
extern "C" size_t strlcpy(char* dst, const char* src, size_t size);
#endif
