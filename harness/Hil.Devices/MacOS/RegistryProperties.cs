using System.Runtime.InteropServices;
using Hil.MacInterop;

namespace Hil.Devices.MacOS;

/// <summary>Reads a registry entry's number and string properties (idVendor, USB Serial Number …) through CoreFoundation.</summary>
internal static unsafe class RegistryProperties
{
    public static long? ReadNumber(uint entry, string key) => WithProperty(entry, key, cf =>
        IOKitNative.CFGetTypeID(cf) == IOKitNative.CFNumberGetTypeID()
            && IOKitNative.CFNumberGetValue(cf, IOKitNative.NumberSInt64Type, out var v) ? v : (long?)null);

    public static string? ReadString(uint entry, string key) => WithProperty(entry, key, cf =>
    {
        if (IOKitNative.CFGetTypeID(cf) != IOKitNative.CFStringGetTypeID())
        {
            return null;
        }

        var buffer = stackalloc byte[256];
        return IOKitNative.CFStringGetCString(cf, buffer, 256, IOKitNative.StringEncodingUtf8) ? Marshal.PtrToStringUTF8((nint)buffer) : null;
    });

    private static T? WithProperty<T>(uint entry, string key, Func<nint, T?> read)
    {
        var cfKey = IOKitNative.CFStringCreateWithCString(0, key, IOKitNative.StringEncodingUtf8);
        try
        {
            var value = IOKitNative.IORegistryEntryCreateCFProperty(entry, cfKey, 0, 0);
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
                IOKitNative.CFRelease(value);
            }
        }
        finally
        {
            IOKitNative.CFRelease(cfKey);
        }
    }
}
