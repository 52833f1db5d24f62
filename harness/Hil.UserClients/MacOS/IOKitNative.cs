using System.Runtime.InteropServices;

namespace Hil.UserClients.MacOS;

/// <summary>
/// IOKit.framework and CoreFoundation entry points the app side of a user client needs
/// (reference/driverkit.md §2). VERIFIED ONLY ON A MAC: on Linux this compiles, never loads.
/// </summary>
internal static unsafe partial class IOKitNative
{
    public const uint MainPortDefault = 0; // kIOMainPortDefault
    public const uint MapAnywhere = 1;     // kIOMapAnywhere

    private const string IOKit = "/System/Library/Frameworks/IOKit.framework/IOKit";
    private const string CoreFoundation = "/System/Library/Frameworks/CoreFoundation.framework/CoreFoundation";
    private const string LibSystem = "/usr/lib/libSystem.dylib";

    /// <summary>mach_task_self() is a macro over the mach_task_self_ global.</summary>
    public static uint TaskSelf() => *(uint*)NativeLibrary.GetExport(NativeLibrary.Load(LibSystem), "mach_task_self_");

    /// <summary>The kCFRunLoopDefaultMode CFStringRef (an exported global, not a function).</summary>
    public static nint RunLoopDefaultMode() =>
        *(nint*)NativeLibrary.GetExport(NativeLibrary.Load(CoreFoundation), "kCFRunLoopDefaultMode");

    [LibraryImport(IOKit, StringMarshalling = StringMarshalling.Utf8)]
    public static partial nint IOServiceNameMatching(string name);

    /// <summary>Consumes one reference to <paramref name="matching"/>.</summary>
    [LibraryImport(IOKit)]
    public static partial int IOServiceGetMatchingServices(uint mainPort, nint matching, out uint iterator);

    [LibraryImport(IOKit)]
    public static partial uint IOIteratorNext(uint iterator);

    [LibraryImport(IOKit)]
    public static partial int IOObjectRelease(uint obj);

    [LibraryImport(IOKit)]
    public static partial int IOServiceOpen(uint service, uint owningTask, uint type, out uint connect);

    [LibraryImport(IOKit)]
    public static partial int IOServiceClose(uint connect);

    [LibraryImport(IOKit)]
    public static partial int IOConnectCallMethod(
        uint connection, uint selector, ulong* input, uint inputCnt, byte* inputStruct, nuint inputStructCnt,
        ulong* output, uint* outputCnt, byte* outputStruct, nuint* outputStructCnt);

    [LibraryImport(IOKit)]
    public static partial int IOConnectCallAsyncMethod(
        uint connection, uint selector, uint wakePort, ulong* reference, uint referenceCnt,
        ulong* input, uint inputCnt, byte* inputStruct, nuint inputStructCnt,
        ulong* output, uint* outputCnt, byte* outputStruct, nuint* outputStructCnt);

    [LibraryImport(IOKit)]
    public static partial int IOConnectMapMemory64(
        uint connect, uint memoryType, uint intoTask, out ulong atAddress, out ulong ofSize, uint options);

    [LibraryImport(IOKit)]
    public static partial int IOConnectUnmapMemory64(uint connect, uint memoryType, uint fromTask, ulong atAddress);

    [LibraryImport(IOKit)]
    public static partial nint IONotificationPortCreate(uint mainPort);

    [LibraryImport(IOKit)]
    public static partial void IONotificationPortDestroy(nint notify);

    [LibraryImport(IOKit)]
    public static partial uint IONotificationPortGetMachPort(nint notify);

    [LibraryImport(IOKit)]
    public static partial nint IONotificationPortGetRunLoopSource(nint notify);

    [LibraryImport(CoreFoundation)]
    public static partial nint CFRunLoopGetCurrent();

    [LibraryImport(CoreFoundation)]
    public static partial void CFRunLoopAddSource(nint runLoop, nint source, nint mode);

    [LibraryImport(CoreFoundation)]
    public static partial void CFRunLoopRun();

    [LibraryImport(CoreFoundation)]
    public static partial void CFRunLoopStop(nint runLoop);
}
