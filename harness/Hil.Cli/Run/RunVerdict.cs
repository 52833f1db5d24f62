namespace Hil.Cli.Run;

/// <summary>
/// How a suite's outcomes become `hil run`'s exit code, by the same rule as <see cref="CliInvocation.ExitCodeFor"/>:
/// a product defect or regression (Allure "failed") is 1; a test the rig or harness stopped from
/// judging (Allure "broken": a busy or faulty rig, a harness error) is 2; inconclusive counts as passed.
/// A quarantined test's failure stays in the report but not in the verdict: when every failure is
/// quarantined, `dotnet test`'s exit 1 (which they alone caused) does not fail the night.
/// </summary>
internal static class RunVerdict
{
    public static int ExitCode(IReadOnlyList<TestOutcome> tests, int testHostExit)
    {
        var quarantinedFailures = tests.Count(t => t.Quarantined && t.Failed);
        tests = [.. tests.Where(t => !t.Quarantined)];
        if (tests.Any(t => t.Status == "failed"))
        {
            return CliInvocation.Failed;
        }

        if (tests.Any(t => !Judged(t)))
        {
            return CliInvocation.UsageOrRigError;
        }

        return testHostExit == 0 || quarantinedFailures > 0 ? CliInvocation.Ok : CliInvocation.Failed;
    }

    /// <summary>The tests of the health suite that did not pass: empty when the rig is fit to judge the product.</summary>
    public static IReadOnlyList<TestOutcome> Unhealthy(IReadOnlyList<TestOutcome> health, int testHostExit, string log)
    {
        var failed = health.Where(t => !Judged(t) || t.Status == "failed").ToList();
        if (failed.Count == 0 && (health.Count == 0 || testHostExit != 0))
        {
            failed.Add(new TestOutcome("health", "the health suite", "broken", TimeSpan.Zero,
                $"`dotnet test` exited {testHostExit} with {health.Count} health result(s); its output is in {log}"));
        }

        return failed;
    }

    private static bool Judged(TestOutcome test) => test.Status is "passed" or "skipped" or "failed";
}
