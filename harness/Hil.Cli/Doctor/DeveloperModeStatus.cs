namespace Hil.Cli.Doctor;

/// <summary>What `systemextensionsctl developer` answered (issue 12, `hil doctor --rig` on a Mac).</summary>
internal enum DeveloperMode
{
    On,

    /// <summary>The tool refused: SIP is on, so developer mode can be neither read nor turned on.</summary>
    RefusedBySip,

    /// <summary>Any other answer; the check shows it as it came.</summary>
    Unrecognised,
}

/// <summary>
/// `systemextensionsctl developer`, read from its known answers only (samples with sources:
/// harness/tests/Hil.Dext.Tests/Samples/SOURCE.md): "Developer mode is on", and the refusal
/// every subcommand gives with SIP on, whole (three lines) or as its first line alone. No
/// capture of the "off" answer was found, so it is not guessed: it reads as unrecognised and
/// the check shows the words.
/// </summary>
internal sealed record DeveloperModeStatus(DeveloperMode Mode, string Line)
{
    private const string OnLine = "Developer mode is on";
    private const string SipRefusal = "this tool cannot be used if System Integrity Protection is enabled";

    public static DeveloperModeStatus Parse(string output)
    {
        ArgumentNullException.ThrowIfNull(output);
        var lines = output.Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0).ToList();
        if (lines.FirstOrDefault(l => l.Contains(SipRefusal, StringComparison.OrdinalIgnoreCase)) is { } refused)
        {
            return new DeveloperModeStatus(DeveloperMode.RefusedBySip, refused);
        }

        if (lines.FirstOrDefault(l => l.TrimEnd('.').Equals(OnLine, StringComparison.OrdinalIgnoreCase)) is { } on)
        {
            return new DeveloperModeStatus(DeveloperMode.On, on);
        }

        return new DeveloperModeStatus(DeveloperMode.Unrecognised, lines.Count == 0 ? "(no output)" : lines[0]);
    }
}
