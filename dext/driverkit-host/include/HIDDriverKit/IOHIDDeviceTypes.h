// Host declarations for the DriverKit build check (see dext/README.md). Not Apple's text.
// Source: apple-oss-distributions/IOHIDFamily IOHIDFamily/IOHIDDeviceTypes.h (IOHIDReportType).
#pragma once

enum IOHIDReportType {
  kIOHIDReportTypeInput = 0,
  kIOHIDReportTypeOutput,
  kIOHIDReportTypeFeature,
  kIOHIDReportTypeCount
};
typedef enum IOHIDReportType IOHIDReportType;
