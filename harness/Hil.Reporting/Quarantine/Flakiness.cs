using System.Globalization;
using System.Text;
using System.Text.Json;
using Hil.Foundation;
using Hil.Reporting.Model;

namespace Hil.Reporting.Quarantine;

/// <summary>How often one test's verdict flipped between pass and fail over the runs its history holds.</summary>
public sealed record TestFlakiness(string FullName, int Runs, int Flips)
{
    /// <summary>Flips per chance to flip: 0 for a test that always passed or always failed, 1 for one that alternated.</summary>
    public double Rate => Runs < 2 ? 0 : (double)Flips / (Runs - 1);

    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"{FullName}: flipped {Flips} times in {Runs} runs ({Rate * 100:0}%)");
}

/// <summary>
/// Flakiness per test from the Allure history file (one JSON line per generated report, each with
/// every test's status by history id) plus this run's results. Skipped runs are left out: only a
/// pass next to a failure is a flip.
/// </summary>
public static class Flakiness
{
    public static IReadOnlyList<TestFlakiness> Of(string historyFile, IReadOnlyList<AllureTestResult> current)
    {
        ArgumentNullException.ThrowIfNull(current);
        var runs = new Dictionary<string, (string Name, List<bool> Passed)>(StringComparer.Ordinal);
        foreach (var (id, name, status) in History(historyFile).Concat(current.Select(r => (r.HistoryId, r.FullName, Status: (r.Status ?? AllureStatus.Unknown).ToString().ToLowerInvariant()))))
        {
            if (status is not ("passed" or "failed" or "broken"))
            {
                continue;
            }

            if (!runs.TryGetValue(id, out var seen))
            {
                runs[id] = seen = (name, []);
            }

            seen.Passed.Add(status == "passed");
        }

        return [.. runs.Values
            .Select(r => new TestFlakiness(r.Name, r.Passed.Count, r.Passed.Zip(r.Passed.Skip(1)).Count(p => p.First != p.Second)))
            .Where(f => f.Flips > 0)
            .OrderByDescending(f => f.Rate).ThenBy(f => f.FullName, StringComparer.Ordinal)];
    }

    public static string Csv(IReadOnlyList<TestFlakiness> tests)
    {
        ArgumentNullException.ThrowIfNull(tests);
        var csv = new StringBuilder("test,runs,flips,flip_rate\n");
        foreach (var t in tests)
        {
            csv.Append(CultureInfo.InvariantCulture, $"\"{t.FullName.Replace("\"", "\"\"", StringComparison.Ordinal)}\",{t.Runs},{t.Flips},{t.Rate:0.###}\n");
        }

        return csv.ToString();
    }

    private static IEnumerable<(string Id, string Name, string Status)> History(string historyFile)
    {
        if (!File.Exists(historyFile))
        {
            yield break;
        }

        var number = 0;
        foreach (var line in File.ReadLines(historyFile))
        {
            number++;
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            JsonElement results;
            try
            {
                using var doc = JsonDocument.Parse(line);
                results = doc.RootElement.TryGetProperty("testResults", out var r) ? r.Clone() : default;
            }
            catch (JsonException ex)
            {
                throw new InputException($"{historyFile}:{number}: not an Allure history line: {ex.Message}");
            }

            if (results.ValueKind != JsonValueKind.Object)
            {
                continue;
            }

            foreach (var test in results.EnumerateObject())
            {
                yield return (test.Name, Text(test.Value, "fullName") ?? Text(test.Value, "name") ?? test.Name, Text(test.Value, "status") ?? "unknown");
            }
        }
    }

    private static string? Text(JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
}
