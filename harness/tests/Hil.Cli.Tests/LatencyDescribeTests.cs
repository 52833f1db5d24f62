using HdrHistogram;
using Hil.Cli.Commands;
using Hil.Latency.Files;
using Hil.Latency.Measurement;

namespace Hil.Cli.Tests;

/// <summary>`hil latency` prints what a person reads: µs/ms and grouped counts (its --json file keeps nanoseconds).</summary>
public sealed class LatencyDescribeTests
{
    [Test]
    public void Durations_print_in_microseconds_and_counts_are_grouped()
    {
        var histogram = new LongHistogram(1, 10_000_000_000, 3);
        for (var i = 0; i < 12_000; i++)
        {
            histogram.RecordValue(48_000 + (i % 500));
        }

        var metadata = new RunMetadata(new RunKey("sim-default", "app-relay", "1.0", "24A335"), "ci-host", LoadMode.OpenLoop, 2000, 12_000, 500,
            "2026-12-02T00:00:00Z", new FloorFigures("unix_socket", 12_000, 1_240, 2_020, 9_000), new InjectedDelay(20, 9_600, "20% of the p50"));
        var run = new LatencyRun(metadata, new Accounting(12_500, 12_500, 0, 0, 0, 500, 0, 0, 0), histogram, [], [], []);

        var text = LatencyCommands.Describe(run);

        Assert.Multiple(() =>
        {
            Assert.That(text, Does.Contain("samples 12,000 (warm-up 500 discarded); sent 12,500 = received 12,500 + lost 0"));
            Assert.That(text, Does.Match(@"p50 48\.\d µs  p90 48\.\d µs"));
            Assert.That(text, Does.Contain("floor unix_socket (floors-together): p50 1.24 µs, p99 2.02 µs"));
            Assert.That(text, Does.Contain("injected delay: 9.60 µs per message"));
            Assert.That(text, Does.Not.Match(@"\d ns"), "no raw nanoseconds left");
        });
    }
}
