using System.Text.RegularExpressions;
using Hil.Foundation;
using Hil.Foundation.Processes;

namespace Hil.Reporting;

/// <summary>What a generation produced; <see cref="Warnings"/> lists every line the CLI flagged.</summary>
public sealed record ReportResult(string OutputDirectory, string IndexHtml, IReadOnlyList<string> Output, IReadOnlyList<string> Warnings);

/// <summary>
/// Builds the HTML report with the Allure 3 CLI pinned in reports/package-lock.json, with
/// reports/allurerc.mjs (name, history, categories). Installs the pinned CLI with `npm ci` when
/// reports/node_modules is missing.
/// </summary>
public static partial class AllureReport
{
    private static readonly TimeSpan InstallTimeout = TimeSpan.FromMinutes(5);
    private static readonly TimeSpan GenerateTimeout = TimeSpan.FromMinutes(5);

    public static async Task<ReportResult> GenerateAsync(
        string resultsDir, string outDir, string? historyFile, bool singleFile, CancellationToken ct)
    {
        var results = Path.GetFullPath(resultsDir);
        if (!Directory.Exists(results) || Directory.GetFiles(results, "*-result.json").Length == 0)
        {
            throw new InputException($"--results {results}: expected a directory of Allure results (*-result.json); found none");
        }

        var output = Path.TrimEndingDirectorySeparator(Path.GetFullPath(outDir));
        ReportFolder.EnsureReplaceable(output);
        var reports = ReportPaths.ReportsDirectory();
        await EnsureCliAsync(reports, ct).ConfigureAwait(false);
        var history = Path.GetFullPath(historyFile ?? ReportPaths.DefaultHistoryFile());
        Directory.CreateDirectory(Path.GetDirectoryName(history)!);

        var staging = ReportFolder.StagingFor(output);
        try
        {
            var lines = await RunCliAsync(reports, results, staging, history, singleFile, ct).ConfigureAwait(false);
            ReportFolder.Replace(staging, output);
            return new ReportResult(output, Path.Combine(output, "index.html"), lines, [.. lines.Where(l => WarningPattern().IsMatch(l))]);
        }
        finally
        {
            ReportFolder.Discard(staging);
        }
    }

    /// <summary>Runs `allure generate` into <paramref name="output"/> (a fresh folder) and returns its output lines.</summary>
    private static async Task<string[]> RunCliAsync(string reports, string results, string output, string history, bool singleFile, CancellationToken ct)
    {
        var command = new ProcessCommand(ReportPaths.AllureCli(reports), "generate", results, "--output", output, "--config", ReportPaths.Config(reports))
        {
            WorkingDirectory = reports,
            Environment = new Dictionary<string, string?>
            {
                ["HIL_ALLURE_HISTORY"] = history,
                ["HIL_REPORT_SINGLE_FILE"] = singleFile ? "1" : "0",
                ["NO_COLOR"] = "1",
            },
            Timeout = GenerateTimeout,
            WaitedFor = $"'allure generate' of {results} to finish",
        };
        var run = await ProcessRunner.RunAsync(command, TimeProvider.System, ct).ConfigureAwait(false);

        var lines = $"{run.StandardOutput}\n{run.StandardError}".Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (run.ExitCode != 0)
        {
            throw new InfrastructureException($"'allure generate' exited with {run.ExitCode}: {string.Join(" | ", lines.TakeLast(10))}");
        }

        var index = Path.Combine(output, "index.html");
        if (!File.Exists(index))
        {
            throw new InfrastructureException($"'allure generate' exited 0 but wrote no {index}");
        }

        return lines;
    }

    /// <summary>Installs the locked CLI on a fresh machine; fails naming the fix when npm is missing.</summary>
    private static async Task EnsureCliAsync(string reports, CancellationToken ct)
    {
        if (File.Exists(ReportPaths.AllureCli(reports)))
        {
            return;
        }

        var npm = new ProcessCommand("npm", "ci", "--no-audit", "--no-fund")
        {
            WorkingDirectory = reports,
            Timeout = InstallTimeout,
            WaitedFor = $"'npm ci' in {reports} to finish",
            MissingHint = $"{ReportPaths.AllureCli(reports)} is missing: install Node.js and run `npm ci` in {reports}",
        };
        var install = await ProcessRunner.RunAsync(npm, TimeProvider.System, ct).ConfigureAwait(false);
        if (install.ExitCode != 0 || !File.Exists(ReportPaths.AllureCli(reports)))
        {
            throw new InfrastructureException($"`npm ci` in {reports} failed ({install.ExitCode}): {install.StandardError.Trim()}; run it by hand to see why");
        }
    }

    [GeneratedRegex(@"warn|error|fail|invalid|unknown|deprecat", RegexOptions.IgnoreCase)]
    private static partial Regex WarningPattern();
}
