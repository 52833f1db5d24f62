using Hil.Foundation;

namespace Hil.Reporting.Contracts;

/// <summary>
/// The folders and files one run leaves under its results directory: `hil run` creates it and
/// writes the run config there, the fixtures and the Allure writer write into it, and
/// ci/nightly.yml and ci/gate.sh name the same relative paths (Hil.Cli.Tests reads both files
/// to check they still do). Each path can be moved on its own (e.g. HIL_ALLURE_RESULTS), so a
/// layout is carried whole, never rebuilt from <see cref="Root"/> by a reader.
/// </summary>
public sealed record ResultsLayout(string Root)
{
    public const string AllureFolder = "allure";
    public const string MeasurementsFolder = "measurements";
    public const string LatencyHeadlinesName = "latency-summary.json";
    public const string TestLogName = "fixtures.log";
    public const string HealthLogName = "health.log";
    public const string TestResultsFolder = "testresults";
    public const string RunConfigName = "run-config.json";
    public const string SimLogsFolder = "sim-logs";

    /// <summary>The default results directory, relative to the repository root.</summary>
    public const string DefaultFolder = "results";

    /// <summary>The Allure results: one file per test attempt, container, attachment, plus the run files.</summary>
    public string AllureResults { get; init; } = Path.Combine(Root, AllureFolder);

    /// <summary>One measurement file per rig and topology, the gate's input (ci/gate.sh).</summary>
    public string Measurements { get; init; } = Path.Combine(Root, MeasurementsFolder);

    /// <summary>The latency headlines (one per topology) the fixtures write and `hil run` prints.</summary>
    public string LatencyHeadlines { get; init; } = Path.Combine(Root, LatencyHeadlinesName);

    /// <summary>Everything `dotnet test` printed while running the suite.</summary>
    public string TestLog { get; init; } = Path.Combine(Root, TestLogName);

    /// <summary>Everything `dotnet test` printed while running the health suite `hil run` runs first.</summary>
    public string HealthLog { get; init; } = Path.Combine(Root, HealthLogName);

    /// <summary>The .NET test platform's own result files (TRX and the like).</summary>
    public string TestResults { get; init; } = Path.Combine(Root, TestResultsFolder);

    /// <summary>The sim hosts' stderr logs (HIL_SIM_LOGS of the suite's test host), so nothing of a run is left in /tmp.</summary>
    public string SimLogs { get; init; } = Path.Combine(Root, SimLogsFolder);

    /// <summary>The run config `hil run` hands to the fixtures.</summary>
    public string RunConfig { get; init; } = Path.Combine(Root, RunConfigName);

    /// <summary>
    /// Empties what one run writes (Allure results, measurements, sim logs, latency headlines), so nothing of an
    /// earlier run mixes into the next or shows up as its retries; the Allure history lives outside.
    /// </summary>
    public void ClearRunOutputs()
    {
        foreach (var dir in new[] { AllureResults, Measurements, SimLogs })
        {
            if (Directory.Exists(dir))
            {
                Directory.Delete(dir, recursive: true);
            }

            Directory.CreateDirectory(dir);
        }

        if (File.Exists(LatencyHeadlines))
        {
            File.Delete(LatencyHeadlines);
        }
    }

    /// <summary>results/ under the repository root, or under the current directory outside a repository.</summary>
    public static ResultsLayout Default() => new(Path.Combine(Anchor(), DefaultFolder));

    /// <summary><paramref name="relative"/> under the repository root (or the current directory outside one), made absolute.</summary>
    public static string UnderRepository(string relative) => Path.GetFullPath(Path.Combine(Anchor(), relative));

    private static string Anchor() =>
        RepositoryRoot.TryFind(AppContext.BaseDirectory) ?? RepositoryRoot.TryFind(Environment.CurrentDirectory) ?? Environment.CurrentDirectory;
}
