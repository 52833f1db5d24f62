using Hil.Reporting.Samples;

namespace Hil.Reporting.Tests;

public class RetryTests
{
    [Test]
    public void EveryAttemptIsItsOwnResultWithOneIdentity()
    {
        using var run = new SampleRunner();
        Retried.Attempts = 0;
        run.Run(typeof(Retried));

        var attempts = run.Results().OrderBy(r => (long)r["start"]!).ToList();
        Assert.That(attempts, Has.Count.EqualTo(2));
        Assert.Multiple(() =>
        {
            Assert.That(attempts.Select(a => (string?)a["status"]), Is.EqualTo(new[] { "failed", "passed" }));
            Assert.That(attempts.Select(a => (string?)a["uuid"]).Distinct().Count(), Is.EqualTo(2));
            Assert.That(attempts.Select(a => (string?)a["historyId"]).Distinct().Count(), Is.EqualTo(1));
            Assert.That(attempts.Select(a => (string?)a["testCaseId"]).Distinct().Count(), Is.EqualTo(1));
            Assert.That((string?)attempts[0]["statusDetails"]!["message"], Does.StartWith("[product-defect]").And.Contain("enumerated late"));
            Assert.That((string?)attempts[1]["steps"]![0]!["name"], Is.EqualTo("attempt 2"));
        });
    }
}
