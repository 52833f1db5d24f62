using System.Text.Json;

namespace Hil.Cli.Run;

/// <summary>One test as its Allure result says it ended.</summary>
internal sealed record TestOutcome(string Suite, string Name, string Status, TimeSpan Duration, string? Message);

/// <summary>One topology's latency line as the latency fixture wrote it (fixtures' LatencySummary).</summary>
internal sealed record LatencyLine(
    string Topology, string Rig, long Samples, long Lost, long P50Ns, long P99Ns, long P999Ns,
    long FloorP50Ns, long FloorP99Ns, string FloorName);

/// <summary>
/// Reads what a run left behind: the Allure result files (the last attempt of each test
/// case decides its status; earlier retries are kept in the report) and the latency summary.
/// </summary>
internal static class RunSummary
{
    public static IReadOnlyList<TestOutcome> ReadOutcomes(string allureResultsDir)
    {
        if (!Directory.Exists(allureResultsDir))
        {
            return [];
        }

        var latest = new Dictionary<string, (long Stop, TestOutcome Outcome)>();
        foreach (var file in Directory.EnumerateFiles(allureResultsDir, "*-result.json"))
        {
            using var doc = JsonDocument.Parse(File.ReadAllBytes(file));
            var root = doc.RootElement;
            var key = Text(root, "historyId") ?? Text(root, "fullName") ?? file;
            var start = Number(root, "start");
            var stop = Number(root, "stop");
            var outcome = new TestOutcome(
                Label(root, "suite") ?? Label(root, "parentSuite") ?? string.Empty,
                Text(root, "name") ?? Path.GetFileName(file),
                Text(root, "status") ?? "unknown",
                TimeSpan.FromMilliseconds(Math.Max(0, stop - start)),
                root.TryGetProperty("statusDetails", out var details) ? Text(details, "message") : null);
            if (!latest.TryGetValue(key, out var seen) || stop >= seen.Stop)
            {
                latest[key] = (stop, outcome);
            }
        }

        return [.. latest.Values.Select(v => v.Outcome).OrderBy(o => o.Suite, StringComparer.Ordinal).ThenBy(o => o.Name, StringComparer.Ordinal)];
    }

    public static IReadOnlyList<LatencyLine> ReadLatency(string summaryFile)
    {
        if (!File.Exists(summaryFile))
        {
            return [];
        }

        return JsonSerializer.Deserialize<List<LatencyLine>>(File.ReadAllBytes(summaryFile), CliJson.Options) ?? [];
    }

    private static string? Text(JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;

    private static long Number(JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Number ? v.GetInt64() : 0;

    private static string? Label(JsonElement root, string name)
    {
        if (!root.TryGetProperty("labels", out var labels) || labels.ValueKind != JsonValueKind.Array)
        {
            return null;
        }

        return labels.EnumerateArray()
            .Where(l => Text(l, "name") == name)
            .Select(l => Text(l, "value"))
            .FirstOrDefault();
    }
}
