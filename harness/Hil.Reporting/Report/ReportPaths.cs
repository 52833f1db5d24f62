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

    /// <summary>The default history file: one JSONL line per generated report (Allure 3 historyPath).</summary>
    public static string DefaultHistoryFile() => Path.Combine(ReportsDirectory(), "history", "history.jsonl");

    internal static string AllureCli(string reportsDirectory) => Path.Combine(reportsDirectory, "node_modules", ".bin", "allure");

    internal static string Config(string reportsDirectory) => Path.Combine(reportsDirectory, "allurerc.mjs");
}
