using System.Runtime.InteropServices;

namespace Hil.MacInterop;

/// <summary>
/// Every IOKit.framework and CoreFoundation entry point the harness binds, declared once for the
/// USB watcher (Hil.Devices) and the user client (Hil.UserClients); reference/driverkit.md §2.
/// Signatures follow Apple's IOKitLib.h (IOKitUser, github.com/apple-oss-distributions/IOKitUser): io_object_t
/// and its kinds (iterator, service, connect) and mach ports are 32-bit; kern_return_t is int;
/// IOServiceGetMatchingServices and IOServiceAddMatchingNotification consume one reference of the
/// matching dictionary; IOConnectCall*Method's output counts are in/out. CoreFoundation's after
/// CFBase.h, CFNumber.h (CFNumberType is a CFIndex, pointer-sized), CFString.h and CFRunLoop.h.
/// Names resolve through <see cref="MacLibraries"/>: Apple's frameworks on a Mac, libhil-macos-twin
/// (dext/twin) for the macos-twin rig, which runs these same declarations on Linux every day.
/// </summary>
internal static unsafe partial class IOKitNative
{
    public const uint MainPortDefault = 0;          // kIOMainPortDefault
    public const uint MapAnywhere = 1;              // kIOMapAnywhere
    public const uint StringEncodingUtf8 = 0x08000100; // kCFStringEncodingUTF8
    public const nint NumberSInt64Type = 4;         // kCFNumberSInt64Type
    public const string FirstMatchNotification = "IOServiceFirstMatch"; // kIOFirstMatchNotification
    public const string TerminatedNotification = "IOServiceTerminate";  // kIOTerminatedNotification

    // The resolver must be in place before the first import binds; a static constructor runs
    // before any static method of this class is called.
    static IOKitNative() => MacLibraries.Register();

    /// <summary>mach_task_self() is a macro over the mach_task_self_ global.</summary>
    public static uint TaskSelf() => *(uint*)NativeLibrary.GetExport(MacLibraries.Load(MacLibraries.System), "mach_task_self_");

    /// <summary>The kCFRunLoopDefaultMode CFStringRef (an exported global, not a function).</summary>
    public static nint RunLoopDefaultMode() =>
        *(nint*)NativeLibrary.GetExport(MacLibraries.Load(MacLibraries.CoreFoundation), "kCFRunLoopDefaultMode");

    // IOObject, IOIterator, IORegistryEntry.
    [LibraryImport(MacLibraries.IOKit)]
    public static partial int IOObjectRelease(uint obj);

    [LibraryImport(MacLibraries.IOKit)]
    public static partial uint IOIteratorNext(uint iterator);

    [LibraryImport(MacLibraries.IOKit)]
    public static partial int IORegistryEntryGetRegistryEntryID(uint entry, out ulong id);

    [LibraryImport(MacLibraries.IOKit)]
    public static partial nint IORegistryEntryCreateCFProperty(uint entry, nint key, nint allocator, uint options);

    // IOService matching and notification.
    [LibraryImport(MacLibraries.IOKit, StringMarshalling = StringMarshalling.Utf8)]
    public static partial nint IOServiceMatching(string name);

    [LibraryImport(MacLibraries.IOKit, StringMarshalling = StringMarshalling.Utf8)]
    public static partial nint IOServiceNameMatching(string name);

    /// <summary>Matches the one entry with this registry ID (IOKitLib.h, macOS 10.6+).</summary>
    [LibraryImport(MacLibraries.IOKit)]
    public static partial nint IORegistryEntryIDMatching(ulong entryId);

    /// <summary>Consumes one reference to <paramref name="matching"/>.</summary>
    [LibraryImport(MacLibraries.IOKit)]
    public static partial int IOServiceGetMatchingServices(uint mainPort, nint matching, out uint iterator);

    /// <summary>Consumes one reference to <paramref name="matching"/>.</summary>
    [LibraryImport(MacLibraries.IOKit, StringMarshalling = StringMarshalling.Utf8)]
    public static partial int IOServiceAddMatchingNotification(
        nint port, string notificationType, nint matching,
        delegate* unmanaged[Cdecl]<nint, uint, void> callback, nint refCon, out uint iterator);

    [LibraryImport(MacLibraries.IOKit)]
    public static partial nint IONotificationPortCreate(uint mainPort);

    [LibraryImport(MacLibraries.IOKit)]
    public static partial void IONotificationPortDestroy(nint notify);

    [LibraryImport(MacLibraries.IOKit)]
    public static partial uint IONotificationPortGetMachPort(nint notify);

    [LibraryImport(MacLibraries.IOKit)]
    public static partial nint IONotificationPortGetRunLoopSource(nint notify);

    // IOConnect (user clients).
    [LibraryImport(MacLibraries.IOKit)]
    public static partial int IOServiceOpen(uint service, uint owningTask, uint type, out uint connect);

    [LibraryImport(MacLibraries.IOKit)]
    public static partial int IOServiceClose(uint connect);

    [LibraryImport(MacLibraries.IOKit)]
    public static partial int IOConnectCallMethod(
        uint connection, uint selector, ulong* input, uint inputCnt, byte* inputStruct, nuint inputStructCnt,
        ulong* output, uint* outputCnt, byte* outputStruct, nuint* outputStructCnt);

    [LibraryImport(MacLibraries.IOKit)]
    public static partial int IOConnectCallAsyncMethod(
        uint connection, uint selector, uint wakePort, ulong* reference, uint referenceCnt,
        ulong* input, uint inputCnt, byte* inputStruct, nuint inputStructCnt,
        ulong* output, uint* outputCnt, byte* outputStruct, nuint* outputStructCnt);

    [LibraryImport(MacLibraries.IOKit)]
    public static partial int IOConnectMapMemory64(
        uint connect, uint memoryType, uint intoTask, out ulong atAddress, out ulong ofSize, uint options);

    [LibraryImport(MacLibraries.IOKit)]
    public static partial int IOConnectUnmapMemory64(uint connect, uint memoryType, uint fromTask, ulong atAddress);

    // CoreFoundation: run loops, strings, numbers.
    [LibraryImport(MacLibraries.CoreFoundation)]
    public static partial nint CFRunLoopGetCurrent();

    [LibraryImport(MacLibraries.CoreFoundation)]
    public static partial void CFRunLoopAddSource(nint runLoop, nint source, nint mode);

    [LibraryImport(MacLibraries.CoreFoundation)]
    public static partial void CFRunLoopStop(nint runLoop);

    /// <summary>Returns kCFRunLoopRunFinished (1), Stopped (2), TimedOut (3) or HandledSource (4).</summary>
    [LibraryImport(MacLibraries.CoreFoundation)]
    public static partial int CFRunLoopRunInMode(nint mode, double seconds, [MarshalAs(UnmanagedType.U1)] bool returnAfterSourceHandled);

    [LibraryImport(MacLibraries.CoreFoundation, StringMarshalling = StringMarshalling.Utf8)]
    public static partial nint CFStringCreateWithCString(nint allocator, string value, uint encoding);

    [LibraryImport(MacLibraries.CoreFoundation)]
    [return: MarshalAs(UnmanagedType.U1)]
    public static partial bool CFStringGetCString(nint str, byte* buffer, nint size, uint encoding);

    [LibraryImport(MacLibraries.CoreFoundation)]
    [return: MarshalAs(UnmanagedType.U1)]
    public static partial bool CFNumberGetValue(nint number, nint type, out long value);

    [LibraryImport(MacLibraries.CoreFoundation)]
    public static partial nuint CFGetTypeID(nint cf);

    [LibraryImport(MacLibraries.CoreFoundation)]
    public static partial nuint CFNumberGetTypeID();

    [LibraryImport(MacLibraries.CoreFoundation)]
    public static partial nuint CFStringGetTypeID();

    [LibraryImport(MacLibraries.CoreFoundation)]
    public static partial void CFRelease(nint cf);
}
