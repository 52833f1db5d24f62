using System.Runtime.InteropServices;
using System.Text.RegularExpressions;

namespace Hil.Reporting.Runtime;

/// <summary>
/// The OS build a report's environment shows, read from files rather than by starting sw_vers or
/// uname: on macOS what sw_vers prints (SystemVersion.plist: "macOS 14.5 (23F79)"), on Linux the
/// distribution and what uname -r prints ("Debian GNU/Linux 12 (bookworm), kernel 6.1.0-18-amd64",
/// the kernel release latency measurements are keyed by). Elsewhere the runtime's description.
/// </summary>
internal static partial class HostOs
{
    private const string SystemVersionPlist = "/System/Library/CoreServices/SystemVersion.plist";
    private const string OsRelease = "/etc/os-release";
    private const string KernelRelease = "/proc/sys/kernel/osrelease";

    public static string Describe()
    {
        if (OperatingSystem.IsMacOS() && File.Exists(SystemVersionPlist) && FromSystemVersion(File.ReadAllText(SystemVersionPlist)) is { } mac)
        {
            return mac;
        }

        if (OperatingSystem.IsLinux() && File.Exists(KernelRelease))
        {
            return FromLinux(File.Exists(OsRelease) ? File.ReadAllText(OsRelease) : "", File.ReadAllText(KernelRelease));
        }

        return RuntimeInformation.OSDescription;
    }

    /// <summary>"macOS {ProductVersion} ({ProductBuildVersion})", or null when the plist lacks either.</summary>
    public static string? FromSystemVersion(string plist)
    {
        var version = PlistString(plist, "ProductVersion");
        var build = PlistString(plist, "ProductBuildVersion");
        return version is null || build is null ? null : $"macOS {version} ({build})";
    }

    public static string FromLinux(string osRelease, string kernelRelease)
    {
        var pretty = PrettyName().Match(osRelease);
        var kernel = $"kernel {kernelRelease.Trim()}";
        return pretty.Success ? $"{pretty.Groups[1].Value.Trim().Trim('"')}, {kernel}" : $"Linux, {kernel}";
    }

    private static string? PlistString(string plist, string key)
    {
        var match = Regex.Match(plist, $@"<key>{key}</key>\s*<string>([^<]+)</string>", RegexOptions.None, TimeSpan.FromSeconds(1));
        return match.Success ? match.Groups[1].Value.Trim() : null;
    }

    [GeneratedRegex(@"^PRETTY_NAME=(.+)$", RegexOptions.Multiline)]
    private static partial Regex PrettyName();
}
