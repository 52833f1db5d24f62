using Hil.Reporting;
using Hil.Reporting.Model;
using Hil.Rigs;

namespace Hil.Cli.Run;

/// <summary>One test as its Allure result says it ended; <see cref="Marks"/> are what a reader must see beside the status (marginal).</summary>
internal sealed record TestOutcome(string Suite, string Name, string Status, TimeSpan Duration, string? Message)
{
    public IReadOnlyList<string> Marks { get; init; } = [];

    public static TestOutcome Of(AllureTestResult result) => new(
        result.LabelValue(AllureLabels.Suite.Name) ?? result.LabelValue(AllureLabels.ParentSuite.Name) ?? string.Empty,
        result.Name,
        (result.Status ?? AllureStatus.Unknown).ToString().ToLowerInvariant(),
        TimeSpan.FromMilliseconds(Math.Max(0, (result.Stop ?? result.Start) - result.Start)),
        result.StatusDetails?.Message)
    {
        Marks = [.. result.Labels.Where(l => l.Name == AllureLabels.Tag.Name && l.Value == LatencyBudget.MarginalTag).Select(l => l.Value).Distinct()],
    };
}

/// <summary>What a run left behind, as `hil run` summarises it: the final attempt of each test (earlier retries are kept in the report).</summary>
internal static class RunSummary
{
    public static IReadOnlyList<TestOutcome> ReadOutcomes(string allureResultsDir) =>
        [.. AllureResults.FinalAttempts(allureResultsDir)
            .Select(TestOutcome.Of)
            .OrderBy(o => o.Suite, StringComparer.Ordinal)
            .ThenBy(o => o.Name, StringComparer.Ordinal)];
}
