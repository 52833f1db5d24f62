// Host umbrella for the DriverKit build check (see dext/README.md). Not Apple's text.
// Includes what the SDK's DriverKit.h (generated from DriverKit.iig) includes, limited to
// the headers declared here: IOLib, OSCollections, OSObject, OSAction, IODispatchQueue,
// the memory descriptors and map, IOService, IOUserClient. Not <os/log.h> nor
// <mach/mach_time.h>: a file that uses them includes them.
#pragma once
#include <DriverKit/IOLib.h>
#include <DriverKit/OSCollections.h>
#include <DriverKit/OSObject.h>
#include <DriverKit/OSAction.h>
#include <DriverKit/IODispatchQueue.h>
#include <DriverKit/IOMemoryDescriptor.h>
#include <DriverKit/IOMemoryMap.h>
#include <DriverKit/IOBufferMemoryDescriptor.h>
#include <DriverKit/IOService.h>
#include <DriverKit/IOUserClient.h>
