// Must NOT compile (CTest driverkit_check_rejects_wrong_call): IOBufferMemoryDescriptor::Create
// takes options, capacity, alignment and the out pointer (IOBufferMemoryDescriptor.iig). If
// this ever compiles, the host declarations have stopped checking the glue's calls.
#include <DriverKit/IOBufferMemoryDescriptor.h>

kern_return_t make_buffer(IOBufferMemoryDescriptor** md) {
  return IOBufferMemoryDescriptor::Create(kIOMemoryDirectionInOut, 64, md);
}
