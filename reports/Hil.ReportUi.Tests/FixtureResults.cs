using Hil.Foundation;
using Hil.Foundation.Processes;
using Hil.Reporting.Contracts;
using Hil.Reporting.Writing;

namespace Hil.ReportUi.Tests;

/// <summary>
/// The results the report is built from: the real fixture run when HIL_FIXTURE_RESULTS points at
/// one (`./hil test` runs fixtures first), else a fresh run of SampleRun/ with `dotnet test`.
/// </summary>
internal static class FixtureResults
{
    public const string EnvironmentVariable = "HIL_FIXTURE_RESULTS";
    private static readonly TimeSpan SampleRunTimeout = TimeSpan.FromMinutes(8);

    public static async Task<string> ObtainAsync(string workDirectory, CancellationToken ct)
    {
        if (Environment.GetEnvironmentVariable(EnvironmentVariable) is { Length: > 0 } given)
        {
            var full = Path.GetFullPath(given);
            if (!Directory.Exists(full) || Directory.GetFiles(full, "*-result.json").Length == 0)
            {
                throw new InputException($"{EnvironmentVariable}={given}: expected a directory of Allure results (*-result.json); found none");
            }

            return full;
        }

        var results = Path.Combine(workDirectory, "results");
        var project = Path.Combine(Hil.Foundation.RepositoryRoot.TryFind(AppContext.BaseDirectory)!, "reports", "Hil.ReportUi.Tests", "SampleRun");
        var run = await ProcessRunner.RunAsync(
            new ProcessCommand("dotnet", "test", project, "--nologo")
            {
                Timeout = SampleRunTimeout,
                Environment = ChildEnvironment(results),
            },
            TimeProvider.System,
            ct);

        // The sample run fails on purpose (exit 1); anything else, or no results, means it did not run.
        if (run.ExitCode is not (0 or 1) || !Directory.Exists(results) || Directory.GetFiles(results, "*-result.json").Length == 0)
        {
            throw new InfrastructureException($"'dotnet test {project}' exited {run.ExitCode} and wrote no results to {results}: {run.StandardOutput}{run.StandardError}");
        }

        return results;
    }

    /// <summary>
    /// Results into <paramref name="results"/>, whatever run config this process has; without the
    /// test host's own MSBuild and VSTest variables, which would steer the nested build wrongly.
    /// </summary>
    private static Dictionary<string, string?> ChildEnvironment(string results)
    {
        var env = Environment.GetEnvironmentVariables().Keys.Cast<string>()
            .Where(k => k.StartsWith("MSBUILD", StringComparison.OrdinalIgnoreCase) || k.StartsWith("VSTEST", StringComparison.OrdinalIgnoreCase))
            .ToDictionary(k => k, _ => (string?)null, StringComparer.Ordinal);
        env[RunConfigFile.Variable] = null;
        env[ResultsLocation.EnvironmentVariable] = results;
        return env;
    }
}
