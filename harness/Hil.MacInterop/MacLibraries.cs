using System.Reflection;
using System.Runtime.InteropServices;

namespace Hil.MacInterop;

/// <summary>
/// The libraries the Mac interop binds, by name: <see cref="IOKitNative"/> declares every entry
/// point against <c>IOKit</c>, <c>CoreFoundation</c> or <c>System</c>, and this resolver (a
/// <see cref="DllImportResolver"/>) maps those names to Apple's files on macOS. Elsewhere it
/// leaves the name to the runtime's own probing, so a twin library exporting the same symbols
/// (issue 10) binds to the same declarations without a second copy of them.
/// </summary>
internal static class MacLibraries
{
    private static readonly Dictionary<string, string> ApplePaths = new(StringComparer.Ordinal)
    {
        [IOKit] = "/System/Library/Frameworks/IOKit.framework/IOKit",
        [CoreFoundation] = "/System/Library/Frameworks/CoreFoundation.framework/CoreFoundation",
        [System] = "/usr/lib/libSystem.dylib",
    };

    public const string IOKit = "IOKit";
    public const string CoreFoundation = "CoreFoundation";

    /// <summary>libSystem, for the mach_task_self_ global.</summary>
    public const string System = "System";

    private static int s_registered;

    /// <summary>Installs the resolver for this assembly's imports; later calls do nothing.</summary>
    public static void Register()
    {
        if (Interlocked.Exchange(ref s_registered, 1) == 0)
        {
            NativeLibrary.SetDllImportResolver(typeof(MacLibraries).Assembly, Resolve);
        }
    }

    /// <summary>The file <paramref name="name"/> binds to: Apple's on macOS, null (the runtime's probing) elsewhere.</summary>
    public static string? PathOf(string name, bool onMacOS) =>
        onMacOS && ApplePaths.TryGetValue(name, out var path) ? path : null;

    /// <summary>A handle of one of the libraries, for reading an exported variable (not a function).</summary>
    public static nint Load(string name)
    {
        Register();
        return NativeLibrary.Load(name, typeof(MacLibraries).Assembly, null);
    }

    private static nint Resolve(string name, Assembly assembly, DllImportSearchPath? searchPath) =>
        PathOf(name, OperatingSystem.IsMacOS()) is { } path ? NativeLibrary.Load(path) : 0;
}
