namespace Hil.UserClients;

/// <summary>IOKit return codes, same values as macOS IOKit/IOReturn.h (dext/PROTOCOL.md §3).</summary>
#pragma warning disable CA1008, CA1028, CA1707 // names and values mirror IOReturn.h
public enum IOReturn : uint
{
    Success = 0,
    Error = 0xE00002BC,
    NoMemory = 0xE00002BD,
    NoResources = 0xE00002BE,
    BadArgument = 0xE00002C2,
    Unsupported = 0xE00002C7,
    NotOpen = 0xE00002CD,
    Busy = 0xE00002D5,
    Timeout = 0xE00002D6,
    NotReady = 0xE00002D8,
    NotPermitted = 0xE00002E2,
    Offline = 0xE00002E3,
    Overrun = 0xE00002E8,
    Aborted = 0xE00002EB,
}
#pragma warning restore CA1008, CA1028, CA1707
