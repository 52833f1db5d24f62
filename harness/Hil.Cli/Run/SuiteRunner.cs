using System.Text;
using CliWrap;
using Hil.Foundation;

namespace Hil.Cli.Run;

/// <summary>
/// Runs the NUnit fixtures of one suite through the .NET test platform, against one rig,
/// writing Allure results where the run asks. The fixtures read the rig and results paths
/// from the environment (HIL_RIG, HIL_ALLURE_RESULTS, HIL_LATENCY_SUMMARY).
/// </summary>
internal static class SuiteRunner
{
    public static async Task<int> RunAsync(RunOptions options, Action<string> onLine, CancellationToken cancellationToken)
    {
        var project = Path.Combine(options.RepoRoot, "fixtures", "Hil.Fixtures", "Hil.Fixtures.csproj");
        Directory.CreateDirectory(options.ResultsDir);
        var log = new StringBuilder();
        var result = await CliWrap.Cli.Wrap("dotnet")
            .WithArguments(["test", project, "-c", "Release", "-nologo", "--filter", $"TestCategory={options.Suite}",
                "--logger", "console;verbosity=normal",
                "--results-directory", Path.Combine(options.ResultsDir, "testresults")])
            .WithEnvironmentVariables(env => env
                .Set("HIL_RIG", options.RigFile)
                .Set("HIL_ALLURE_RESULTS", options.AllureResultsDir)
                .Set("HIL_LATENCY_SUMMARY", options.LatencySummaryFile)
                .Set("HIL_MEASUREMENTS", options.MeasurementsDir)
                .Set("HIL_SUITE", options.Suite)
                .Set("DOTNET_NOLOGO", "1"))
            .WithStandardOutputPipe(PipeTarget.ToDelegate(line => Seen(line, log, onLine)))
            .WithStandardErrorPipe(PipeTarget.ToDelegate(line => Seen(line, log, onLine)))
            .WithValidation(CommandResultValidation.None)
            .ExecuteAsync(cancellationToken, cancellationToken);
        lock (log)
        {
            AtomicFile.WriteAllText(options.TestLogFile, log.ToString());
        }

        return result.ExitCode;
    }

    /// <summary>Keeps every line for the log; hands on only the per-test verdicts, one caller at a time (stdout and stderr race).</summary>
    private static void Seen(string line, StringBuilder log, Action<string> onLine)
    {
        lock (log)
        {
            log.AppendLine(line);
            var trimmed = line.TrimStart();
            if (trimmed.StartsWith("Passed ", StringComparison.Ordinal) || trimmed.StartsWith("Failed ", StringComparison.Ordinal)
                || trimmed.StartsWith("Skipped ", StringComparison.Ordinal))
            {
                onLine(trimmed);
            }
        }
    }
}
