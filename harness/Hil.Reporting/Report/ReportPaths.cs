using Hil.Foundation;
using Hil.Reporting.Writing;

namespace Hil.Reporting;

/// <summary>Where the pinned Allure CLI and its config live: reports/ in the repository (or HIL_REPORTS_DIR).</summary>
public static class ReportPaths
{
    public static string ReportsDirectory()
    {
        var fromEnv = Environment.GetEnvironmentVariable("HIL_REPORTS_DIR");
        if (!string.IsNullOrWhiteSpace(fromEnv))
        {
            return Path.GetFullPath(fromEnv);
        }

        var root = RepositoryRoot.TryFind(AppContext.BaseDirectory) ?? RepositoryRoot.TryFind(Environment.CurrentDirectory)
            ?? throw new InfrastructureException(
                $"cannot find the repository (a folder with Harness.sln) above {AppContext.BaseDirectory} or {Environment.CurrentDirectory}; set HIL_REPORTS_DIR to the reports/ folder");
        return Path.Combine(root, "reports");
    }

    /// <summary>
    /// The default history file of every verb (`hil run`, `hil report`, the report config): one JSONL
    /// line per generated report (Allure 3 historyPath), in reports/history/ (ignored by git).
    /// </summary>
    public static string DefaultHistoryFile() => Path.Combine(ReportsDirectory(), "history", "history.jsonl");

    /// <summary>The latency trend across nights lives beside the history it goes with: the same folder, latency-trend.jsonl.</summary>
    public static string TrendFileBeside(string historyFile) =>
        Path.Combine(Path.GetDirectoryName(Path.GetFullPath(historyFile))!, "latency-trend.jsonl");

    internal static string AllureCli(string reportsDirectory) => Path.Combine(reportsDirectory, "node_modules", ".bin", "allure");

    internal static string Config(string reportsDirectory) => Path.Combine(reportsDirectory, "allurerc.mjs");
}
