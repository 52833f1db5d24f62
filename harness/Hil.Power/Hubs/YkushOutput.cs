using System.Text.RegularExpressions;

namespace Hil.Power;

/// <summary>
/// What ykushcmd prints, in both wordings seen in the field (Yepkit/ykush issues #4, #18, #35, #43):
/// `-l` as "1. Board found with serial number: YK12345" (1.x) or "YKUSH device found with Serial
/// Number: YK20078" (older), a "(null)" serial when the board cannot be read, and
/// "Unable to open device" / "Unable to write to device" replies that still exit 0.
/// </summary>
internal static partial class YkushOutput
{
    /// <summary>Downstream ports per model (relays.md §5): YKUSH and YKUSH3 have 3, YKUSHXS has 1.</summary>
    public static IReadOnlyDictionary<string, int> PortsByModel { get; } = new Dictionary<string, int>(StringComparer.Ordinal)
    {
        ["ykush"] = 3,
        ["ykush3"] = 3,
        ["ykushxs"] = 1,
    };

    public const string PermissionsHint =
        "ykushcmd sees a YKUSH board but reads its serial as (null): it may not open the board. On Linux run it as root " +
        "or add a udev rule for 04d8:f2f7/f11b/f0cd giving your user access; on macOS check no other program holds the board";

    /// <summary>The serials `ykushcmd -l` listed, and a problem when one was listed as (null).</summary>
    public static (IReadOnlyList<string> Serials, string? Problem) Listing(string output)
    {
        var serials = Serial().Matches(output).Select(m => m.Groups[1].Value).ToList();
        var unreadable = serials.RemoveAll(s => s == "(null)");
        return (serials, unreadable > 0 ? PermissionsHint : null);
    }

    /// <summary>A reply line saying the command did not reach the board, or null.</summary>
    public static string? Failure(string output) =>
        output.Split('\n').Select(l => l.Trim()).FirstOrDefault(l => Unable().IsMatch(l));

    [GeneratedRegex(@"(?:Board|device) found with serial number: (\S+)", RegexOptions.IgnoreCase)]
    private static partial Regex Serial();

    [GeneratedRegex(@"^(?:Unable to |cannot claim interface)", RegexOptions.IgnoreCase)]
    private static partial Regex Unable();
}
