using Hil.Reporting.Contracts;
using Spectre.Console;

namespace Hil.Cli.Run;

/// <summary>
/// The health suite before a suite that judges the product (<see cref="RunConfig.GuardedSuites"/>):
/// relays, devices, dext and floors. When it fails the rig is offline: `hil run` says which check
/// failed, runs no product fixture (so none is blamed) and exits <see cref="CliInvocation.RigOffline"/>.
/// </summary>
internal static class HealthGate
{
    private const int MaxCause = 400;

    /// <summary>
    /// The health checks that failed (empty: the rig is healthy, or the suite is not guarded), and
    /// whether the health step built the fixtures, so the suite after it need not build them again.
    /// </summary>
    public static async Task<HealthCheck> CheckAsync(RunOptions options, Action<string> onLine, CancellationToken ct)
    {
        if (!RunConfig.GuardedSuites.Contains(options.Suite))
        {
            return new HealthCheck([], FixturesBuilt: false);
        }

        var layout = options.Results;
        var health = options with { Suite = RunConfig.HealthSuite, Results = layout with { TestLog = layout.HealthLog } };
        var exit = await LongStep.RunAsync("building the fixtures and checking the rig's health (relays, devices, dext, floors)",
            () => SuiteRunner.RunAsync(health, onLine, build: true, ct)).ConfigureAwait(false);
        var failed = RunVerdict.Unhealthy(RunSummary.ReadOutcomes(layout.AllureResults), exit, layout.HealthLog);
        // A set-up that could not lease the rig fails every check with one message: say it once.
        foreach (var cause in failed.GroupBy(c => c.Message ?? c.Status, StringComparer.Ordinal))
        {
            var names = string.Join(", ", cause.Select(c => c.Name));
            AnsiConsole.MarkupLine($"[red bold]rig offline[/]: health check {Markup.Escape(names)} failed: {Markup.Escape(Shorten(cause.Key))}");
        }

        if (failed.Count > 0)
        {
            AnsiConsole.MarkupLine($"the {Markup.Escape(options.Suite)} suite was not run: the product is not judged on an unhealthy rig (exit {CliInvocation.RigOffline})");
        }

        return new HealthCheck(failed, FixturesBuilt: true);
    }

    /// <summary>The first <see cref="MaxCause"/> characters: the whole message is in the report and in --json.</summary>
    private static string Shorten(string message) => message.Length <= MaxCause ? message : message[..MaxCause] + " … (the rest in the report)";
}

/// <summary>What the health step found, and whether it built the fixtures on the way.</summary>
internal sealed record HealthCheck(IReadOnlyList<TestOutcome> Unhealthy, bool FixturesBuilt);
