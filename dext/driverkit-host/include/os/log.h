// Host declarations for the DriverKit build check (see dext/README.md). Not Apple's text.
// Source: Apple's os_log documentation (developer.apple.com/documentation/os/os_log):
// os_log(log, format, ...) with a constant format string; OS_LOG_DEFAULT.
#pragma once

typedef struct hil_os_log_s* os_log_t;
#define OS_LOG_DEFAULT ((os_log_t) nullptr)

// Not printf-checked: os_log formats carry privacy annotations such as %{public}s.
void hil_host_os_log(os_log_t log, const char* format, ...);
// "" format: like Apple's, the format must be a string literal.
#define os_log(log, format, ...) hil_host_os_log((log), "" format, ##__VA_ARGS__)
