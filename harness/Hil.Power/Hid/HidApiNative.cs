using System.Reflection;
using System.Runtime.InteropServices;

namespace Hil.Power;

/// <summary>
/// P/Invoke into hidapi: Debian's libhidapi-hidraw0 ships only the versioned .so.0 and
/// Homebrew installs libhidapi.dylib outside the default search path, so names are resolved here.
/// </summary>
internal static partial class HidApiNative
{
    private const string Lib = "hidapi";

    private static readonly string[] Candidates = OperatingSystem.IsMacOS()
        ? ["libhidapi.dylib", "/opt/homebrew/lib/libhidapi.dylib", "/usr/local/lib/libhidapi.dylib"]
        : ["libhidapi-hidraw.so.0", "libhidapi-hidraw.so", "libhidapi-libusb.so.0"];

    static HidApiNative() => NativeLibrary.SetDllImportResolver(typeof(HidApiNative).Assembly, Resolve);

    public static string InstallHint => OperatingSystem.IsMacOS()
        ? "brew install hidapi"
        : "apt-get install libhidapi-hidraw0";

    /// <summary>Forces the static constructor (resolver registration) and reports whether hidapi loads.</summary>
    public static bool TryLoad(out string? error)
    {
        foreach (var name in Candidates)
        {
            if (NativeLibrary.TryLoad(name, out _))
            {
                error = null;
                return true;
            }
        }

        error = $"hidapi not found (tried {string.Join(", ", Candidates)}); {InstallHint}";
        return false;
    }

    [LibraryImport(Lib)]
    internal static partial int hid_init();

    [LibraryImport(Lib)]
    internal static partial IntPtr hid_enumerate(ushort vendorId, ushort productId);

    [LibraryImport(Lib)]
    internal static partial void hid_free_enumeration(IntPtr devs);

    [LibraryImport(Lib, StringMarshalling = StringMarshalling.Utf8)]
    internal static partial IntPtr hid_open_path(string path);

    [LibraryImport(Lib)]
    internal static partial void hid_close(IntPtr device);

    [LibraryImport(Lib)]
    internal static partial int hid_get_feature_report(IntPtr device, [Out] byte[] data, nuint length);

    [LibraryImport(Lib)]
    internal static partial int hid_send_feature_report(IntPtr device, [In] byte[] data, nuint length);

    [LibraryImport(Lib)]
    internal static partial IntPtr hid_error(IntPtr device);

    /// <summary>wchar_t is 4 bytes (UTF-32) on Linux and macOS, where hidapi hands out wide strings.</summary>
    internal static string? WideString(IntPtr p)
    {
        if (p == IntPtr.Zero)
        {
            return null;
        }

        var chars = new List<int>();
        for (var offset = 0; ; offset += 4)
        {
            var c = Marshal.ReadInt32(p, offset);
            if (c == 0)
            {
                break;
            }

            chars.Add(c);
        }

        return string.Concat(chars.Select(char.ConvertFromUtf32));
    }

    private static IntPtr Resolve(string name, Assembly assembly, DllImportSearchPath? path)
    {
        if (name != Lib)
        {
            return IntPtr.Zero;
        }

        foreach (var candidate in Candidates)
        {
            if (NativeLibrary.TryLoad(candidate, out var handle))
            {
                return handle;
            }
        }

        return IntPtr.Zero;
    }

    /// <summary>The leading fields of hidapi's struct hid_device_info (stable since 0.8; later versions only append).</summary>
    [StructLayout(LayoutKind.Sequential)]
    internal struct DeviceInfo
    {
        public IntPtr Path;
        public ushort VendorId;
        public ushort ProductId;
        public IntPtr SerialNumber;
        public ushort ReleaseNumber;
        public IntPtr Manufacturer;
        public IntPtr Product;
        public ushort UsagePage;
        public ushort Usage;
        public int InterfaceNumber;
        public IntPtr Next;
    }
}
