using Hil.Latency.Compare;
using Hil.Latency.Running.Compare;
using Hil.TestSupport;
using Hil.UserClients.Probe;

namespace Hil.Latency.Tests;

/// <summary>Which calibration a comparison's verdict quotes, and the doorbell a comparison runs shared-ring with.</summary>
public sealed class CompareCalibrationTests : TempFolderTest
{
    [TestCase(1, Doorbell.SpinThenWait)]
    [TestCase(2, Doorbell.SpinThenWait)]
    [TestCase(3, Doorbell.SpinThenWait)]
    [TestCase(4, Doorbell.Spin)]
    [TestCase(10, Doorbell.Spin)]
    public void Shared_ring_spins_only_where_each_arms_consumer_and_producer_have_a_processor(int processors, Doorbell expected) =>
        Assert.That(CompareRequest.DoorbellFor(processors), Is.EqualTo(expected));

    [Test]
    public void Shared_ring_is_calibrated_per_doorbell_and_the_other_topologies_without_one()
    {
        Write("""
            {"threshold_pct": 10, "topologies": [
              {"topology": "app-relay", "comparisons": 200, "false_alarm_rate": 0, "power_p50": 0.36, "power_p99": 1, "median_seconds_to_verdict": 124},
              {"topology": "shared-ring", "doorbell": "spin", "comparisons": 200, "false_alarm_rate": 0.01, "power_p50": 0.23, "power_p99": 1, "median_seconds_to_verdict": 295},
              {"topology": "shared-ring", "doorbell": "spin-then-wait", "comparisons": 200, "false_alarm_rate": 0, "power_p50": 0.48, "power_p99": 1, "median_seconds_to_verdict": 207}]}
            """);

        Assert.Multiple(() =>
        {
            Assert.That(CompareCalibration.Find(Dir, "shared-ring", 10, DoorbellNames.SpinThenWait)?.PowerP50, Is.EqualTo(0.48));
            Assert.That(CompareCalibration.Find(Dir, "shared-ring", 10, DoorbellNames.Spin)?.PowerP50, Is.EqualTo(0.23));
            Assert.That(CompareCalibration.Find(Dir, "shared-ring", 10), Is.Null, "a shared-ring row always names its doorbell");
            Assert.That(CompareCalibration.Find(Dir, "app-relay", 10)?.PowerP50, Is.EqualTo(0.36));
            Assert.That(CompareCalibration.Find(Dir, "app-relay", 10, DoorbellNames.Spin), Is.Null);
            Assert.That(CompareCalibration.Find(Dir, "app-relay", 5), Is.Null, "calibrated at another threshold");
        });
    }

    private void Write(string json)
    {
        Directory.CreateDirectory(Path.Combine(Dir, "benchmarks"));
        File.WriteAllText(Path.Combine(Dir, CompareCalibration.RelativePath), json);
    }
}
