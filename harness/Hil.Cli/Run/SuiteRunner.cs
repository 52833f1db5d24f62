using System.Text;
using Hil.Foundation;
using Hil.Foundation.Processes;
using Hil.Reporting.Contracts;

namespace Hil.Cli.Run;

/// <summary>
/// Runs the NUnit fixtures of one suite through the .NET test platform, against one rig. The
/// fixtures learn the rig, the suite's sizes and where results go from one run-config file,
/// written into the results layout and named by HIL_RUN_CONFIG (RunConfigFile).
/// </summary>
internal static class SuiteRunner
{
    /// <summary>Longer than any suite takes (qualification on a real rig is about an hour); a hung run still ends.</summary>
    private static readonly TimeSpan SuiteTimeout = TimeSpan.FromHours(4);

    /// <param name="build">
    /// False when the fixtures were just built (by the health step): a second `dotnet test` build
    /// of an up-to-date project still spends a minute or more of a loaded 2-core host's time.
    /// </param>
    public static async Task<int> RunAsync(RunOptions options, Action<string> onLine, bool build, CancellationToken cancellationToken)
    {
        var project = Path.Combine(options.RepoRoot, "fixtures", "Hil.Fixtures", "Hil.Fixtures.csproj");
        var layout = options.Results;
        Directory.CreateDirectory(layout.Root);
        RunConfigFile.Write(layout.RunConfig, options.ConfigFrom(Environment.GetEnvironmentVariable));
        // Written line by line as the suite prints, so an interrupted or killed run still leaves its log.
        var log = new StreamWriter(layout.TestLog, append: false, new UTF8Encoding(false)) { AutoFlush = true };
        string[] arguments = ["test", project, "-c", "Release", "-nologo", "--filter", $"TestCategory={options.Suite}",
            "--logger", "console;verbosity=normal", "--results-directory", layout.TestResults, .. build ? Array.Empty<string>() : ["--no-build"]];
        var command = new ProcessCommand("dotnet", arguments)
        {
            Timeout = SuiteTimeout,
            WaitedFor = $"the {options.Suite} suite (`dotnet test` of the fixtures) to finish",

            // SIGINT first: the fixtures' Allure writer marks the tests in flight as interrupted.
            GracePeriod = TimeSpan.FromSeconds(10),
            Environment = new Dictionary<string, string?>
            {
                [RunConfigFile.Variable] = layout.RunConfig, ["DOTNET_NOLOGO"] = "1", [Sim.SimLogFolder.Variable] = layout.SimLogs,

                // The fixtures' build leaves no MSBuild node or compiler server running after the run.
                ["MSBUILDDISABLENODEREUSE"] = "1", ["UseSharedCompilation"] = "false",
            },
            OnOutputLine = line => Seen(line, log, onLine),
            OnErrorLine = line => Seen(line, log, onLine),
        };
        try
        {
            var outcome = await ProcessRunner.RunAsync(command, TimeProvider.System, cancellationToken).ConfigureAwait(false);
            return outcome.ExitCode;
        }
        finally
        {
            lock (log)
            {
                log.Dispose();
            }
        }
    }

    /// <summary>Keeps every line for the log; hands on only the per-test verdicts, one caller at a time (stdout and stderr race).</summary>
    private static void Seen(string line, StreamWriter log, Action<string> onLine)
    {
        lock (log)
        {
            log.WriteLine(line);
            var trimmed = line.TrimStart();
            if (trimmed.StartsWith("Passed ", StringComparison.Ordinal) || trimmed.StartsWith("Failed ", StringComparison.Ordinal)
                || trimmed.StartsWith("Skipped ", StringComparison.Ordinal))
            {
                onLine(trimmed);
            }
        }
    }
}
