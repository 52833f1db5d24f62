using System.Text.Json;
using Hil.Foundation;
using Hil.Reporting.Model;
using Hil.Reporting.Writing;

namespace Hil.Reporting.Quarantine;

/// <summary>
/// Marks the failures of quarantined tests in a results directory: tagged <c>quarantined</c>, owner
/// set, muted (Allure 3 shows it muted), the message prefixed with owner, reason and expiry. The
/// failure stays a failure in the report; only the night's verdict ignores it.
/// </summary>
public static class QuarantineMarks
{
    /// <summary>Rewrites each failed or broken result a quarantine entry covers; returns the full names it marked.</summary>
    public static IReadOnlyList<string> Apply(string resultsDirectory, IReadOnlyList<QuarantineEntry> entries)
    {
        ArgumentNullException.ThrowIfNull(entries);
        if (entries.Count == 0 || !Directory.Exists(resultsDirectory))
        {
            return [];
        }

        var marked = new List<string>();
        foreach (var file in Directory.EnumerateFiles(resultsDirectory, "*-result.json"))
        {
            var result = JsonSerializer.Deserialize<AllureTestResult>(File.ReadAllBytes(file), AllureJson.Options);
            if (result is not { Status: AllureStatus.Failed or AllureStatus.Broken } || entries.FirstOrDefault(e => e.Covers(result.FullName)) is not { } entry)
            {
                continue;
            }

            Mark(result, entry);
            AtomicFile.WriteAllText(file, AllureJson.Serialize(result));
            marked.Add(result.FullName);
        }

        return [.. marked.Distinct()];
    }

    /// <summary>True when the result carries the quarantine tag.</summary>
    public static bool IsQuarantined(AllureTestResult result) =>
        result?.Labels.Any(l => l.Name == AllureLabels.Tag.Name && l.Value == QuarantineFile.Tag) == true;

    private static void Mark(AllureTestResult result, QuarantineEntry entry)
    {
        if (IsQuarantined(result))
        {
            return;
        }

        result.Labels.Add(AllureLabels.Tag.With(QuarantineFile.Tag));
        result.Labels.RemoveAll(l => l.Name == AllureLabels.Owner.Name);
        result.Labels.Add(AllureLabels.Owner.With(entry.Owner));
        result.StatusDetails ??= new AllureStatusDetails();
        result.StatusDetails.Muted = true;
        result.StatusDetails.Message =
            $"[quarantined until {entry.Expires:yyyy-MM-dd}, owner {entry.Owner}: {entry.Reason}] {result.StatusDetails.Message}";
    }
}
