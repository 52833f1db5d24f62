using System.Text;
using Hil.Latency.Files;
using Hil.Reporting;
using Hil.Reporting.Model;
using Hil.Reporting.Quarantine;
using Hil.Reporting.Trend;
using Hil.Reporting.Writing;
using Hil.Rigs;

namespace Hil.Cli.Run;

/// <summary>One test as its Allure result says it ended; <see cref="Marks"/> are what a reader must see beside the status (marginal, quarantined).</summary>
internal sealed record TestOutcome(string Suite, string Name, string Status, TimeSpan Duration, string? Message)
{
    public IReadOnlyList<string> Marks { get; init; } = [];

    public bool Quarantined => Marks.Contains(QuarantineFile.Tag);

    public bool Failed => Status is not ("passed" or "skipped");

    public static TestOutcome Of(AllureTestResult result) => new(
        result.LabelValue(AllureLabels.Suite.Name) ?? result.LabelValue(AllureLabels.ParentSuite.Name) ?? string.Empty,
        result.Name,
        (result.Status ?? AllureStatus.Unknown).ToString().ToLowerInvariant(),
        TimeSpan.FromMilliseconds(Math.Max(0, (result.Stop ?? result.Start) - result.Start)),
        result.StatusDetails?.Message)
    {
        Marks = [.. result.Labels.Where(l => l.Name == AllureLabels.Tag.Name && l.Value is LatencyBudget.MarginalTag or QuarantineFile.Tag)
            .Select(l => l.Value).Distinct()],
    };
}

/// <summary>What `hil run` learnt from the suite beyond pass and fail: latency, its trend, flaky tests.</summary>
internal sealed record RunFindings(
    IReadOnlyList<TestOutcome> Tests, IReadOnlyList<LatencyHeadline> Latency, IReadOnlyList<string> TrendMoves, IReadOnlyList<TestFlakiness> Flaky);

/// <summary>What a run left behind, as `hil run` summarises it: the final attempt of each test (earlier retries are kept in the report).</summary>
internal static class RunSummary
{
    public static IReadOnlyList<TestOutcome> ReadOutcomes(string allureResultsDir) =>
        [.. AllureResults.FinalAttempts(allureResultsDir)
            .Select(TestOutcome.Of)
            .OrderBy(o => o.Suite, StringComparer.Ordinal)
            .ThenBy(o => o.Name, StringComparer.Ordinal)];

    /// <summary>
    /// After the suite, before the report: marks quarantined failures, appends the latency trend, works
    /// out flakiness from the history, and puts the trend and flakiness into the results for the report.
    /// </summary>
    public static async Task<RunFindings> GatherAsync(RunOptions options, IReadOnlyList<QuarantineEntry> quarantine, CancellationToken ct)
    {
        var layout = options.Results;
        QuarantineMarks.Apply(layout.AllureResults, quarantine);
        var latency = LatencyHeadlineFile.Read(layout.LatencyHeadlines);
        var moves = await LatencyTrend.RecordAsync(ReportPaths.TrendFileBeside(options.HistoryFile), latency, layout.AllureResults, TimeProvider.System, ct)
            .ConfigureAwait(false);
        var flaky = Flakiness.Of(options.HistoryFile, AllureResults.FinalAttempts(layout.AllureResults));
        if (flaky.Count > 0)
        {
            GlobalsFile.Write(layout.AllureResults,
                [new($"flakiness per test (flips between pass and fail over the history in {options.HistoryFile})", Encoding.UTF8.GetBytes(Flakiness.Csv(flaky)), "text/csv", "csv")],
                [], TimeProvider.System.GetUtcNow());
        }

        return new RunFindings(ReadOutcomes(layout.AllureResults), latency, moves, flaky);
    }
}
