using System.Globalization;
using System.Text;

namespace Hil.Cli.Faults;

/// <summary>The report as people read it: one Markdown row per kind (it goes into issue notes as is), then what fell short.</summary>
internal static class FaultTable
{
    public static string Format(FaultReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"\n{report.Rig}, {report.Repeat} run(s) per kind:\n");
        text.AppendLine("| kind | runs | expected | seen | safe state restored | orphans | leaks | results valid | exit code |");
        text.AppendLine("|---|---|---|---|---|---|---|---|---|");
        foreach (var t in report.Faults)
        {
            text.AppendLine(CultureInfo.InvariantCulture,
                $"| {t.Kind} | {t.Runs} | {t.Expected} | {t.Seen} | {YesNo(t.SafeStateRestored)} | {t.Orphans} | {t.Leaks} | {YesNo(t.ResultsValid)} | {t.ExitCode} (expected {t.ExpectedExitCode}) |");
        }

        foreach (var t in report.Faults.Where(t => !t.AsExpected))
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"\n{t.Kind} fell short:");
            foreach (var line in t.Short)
            {
                text.AppendLine(CultureInfo.InvariantCulture, $"  {line}");
            }
        }

        text.AppendLine(report.AsExpected ? "\nevery kind ended as expected" : "\nsome kinds fell short (exit 1)");
        return text.ToString();
    }

    private static string YesNo(bool value) => value ? "yes" : "no";
}
