using Hil.Latency.Recording;
using Hil.Latency.Statistics;

namespace Hil.Latency.Tests;

public sealed class AnalyserTests
{
    [Test]
    public void A_bimodal_sample_is_flagged_multimodal_and_a_unimodal_one_is_not()
    {
        var bimodal = Synthetic.LogNormal(2000, 20_000, 0.05, 1).Concat(Synthetic.LogNormal(2000, 80_000, 0.05, 2)).ToArray();
        var unimodal = Synthetic.LogNormal(4000, 20_000, 0.2, 3);
        Assert.That(Analysers.Multimodality(bimodal)?.Code, Is.EqualTo(LatencyWarning.Multimodal));
        Assert.That(Analysers.Multimodality(unimodal), Is.Null);
    }

    [Test]
    public void Too_few_samples_names_the_percentile_and_the_count_needed()
    {
        var warnings = Analysers.TooFew(5000, [0.5, 0.99, 0.999]).ToList();
        Assert.That(warnings, Has.Count.EqualTo(1));
        Assert.That(warnings[0].Message, Does.Contain("p99.9").And.Contain("10000"));
    }

    [Test]
    public void Floor_drift_between_first_and_last_window_is_flagged()
    {
        var first = Synthetic.LogNormal(1000, 20_000, 0.1, 1);
        var last = Synthetic.LogNormal(1000, 30_000, 0.1, 2);
        Assert.That(Analysers.FloorDrift(first, last)?.Code, Is.EqualTo(LatencyWarning.FloorDrift));
        Assert.That(Analysers.FloorDrift(first, Synthetic.LogNormal(1000, 20_000, 0.1, 3)), Is.Null);
    }

    [Test]
    public void A_busy_host_or_a_ragged_floor_is_a_noisy_host()
    {
        Assert.That(Analysers.NoisyHost(new HostConditions(1.5, null))?.Code, Is.EqualTo(LatencyWarning.NoisyHost));
        Assert.That(Analysers.NoisyHost(new HostConditions(0.2, 50))?.Code, Is.EqualTo(LatencyWarning.NoisyHost));
        Assert.That(Analysers.NoisyHost(new HostConditions(0.2, 3)), Is.Null);
    }

    [Test]
    public void Outliers_are_counted_not_removed()
    {
        var values = Synthetic.LogNormal(1000, 20_000, 0.05, 1).Append(10_000_000).ToArray();
        var run = Synthetic.Run(values);
        Assert.That(Analysers.Outliers(run.Histogram)?.Message, Does.StartWith("1 of 1,001 samples").And.Contain(" µs;"), "counts with thousands separators, the fence in a unit people read");
        Assert.That(run.Summary.Count, Is.EqualTo(1001));
    }

    [Test]
    public void A_record_received_before_its_schedule_is_a_clock_anomaly()
    {
        var recorder = new LatencyRecorder();
        recorder.Record(-5);
        recorder.Record(100);
        var snapshot = recorder.Snapshot();
        var warnings = Analysers.Run(new AnalysisInput(snapshot.Histogram, snapshot.Subsample, snapshot.FirstSamples, snapshot.LastSamples, snapshot.ClockAnomalies, HostConditions.Unknown), [0.5]);
        Assert.That(snapshot.ClockAnomalies, Is.EqualTo(1));
        Assert.That(warnings.Select(w => w.Code), Does.Contain(LatencyWarning.ClockAnomaly));
    }
}
