using System.CommandLine;
using Hil.Cli.Run;
using Hil.Foundation;
using Hil.Reporting;
using Hil.Reporting.Contracts;
using Hil.Reporting.Quarantine;
using Hil.Rigs;
using Spectre.Console;

namespace Hil.Cli.Commands;

/// <summary>`hil run [--rig FILE] [--suite NAME] [--results DIR] [--report DIR] [--history FILE]`.</summary>
internal static class RunCommands
{
    public static Command Create()
    {
        var rig = new Option<FileInfo?>("--rig") { Description = "rig file (default rigs/sim.yaml)" };
        var suite = new Option<string>("--suite") { Description = "smoke | nightly | qualification", DefaultValueFactory = _ => "nightly" };
        suite.AcceptOnlyFromAmong([.. RunConfig.Suites]);
        var results = new Option<DirectoryInfo?>("--results") { Description = "results directory (default results/)" };
        var report = new Option<DirectoryInfo?>("--report") { Description = "report directory (default report/)" };
        var history = new Option<FileInfo?>("--history") { Description = "Allure history file kept across runs; the latency trend sits beside it (default reports/history/history.jsonl)" };
        var command = new Command("run", "run a suite on a rig, generate the report and print a summary")
        {
            rig, suite, results, report, history,
        };
        command.SetAction(async (parse, ct) =>
        {
            var root = RepositoryRoot.Find();
            var options = new RunOptions(
                root,
                parse.GetValue(rig)?.FullName ?? Path.Combine(root, "rigs", "sim.yaml"),
                parse.GetValue(suite)!,
                new ResultsLayout(parse.GetValue(results)?.FullName ?? Path.Combine(root, ResultsLayout.DefaultFolder)),
                parse.GetValue(report)?.FullName ?? Path.Combine(root, "report"),
                parse.GetValue(history)?.FullName ?? ReportPaths.DefaultHistoryFile());
            return await RunAsync(options, ct).ConfigureAwait(false);
        });
        return command;
    }

    private static async Task<int> RunAsync(RunOptions options, CancellationToken ct)
    {
        var spec = RigFile.Load(options.RigFile);

        // Before the rig is touched: an expired quarantine fails the run loudly, naming its line.
        var quarantine = QuarantineFile.Load(QuarantineFile.DefaultPath(), DateOnly.FromDateTime(TimeProvider.System.GetUtcNow().UtcDateTime));
        AnsiConsole.MarkupLine($"rig [bold]{Markup.Escape(spec.Name)}[/] ({spec.Host}), suite [bold]{options.Suite}[/]");
        ResetResults(options);

        AnsiConsole.MarkupLine("building the fixtures and running the suite (each test reports as it ends)");
        var exit = await SuiteRunner.RunAsync(options, line => AnsiConsole.MarkupLine($"  {Markup.Escape(Shorten(line))}"), ct).ConfigureAwait(false);

        var layout = options.Results;
        var findings = await RunSummary.GatherAsync(options, quarantine, ct).ConfigureAwait(false);
        if (findings.Tests.Count == 0)
        {
            throw new InfrastructureException(
                $"the {options.Suite} suite left no Allure results in {layout.AllureResults} (dotnet test exit {exit}); its output is in {layout.TestLog}");
        }

        await AnsiConsole.Status().StartAsync("generating the Allure report", async _ =>
            await AllureReport.GenerateAsync(layout.AllureResults, options.ReportDir, options.HistoryFile, singleFile: false, ct)
                .ConfigureAwait(false)).ConfigureAwait(false);

        SummaryPrinter.Print(findings, Path.Combine(options.ReportDir, "index.html"));
        AnsiConsole.MarkupLine($"view it with: [bold]./hil report serve {Markup.Escape(options.ReportDir)}[/]");
        return findings.NightPassed(exit) ? CliInvocation.Ok : CliInvocation.Failed;
    }

    private static void ResetResults(RunOptions options)
    {
        // Results of an earlier run must not mix into this one; history lives outside them.
        var layout = options.Results;
        foreach (var dir in new[] { layout.AllureResults, layout.Measurements })
        {
            if (Directory.Exists(dir))
            {
                Directory.Delete(dir, recursive: true);
            }

            Directory.CreateDirectory(dir);
        }

        if (File.Exists(layout.LatencyHeadlines))
        {
            File.Delete(layout.LatencyHeadlines);
        }
    }

    private static string Shorten(string line) => line.Length <= 100 ? line.Trim() : line[..100].Trim() + "…";
}
