using System.Runtime.InteropServices;

namespace Hil.Devices.MacOS;

/// <summary>
/// The few IOKit.framework and CoreFoundation calls the USB watcher needs
/// (reference/driverkit.md §2 "Arrival and termination"). macOS only.
/// </summary>
internal static unsafe partial class IOKitNative
{
    public const string IOKit = "/System/Library/Frameworks/IOKit.framework/IOKit";
    public const string CoreFoundation = "/System/Library/Frameworks/CoreFoundation.framework/CoreFoundation";
    public const uint MainPortDefault = 0;
    public const uint StringEncodingUtf8 = 0x08000100;
    public const int NumberSInt64Type = 4;
    public const string FirstMatchNotification = "IOServiceFirstMatch";
    public const string TerminatedNotification = "IOServiceTerminate";

    [LibraryImport(IOKit)]
    public static partial nint IONotificationPortCreate(uint mainPort);

    [LibraryImport(IOKit)]
    public static partial void IONotificationPortDestroy(nint port);

    [LibraryImport(IOKit)]
    public static partial nint IONotificationPortGetRunLoopSource(nint port);

    [LibraryImport(IOKit, StringMarshalling = StringMarshalling.Utf8)]
    public static partial nint IOServiceMatching(string name);

    /// <summary>Consumes one reference to <paramref name="matching"/>.</summary>
    [LibraryImport(IOKit, StringMarshalling = StringMarshalling.Utf8)]
    public static partial int IOServiceAddMatchingNotification(
        nint port, string notificationType, nint matching,
        delegate* unmanaged[Cdecl]<nint, uint, void> callback, nint refCon, out uint iterator);

    [LibraryImport(IOKit)]
    public static partial uint IOIteratorNext(uint iterator);

    [LibraryImport(IOKit)]
    public static partial int IOObjectRelease(uint obj);

    [LibraryImport(IOKit)]
    public static partial int IORegistryEntryGetRegistryEntryID(uint entry, out ulong id);

    [LibraryImport(IOKit)]
    public static partial nint IORegistryEntryCreateCFProperty(uint entry, nint key, nint allocator, uint options);

    [LibraryImport(CoreFoundation)]
    public static partial nint CFRunLoopGetCurrent();

    [LibraryImport(CoreFoundation)]
    public static partial void CFRunLoopAddSource(nint runLoop, nint source, nint mode);

    [LibraryImport(CoreFoundation)]
    public static partial void CFRunLoopRun();

    [LibraryImport(CoreFoundation)]
    public static partial void CFRunLoopStop(nint runLoop);

    [LibraryImport(CoreFoundation, StringMarshalling = StringMarshalling.Utf8)]
    public static partial nint CFStringCreateWithCString(nint allocator, string value, uint encoding);

    [LibraryImport(CoreFoundation)]
    [return: MarshalAs(UnmanagedType.U1)]
    public static partial bool CFNumberGetValue(nint number, int type, out long value);

    [LibraryImport(CoreFoundation)]
    [return: MarshalAs(UnmanagedType.U1)]
    public static partial bool CFStringGetCString(nint str, byte* buffer, nint size, uint encoding);

    [LibraryImport(CoreFoundation)]
    public static partial nuint CFGetTypeID(nint cf);

    [LibraryImport(CoreFoundation)]
    public static partial nuint CFNumberGetTypeID();

    [LibraryImport(CoreFoundation)]
    public static partial nuint CFStringGetTypeID();

    [LibraryImport(CoreFoundation)]
    public static partial void CFRelease(nint cf);

    /// <summary>kCFRunLoopDefaultMode is an exported CFStringRef variable, not a function.</summary>
    public static nint DefaultRunLoopMode()
    {
        var library = NativeLibrary.Load(CoreFoundation);
        return Marshal.ReadIntPtr(NativeLibrary.GetExport(library, "kCFRunLoopDefaultMode"));
    }

    public static long? ReadNumber(uint entry, string key) => WithProperty(entry, key, cf =>
        CFGetTypeID(cf) == CFNumberGetTypeID() && CFNumberGetValue(cf, NumberSInt64Type, out var v) ? v : (long?)null);

    public static string? ReadString(uint entry, string key) => WithProperty(entry, key, cf =>
    {
        if (CFGetTypeID(cf) != CFStringGetTypeID())
        {
            return null;
        }

        var buffer = stackalloc byte[256];
        return CFStringGetCString(cf, buffer, 256, StringEncodingUtf8) ? Marshal.PtrToStringUTF8((nint)buffer) : null;
    });

    private static T? WithProperty<T>(uint entry, string key, Func<nint, T?> read)
    {
        var cfKey = CFStringCreateWithCString(0, key, StringEncodingUtf8);
        try
        {
            var value = IORegistryEntryCreateCFProperty(entry, cfKey, 0, 0);
            if (value == 0)
            {
                return default;
            }

            try
            {
                return read(value);
            }
            finally
            {
                CFRelease(value);
            }
        }
        finally
        {
            CFRelease(cfKey);
        }
    }
}
