using System.Text.RegularExpressions;
using Hil.Foundation;

namespace Hil.Dext.MacOS;

/// <summary>What <c>csrutil status</c> says about System Integrity Protection.</summary>
public enum SipState
{
    Enabled,
    Disabled,

    /// <summary>Some protections off: "enabled (Custom Configuration)" (10.11 on) or "unknown (Custom Configuration)" (newer).</summary>
    Custom,
}

/// <summary>
/// <c>csrutil status</c>, read for `hil doctor` (issue 12): whether SIP is off, which a dext host
/// without a host app needs (<c>systemextensionsctl uninstall</c> and <c>developer on</c> refuse
/// with SIP on). Samples: harness/tests/Hil.Dext.Tests/Samples/csrutil-status-*.txt (SOURCE.md).
/// </summary>
public sealed partial record SipStatus(SipState State, IReadOnlyDictionary<string, bool> Flags, string StatusLine)
{
    /// <summary>True when a tool that needs SIP off will run: fully off, or a custom configuration with Kext Signing off.</summary>
    public bool AllowsDeveloperTools =>
        State == SipState.Disabled || (State == SipState.Custom && Flags.TryGetValue("Kext Signing", out var on) && !on);

    /// <exception cref="InputException">No status line, or a word other than enabled/disabled/unknown.</exception>
    public static SipStatus Parse(string output, string source = "csrutil status")
    {
        ArgumentNullException.ThrowIfNull(output);
        var line = output.Split('\n').Select(l => l.Trim()).FirstOrDefault(l => l.StartsWith("System Integrity Protection status:", StringComparison.Ordinal))
            ?? throw new InputException($"{source}: no 'System Integrity Protection status:' line; got: {First(output)}");
        var m = StatusPattern().Match(line);
        if (!m.Success)
        {
            throw new InputException($"{source}: expected 'System Integrity Protection status: enabled|disabled|unknown [(Custom Configuration)].', got '{line}'");
        }

        var custom = m.Groups["custom"].Success;
        var state = (m.Groups["word"].Value, custom) switch
        {
            (_, true) => SipState.Custom,
            ("enabled", false) => SipState.Enabled,
            ("disabled", false) => SipState.Disabled,
            _ => throw new InputException($"{source}: '{line}': 'unknown' comes only with (Custom Configuration)"),
        };
        var flags = FlagPattern().Matches(output).ToDictionary(f => f.Groups["name"].Value.Trim(), f => f.Groups["on"].Value == "enabled", StringComparer.Ordinal);
        return new SipStatus(state, flags, line);
    }

    private static string First(string text) => text.Length <= 120 ? text.Trim() : text[..120].Trim() + "…";

    [GeneratedRegex(@"^System Integrity Protection status: (?<word>enabled|disabled|unknown)(?<custom> \(Custom Configuration\))?\.?$", RegexOptions.CultureInvariant)]
    private static partial Regex StatusPattern();

    [GeneratedRegex(@"^[ \t]+(?<name>[A-Za-z][A-Za-z -]*): (?<on>enabled|disabled)[ \t]*\r?$", RegexOptions.Multiline | RegexOptions.CultureInvariant)]
    private static partial Regex FlagPattern();
}
