namespace Hil.Cli.Run;

/// <summary>What `hil run` was asked to do, with every path made absolute against the repository root.</summary>
internal sealed record RunOptions(string RepoRoot, string RigFile, string Suite, string ResultsDir, string ReportDir, string HistoryFile)
{
    public static readonly IReadOnlyList<string> Suites = ["smoke", "nightly", "qualification", "gate"];

    public string AllureResultsDir => Path.Combine(ResultsDir, "allure");

    public string LatencySummaryFile => Path.Combine(ResultsDir, "latency-summary.json");

    public string TestLogFile => Path.Combine(ResultsDir, "fixtures.log");

    /// <summary>Where the latency fixture leaves its measurement files, for `ci/gate.sh`.</summary>
    public string MeasurementsDir => Path.Combine(ResultsDir, "measurements");
}
