using Hil.Cli.Run;

namespace Hil.Cli.Tests;

/// <summary>`hil run`'s exit code from its tests' outcomes, and when the health suite takes the rig offline.</summary>
public sealed class RunVerdictTests
{
    [TestCase(new[] { "passed", "skipped" }, 0, 0)]
    [TestCase(new[] { "passed", "failed", "broken" }, 1, 1)]
    [TestCase(new[] { "passed", "broken" }, 1, 2)]
    [TestCase(new[] { "passed" }, 1, 1)]
    public void A_product_failure_exits_1_and_a_test_the_rig_stopped_exits_2(string[] statuses, int hostExit, int expected) =>
        Assert.That(RunVerdict.ExitCode([.. statuses.Select(Outcome)], hostExit), Is.EqualTo(expected));

    [TestCase(new[] { "passed", "failed" }, new[] { false, true }, 1, 0)]
    [TestCase(new[] { "failed", "failed" }, new[] { false, true }, 1, 1)]
    [TestCase(new[] { "passed", "broken" }, new[] { false, true }, 1, 0)]
    [TestCase(new[] { "passed", "passed" }, new[] { false, true }, 1, 1)]
    public void A_quarantined_failure_does_not_fail_the_night(string[] statuses, bool[] quarantined, int hostExit, int expected)
    {
        var tests = statuses.Select((s, i) => Outcome(s, $"t{i}") with { Marks = quarantined[i] ? ["quarantined"] : [] }).ToList();
        Assert.That(RunVerdict.ExitCode(tests, hostExit), Is.EqualTo(expected));
    }

    [Test]
    public void A_healthy_rig_has_no_failed_check_and_an_inconclusive_floor_does_not_take_it_offline() =>
        Assert.That(RunVerdict.Unhealthy([Outcome("passed"), Outcome("skipped")], 0, "health.log"), Is.Empty);

    [Test]
    public void Each_health_check_that_did_not_pass_is_named()
    {
        var failed = RunVerdict.Unhealthy([Outcome("passed"), Outcome("broken", "Relays"), Outcome("failed", "Floor")], 1, "health.log");

        Assert.That(failed.Select(f => f.Name), Is.EqualTo(new[] { "Relays", "Floor" }));
    }

    [Test]
    public void A_health_suite_that_left_no_result_is_itself_a_failed_check_naming_its_log()
    {
        var failed = RunVerdict.Unhealthy([], 1, "/r/health.log");

        Assert.That(failed.Single().Message, Does.Contain("/r/health.log").And.Contain("exited 1"));
    }

    [Test]
    public void The_offline_exit_code_is_its_own() =>
        Assert.That(new[] { CliInvocation.Ok, CliInvocation.Failed, CliInvocation.UsageOrRigError }, Has.No.Member(CliInvocation.RigOffline));

    private static TestOutcome Outcome(string status) => Outcome(status, status);

    private static TestOutcome Outcome(string status, string name) => new("s", name, status, TimeSpan.Zero, $"{name} {status}");
}
