using System.CommandLine;
using Hil.Cli.Run;
using Hil.Foundation;
using Hil.Reporting;
using Hil.Reporting.Contracts;
using Hil.Reporting.Quarantine;
using Hil.Reporting.Writing;
using Hil.Rigs;
using Hil.Session.Locking;
using Spectre.Console;

namespace Hil.Cli.Commands;

/// <summary>
/// `hil run [--rig FILE] [--suite NAME] [--results DIR] [--report DIR] [--history FILE] [--json FILE|-]`:
/// exit 0 passed, 1 a product failure, 2 a usage error or a busy or faulty rig, 4 the rig offline.
/// </summary>
internal static class RunCommands
{
    public static Command Create()
    {
        var rig = new Option<FileInfo?>("--rig") { Description = "rig file (default rigs/sim.yaml)" };
        var suite = new Option<string>("--suite") { Description = string.Join(" | ", RunConfig.Suites) + $"; {string.Join(", ", RunConfig.GuardedSuites)} run the {RunConfig.HealthSuite} suite first", DefaultValueFactory = _ => "nightly" };
        suite.AcceptOnlyFromAmong([.. RunConfig.Suites]);
        var results = new Option<DirectoryInfo?>("--results") { Description = "results directory (default results/)" }.AsDirectory();
        var report = new Option<DirectoryInfo?>("--report") { Description = "report directory (default report/)" }.AsDirectory();
        var history = new Option<FileInfo?>("--history") { Description = "Allure history file kept across runs; the latency trend sits beside it (default reports/history/history.jsonl)" };
        var json = CliJson.Option("the run's verdict and every test's outcome");
        var command = new Command("run", $"run a suite on a rig, then the report and a summary; exit 0 ok, 1 a test failed, 2 usage error or busy/faulty rig, {CliInvocation.RigOffline} rig offline (health failed)")
        {
            rig, suite, results, report, history, json,
        };
        command.SetAction(async (parse, ct) =>
        {
            CliEnvironment.Check(CliEnvironment.Run);
            var root = RepositoryRoot.Find();
            var options = new RunOptions(
                root,
                parse.GetValue(rig)?.FullName ?? Path.Combine(root, "rigs", "sim.yaml"),
                parse.GetValue(suite)!,
                new ResultsLayout(parse.GetValue(results)?.FullName ?? Path.Combine(root, ResultsLayout.DefaultFolder)),
                parse.GetValue(report)?.FullName ?? Path.Combine(root, "report"),
                parse.GetValue(history)?.FullName ?? ReportPaths.DefaultHistoryFile());
            var target = parse.GetValue(json);
            CliJson.KeepStdoutFor(target);
            var (exit, outcome) = await RunAsync(options, ct).ConfigureAwait(false);
            CliJson.Write(target, outcome with { ExitCode = exit });
            return exit;
        });
        return command;
    }

    private static async Task<(int Exit, RunOutcome Outcome)> RunAsync(RunOptions options, CancellationToken ct)
    {
        var spec = RigFile.Load(options.RigFile);

        // Before the rig is touched: an expired quarantine fails the run loudly, naming its line.
        var quarantine = QuarantineFile.Load(QuarantineFile.DefaultPath(), DateOnly.FromDateTime(TimeProvider.System.GetUtcNow().UtcDateTime));
        AnsiConsole.MarkupLine($"rig [bold]{Markup.Escape(spec.Name)}[/] ({spec.Host}), suite [bold]{options.Suite}[/]");
        if (await RigLease.HeldByAsync(spec, cancellationToken: ct).ConfigureAwait(false) is { } busy)
        {
            throw new RigFaultException($"{busy}; nothing was run");
        }

        // Held before anything is cleared, so a second run into the same folder cannot wipe the first's.
        using var lease = ResultsLease.Acquire(options.Results.Root, spec.Name, TimeProvider.System);

        options.Results.ClearRunOutputs();
        Action<string> onLine = line => AnsiConsole.MarkupLine($"  {Markup.Escape(Shorten(line))}");
        var health = await HealthGate.CheckAsync(options, onLine, ct).ConfigureAwait(false);
        var unhealthy = health.Unhealthy;
        var layout = options.Results;
        var hostExit = 0;
        try
        {
            if (unhealthy.Count == 0)
            {
                AnsiConsole.MarkupLine("running the suite (each test reports as it ends)");
                hostExit = await LongStep.RunAsync($"running the {options.Suite} suite", () => SuiteRunner.RunAsync(options, onLine, build: !health.FixturesBuilt, ct)).ConfigureAwait(false);
            }
        }
        finally
        {
            // On every way out, a signal too: the suite's processes are gone, and a test left at stage running is healed as interrupted.
            foreach (var healed in StaleResults.Heal(layout.AllureResults, "the test process ended before this test finished (killed?)"))
            {
                AnsiConsole.MarkupLine($"  healed {Markup.Escape(Path.GetFileName(healed))}: left running by a killed test process, now interrupted");
            }
        }

        var findings = await RunSummary.GatherAsync(options, quarantine, ct).ConfigureAwait(false);
        if (findings.Tests.Count == 0)
        {
            throw new InfrastructureException(
                $"the {options.Suite} suite left no Allure results in {layout.AllureResults} (dotnet test exit {hostExit}); its output is in {(unhealthy.Count == 0 ? layout.TestLog : layout.HealthLog)}");
        }

        await LongStep.RunAsync("generating the Allure report", () =>
            AllureReport.GenerateAsync(layout.AllureResults, options.ReportDir, options.HistoryFile, singleFile: false, ct)).ConfigureAwait(false);

        var index = Path.Combine(options.ReportDir, "index.html");
        SummaryPrinter.Print(findings, index, spec);
        AnsiConsole.MarkupLine($"view it with: [bold]./hil report serve {Markup.Escape(options.ReportDir)}[/]");
        var exit = unhealthy.Count > 0 ? CliInvocation.RigOffline : RunVerdict.ExitCode(findings.Tests, hostExit);
        return (exit, RunOutcome.Of(spec.Name, options.Suite, exit, index, findings.Tests, unhealthy));
    }

    private static string Shorten(string line) => line.Length <= 100 ? line.Trim() : line[..100].Trim() + "…";
}
