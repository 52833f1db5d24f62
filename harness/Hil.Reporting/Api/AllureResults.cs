using System.Text.Json;
using Hil.Foundation;
using Hil.Reporting.Model;
using Hil.Reporting.Writing;

namespace Hil.Reporting;

/// <summary>Reads a results directory back through the writer's own model: what `hil run` summarises and the report UI tests check.</summary>
public static class AllureResults
{
    /// <summary>Every attempt of every test (<c>*-result.json</c>); none when the directory does not exist.</summary>
    public static IReadOnlyList<AllureTestResult> Read(string directory)
    {
        if (!Directory.Exists(directory))
        {
            return [];
        }

        return [.. Directory.EnumerateFiles(directory, "*-result.json").Order(StringComparer.Ordinal).Select(ReadFile)];
    }

    /// <summary>
    /// The final attempt of every test case (one per history id): the last to stop decides its
    /// status, as in the report, where earlier retries are kept as its retries.
    /// </summary>
    public static IReadOnlyList<AllureTestResult> FinalAttempts(string directory) =>
        [.. Read(directory)
            .GroupBy(r => r.HistoryId, StringComparer.Ordinal)
            .Select(g => g.OrderBy(r => r.Stop ?? r.Start).Last())];

    private static AllureTestResult ReadFile(string file)
    {
        try
        {
            return JsonSerializer.Deserialize<AllureTestResult>(File.ReadAllBytes(file), AllureJson.Options)
                ?? throw new InputException($"{file}: expected an Allure test result, found null");
        }
        catch (JsonException ex)
        {
            throw new InputException($"{file}: not an Allure test result: {ex.Message}");
        }
    }
}
