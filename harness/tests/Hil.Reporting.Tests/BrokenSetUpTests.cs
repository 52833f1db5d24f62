using Hil.Reporting.Samples;

namespace Hil.Reporting.Tests;

public class BrokenSetUpTests
{
    [Test]
    public void EveryTestUnderAFailedOneTimeSetUpIsReportedBrokenWithTheCause()
    {
        using var run = new SampleRunner();
        run.Run(typeof(RigGone));

        var results = run.Results();
        Assert.That(results.Select(r => (string?)r["name"]), Is.EquivalentTo(new[] { "PowerCycle", "Latency(\"app-relay\")", "Latency(\"one-process\")" }));
        Assert.Multiple(() =>
        {
            foreach (var result in results)
            {
                Assert.That((string?)result["status"], Is.EqualTo("broken"));
                Assert.That((string?)result["stage"], Is.EqualTo("finished"));
                Assert.That((string?)result["statusDetails"]!["message"], Does.StartWith("[rig-fault] one-time set-up 'LeaseRig'").And.Contain("relay1 did not answer"));
                Assert.That(SampleRunner.Label(result, "fault"), Is.EqualTo("rig-fault"));
            }
        });
    }

    [Test]
    public void TheFailedSetUpIsAContainerFixtureOverEveryTestWithItsSteps()
    {
        using var run = new SampleRunner();
        run.Run(typeof(RigGone));

        var container = run.Containers().Single(c => ((string?)c["name"])!.EndsWith("RigGone", StringComparison.Ordinal));
        var before = container["befores"]!.AsArray().Single()!.AsObject();
        var uuids = run.Results().Select(r => (string?)r["uuid"]).ToList();
        Assert.Multiple(() =>
        {
            Assert.That(container["children"]!.AsArray().Select(c => (string?)c), Is.EquivalentTo(uuids));
            Assert.That((string?)before["name"], Is.EqualTo("LeaseRig"));
            Assert.That((string?)before["status"], Is.EqualTo("broken"));
            Assert.That((string?)before["steps"]![0]!["name"], Is.EqualTo("open relay1 on /dev/ttyACM0"));
            Assert.That((string?)before["steps"]![0]!["status"], Is.EqualTo("broken"), "the exception that failed the set-up left this step");
        });
    }
}
