using System.Reflection;
using System.Runtime.InteropServices;

namespace Hil.MacInterop;

/// <summary>
/// The libraries the Mac interop binds, by name: <see cref="IOKitNative"/> declares every entry
/// point against <c>IOKit</c>, <c>CoreFoundation</c> or <c>System</c>, and this resolver (a
/// <see cref="DllImportResolver"/>) maps those names to one file. With a twin in use
/// (<see cref="UseTwin"/>, the macos-twin rig) all three are libhil-macos-twin, which exports the
/// same symbols; otherwise Apple's files on macOS, and nothing elsewhere (the call then fails
/// with DllNotFoundException, which the Mac classes turn into an infrastructure fault).
/// </summary>
public static class MacLibraries
{
    public const string IOKit = "IOKit";
    public const string CoreFoundation = "CoreFoundation";

    /// <summary>libSystem, for the mach_task_self_ global.</summary>
    public const string System = "System";

    private static readonly Dictionary<string, string> ApplePaths = new(StringComparer.Ordinal)
    {
        [IOKit] = "/System/Library/Frameworks/IOKit.framework/IOKit",
        [CoreFoundation] = "/System/Library/Frameworks/CoreFoundation.framework/CoreFoundation",
        [System] = "/usr/lib/libSystem.dylib",
    };

    private static int s_registered;
    private static string? s_twin;

    /// <summary>True when the interop can bind: on macOS, or with a twin in use.</summary>
    public static bool Available => OperatingSystem.IsMacOS() || s_twin is not null;

    /// <summary>The twin library in use, or null.</summary>
    public static string? Twin => s_twin;

    /// <summary>
    /// Binds IOKit, CoreFoundation and System to <paramref name="twinLibrary"/> for the rest of the
    /// process. A process binds one implementation: asking for another twin after the first is refused.
    /// </summary>
    /// <exception cref="InvalidOperationException">A different twin is already in use.</exception>
    public static void UseTwin(string twinLibrary)
    {
        ArgumentException.ThrowIfNullOrEmpty(twinLibrary);
        var full = Path.GetFullPath(twinLibrary);
        var previous = Interlocked.CompareExchange(ref s_twin, full, null);
        if (previous is not null && previous != full)
        {
            throw new InvalidOperationException($"this process already binds IOKit to {previous}; it cannot switch to {full}");
        }

        Register();
    }

    /// <summary>Installs the resolver for this assembly's imports; later calls do nothing.</summary>
    public static void Register()
    {
        if (Interlocked.Exchange(ref s_registered, 1) == 0)
        {
            NativeLibrary.SetDllImportResolver(typeof(MacLibraries).Assembly, Resolve);
        }
    }

    /// <summary>The file <paramref name="name"/> binds to: the twin when one is in use, else Apple's on macOS, else null.</summary>
    public static string? PathOf(string name, bool onMacOS) =>
        s_twin is { } twin && ApplePaths.ContainsKey(name) ? twin
        : onMacOS && ApplePaths.TryGetValue(name, out var path) ? path : null;

    /// <summary>A handle of one of the libraries, for reading an exported variable (not a function).</summary>
    internal static nint Load(string name)
    {
        Register();
        return PathOf(name, OperatingSystem.IsMacOS()) is { } path
            ? NativeLibrary.Load(path)
            : NativeLibrary.Load(name, typeof(MacLibraries).Assembly, null);
    }

    private static nint Resolve(string name, Assembly assembly, DllImportSearchPath? searchPath) =>
        PathOf(name, OperatingSystem.IsMacOS()) is { } path ? NativeLibrary.Load(path) : 0;
}
