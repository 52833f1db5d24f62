using Hil.Latency.Recording;
using Hil.Latency.Statistics;

namespace Hil.Latency.Tests;

public sealed class StatisticsTests
{
    [Test]
    public void Histogram_percentiles_of_a_uniform_sample_are_within_bucket_resolution()
    {
        var recorder = new LatencyRecorder();
        for (var v = 1; v <= 100_000; v++)
        {
            recorder.Record(v);
        }

        var s = PercentileSummary.From(recorder.Snapshot().Histogram);
        Assert.Multiple(() =>
        {
            Assert.That(s.Count, Is.EqualTo(100_000));
            Assert.That(s.P50Ns, Is.EqualTo(50_000).Within(0.1).Percent);
            Assert.That(s.P99Ns, Is.EqualTo(99_000).Within(0.1).Percent);
            Assert.That(s.MaxNs, Is.EqualTo(100_000).Within(0.1).Percent);
        });
    }

    [Test]
    public void Harrell_Davis_intervals_cover_the_true_quantiles_of_an_exponential()
    {
        const double mean = 10_000;
        var values = Synthetic.Exponential(8000, mean, seed: 7);
        var estimates = HarrellDavis.Estimate(values, [0.5, 0.9, 0.99], confidence: 0.999);
        foreach (var e in estimates)
        {
            var truth = -mean * Math.Log(1 - e.Quantile);
            Assert.That(truth, Is.InRange(e.LowerNs, e.UpperNs), $"q={e.Quantile}: [{e.LowerNs}, {e.UpperNs}] misses {truth}");
        }
    }

    [Test]
    public void Reservoir_subsample_is_uniform_over_everything_recorded()
    {
        var recorder = new LatencyRecorder(subsampleSize: 4000);
        for (var v = 1; v <= 400_000; v++)
        {
            recorder.Record(v);
        }

        var subsample = recorder.Snapshot().Subsample;
        Assert.That(subsample, Has.Count.EqualTo(4000));
        Assert.That(subsample.Average(), Is.EqualTo(200_000).Within(5).Percent);
        Assert.That(subsample.Count(v => v > 300_000), Is.EqualTo(1000).Within(15).Percent);
    }

    [Test]
    public void Shift_function_reports_a_constant_shift_at_every_decile_as_b_minus_a()
    {
        var a = Synthetic.LogNormal(3000, 50_000, 0.3, seed: 1);
        var b = a.Select(v => v + 5_000).ToArray();
        var result = DistributionComparison.Compare(Distribution("a", a), Distribution("b", b));
        Assert.That(result.Shift, Has.Count.EqualTo(9));
        Assert.That(result.Shift.Select(d => d.ShiftNs), Is.All.EqualTo(5_000).Within(1).Percent);
        Assert.That(result.Ratios["p50"], Is.GreaterThan(1.05));
        Assert.That(result.MannWhitneyPGreater, Is.LessThan(1e-6));
    }

    [Test]
    public void Mann_Whitney_does_not_reject_two_samples_of_one_distribution()
    {
        var a = Synthetic.LogNormal(3000, 50_000, 0.3, seed: 11);
        var b = Synthetic.LogNormal(3000, 50_000, 0.3, seed: 12);
        var result = DistributionComparison.Compare(Distribution("a", a), Distribution("b", b));
        Assert.That(result.MannWhitneyPTwoSided, Is.GreaterThan(0.001));
    }

    [Test]
    public void Exceedance_test_detects_a_tail_only_shift_that_leaves_the_median_alone()
    {
        var a = Synthetic.LogNormal(20_000, 50_000, 0.3, seed: 3);
        var p90 = a.Order().ElementAt(18_000);
        var b = Synthetic.LogNormal(20_000, 50_000, 0.3, seed: 4).Select(v => v > p90 ? (long)(v * 1.3) : v).ToArray();
        var tail = QuantileExceedanceTest.Greater(Synthetic.Run(a).Histogram, Synthetic.Run(b).Histogram, 0.99);
        var median = QuantileExceedanceTest.Greater(Synthetic.Run(a).Histogram, Synthetic.Run(b).Histogram, 0.5);
        Assert.That(tail.PValue, Is.LessThan(1e-6));
        Assert.That(median.PValue, Is.GreaterThan(0.001));
    }

    [Test]
    public void Exceedance_test_is_calibrated_under_the_null()
    {
        var rejections = 0;
        for (var seed = 0; seed < 200; seed++)
        {
            var a = Synthetic.Run(Synthetic.LogNormal(2000, 50_000, 0.4, seed: 1000 + seed));
            var b = Synthetic.Run(Synthetic.LogNormal(2000, 50_000, 0.4, seed: 5000 + seed));
            if (QuantileExceedanceTest.Greater(a.Histogram, b.Histogram, 0.9).PValue < 0.05)
            {
                rejections++;
            }
        }

        // 5 % nominal; binomial(200, 0.05) exceeds 22 with probability < 0.1 %.
        Assert.That(rejections, Is.InRange(1, 22));
    }

    [Test]
    public void Histogram_survives_the_compressed_base64_round_trip()
    {
        var run = Synthetic.Run(Synthetic.LogNormal(5000, 80_000, 0.5, seed: 9));
        var decoded = HistogramCodec.FromCompressedBase64(HistogramCodec.ToCompressedBase64(run.Histogram), "test");
        Assert.That(PercentileSummary.From(decoded), Is.EqualTo(run.Summary));
    }

    [Test]
    public void Histogram_decode_error_names_where()
    {
        var e = Assert.Throws<Hil.Foundation.InputException>(() => HistogramCodec.FromCompressedBase64("bm90IGEgaGlzdG9ncmFt", "run.json: field 'histogram.data'"));
        Assert.That(e!.Message, Does.Contain("run.json: field 'histogram.data'"));
    }

    private static LatencyDistribution Distribution(string label, long[] values) => new(label, Synthetic.Run(values).Histogram, values);
}
