using System.Text.Json.Nodes;
using Hil.Reporting.Samples;

namespace Hil.Reporting.Tests;

/// <summary>An interrupted run leaves valid results with the test in flight marked as such.</summary>
public class InterruptionTests
{
    [Test]
    public void ATestInFlightIsOnDiskAsBrokenRunningThenInterruptedThenItsRealOutcome()
    {
        using var run = new SampleRunner();
        JsonObject? whileRunning = null;
        JsonObject? afterSignal = null;
        Stepped.WhileRunning = () =>
        {
            whileRunning = InFlight(run);
            run.Lifecycle.MarkInterrupted("the test process received SIGTERM while this test was running");
            afterSignal = InFlight(run);
        };
        try
        {
            run.Run(typeof(Stepped));
        }
        finally
        {
            Stepped.WhileRunning = null;
        }

        Assert.Multiple(() =>
        {
            Assert.That((string?)whileRunning!["status"], Is.EqualTo("broken"));
            Assert.That((string?)whileRunning["stage"], Is.EqualTo("running"));
            Assert.That((string?)whileRunning["statusDetails"]!["message"], Does.StartWith("[infrastructure-fault] interrupted"));
            Assert.That((string?)whileRunning["steps"]![0]!["name"], Is.EqualTo("measure"), "steps are on disk as they happen");
            Assert.That((string?)afterSignal!["stage"], Is.EqualTo("interrupted"));
            Assert.That((string?)afterSignal["statusDetails"]!["message"], Does.Contain("SIGTERM"));
            Assert.That((string?)afterSignal["steps"]![0]!["stage"], Is.EqualTo("interrupted"), "the open step ends where the run ended");
            Assert.That((string?)run.Single("OneWay(\"app-relay\",4000)")["status"], Is.EqualTo("passed"), "a run that goes on overwrites it");
        });
    }

    private static JsonObject InFlight(SampleRunner run) =>
        run.Results().Single(r => ((string?)r["name"])!.StartsWith("OneWay", StringComparison.Ordinal));
}
