namespace Hil.Cli.Run;

/// <summary>What `hil run --json` writes: the verdict, why the rig was offline if it was, and every test's final outcome.</summary>
internal sealed record RunOutcome(
    string Rig, string Suite, int ExitCode, string Verdict, string Report,
    IReadOnlyList<RunOutcome.Test> FailedHealthChecks, IReadOnlyList<RunOutcome.Test> Tests)
{
    public static RunOutcome Of(string rig, string suite, int exit, string report, IReadOnlyList<TestOutcome> tests, IReadOnlyList<TestOutcome> unhealthy) =>
        new(rig, suite, exit, VerdictOf(exit), report, [.. unhealthy.Select(Test.Of)], [.. tests.Select(Test.Of)]);

    private static string VerdictOf(int exit) => exit switch
    {
        CliInvocation.Ok => "passed",
        CliInvocation.Failed => "failed",
        CliInvocation.RigOffline => "rig-offline",
        _ => "rig-or-usage-error",
    };

    public sealed record Test(string Suite, string Name, string Status, long DurationMs, string? Message)
    {
        public static Test Of(TestOutcome t) => new(t.Suite, t.Name, t.Status, (long)t.Duration.TotalMilliseconds, t.Message);
    }
}
