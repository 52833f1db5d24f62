using System.Text.Json;
using Hil.Foundation;
using Hil.Latency.Files;
using Hil.Reporting.Trend;
using Hil.TestSupport;
using Microsoft.Extensions.Time.Testing;

namespace Hil.Reporting.Tests;

public class TrendTests : TempFolderTest
{
    private static LatencyHeadline Headline(string topology, long p50, long p99, long? floorP50 = 900) =>
        new(topology, "sim", "open-loop", 10_000, 0, 0, 0, 0, p50, p50, p99, p99, p99, floorP50, floorP50 * 3, "socket_relay", null, []);

    [Test]
    public void A_level_shift_is_found_on_the_night_it_happened_and_a_steady_series_has_none()
    {
        double[] steady = [10_000, 10_400, 9_800, 10_100, 9_900, 10_300, 10_050, 9_950, 10_200, 10_000];
        double[] shifted = [.. steady.Take(6), .. steady.Skip(6).Select(v => v * 2)];
        Assert.Multiple(() =>
        {
            Assert.That(ChangePoints.Of(steady), Is.Empty);
            Assert.That(ChangePoints.Of(shifted), Is.EqualTo(new[] { 6 }), "the first night at the new level");
            Assert.That(ChangePoints.Of([1_000, 50_000, 1_000]), Is.Empty, "three nights are too few to split");
        });
    }

    [Test]
    [CancelAfter(30_000)]
    public async Task Every_run_appends_its_nights_and_the_file_reads_back_in_order(CancellationToken ct)
    {
        var path = Path.Combine(Dir, "history", "latency-trend.jsonl");
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 12, 1, 2, 0, 0, TimeSpan.Zero));
        await TrendFile.AppendAsync(path, [TrendEntry.Of(Headline("app-relay", 50_000, 90_000), time.GetUtcNow())], time, ct);
        time.Advance(TimeSpan.FromDays(1));
        await TrendFile.AppendAsync(path, [TrendEntry.Of(Headline("app-relay", 52_000, 95_000, floorP50: null), time.GetUtcNow())], time, ct);

        var entries = TrendFile.Read(path);
        Assert.That(entries.Select(e => e.P50Ns), Is.EqualTo(new long[] { 50_000, 52_000 }));
        Assert.That(entries[1].FloorP50Ns, Is.Null);
        var series = TrendSeries.Of(entries, "sim");
        Assert.That(series.Select(s => s.Legend), Is.EqualTo(new[] { "app-relay p50", "app-relay p99", "app-relay floor p50", "app-relay floor p99" }));
        Assert.That(series[2].Nights, Has.Count.EqualTo(1), "a night without a floor leaves the floor series out, not at zero");
    }

    [Test]
    [CancelAfter(60_000)]
    public async Task Appends_from_two_runs_at_once_all_land(CancellationToken ct)
    {
        var path = Path.Combine(Dir, "latency-trend.jsonl");
        var at = DateTimeOffset.UnixEpoch;
        await Task.WhenAll(Enumerable.Range(1, 8).Select(i => Task.Run(
            () => TrendFile.AppendAsync(path, [TrendEntry.Of(Headline($"t{i}", 1_000 * i, 2_000 * i), at)], TimeProvider.System, ct), ct)));
        Assert.That(TrendFile.Read(path).Select(e => e.Topology).Order(), Is.EqualTo(Enumerable.Range(1, 8).Select(i => $"t{i}").Order()));
    }

    [Test]
    public void A_bad_line_names_its_file_and_line()
    {
        var path = Path.Combine(Dir, "latency-trend.jsonl");
        File.WriteAllText(path, JsonSerializer.Serialize(TrendEntry.Of(Headline("a", 1, 2), DateTimeOffset.UnixEpoch), TrendFile.Json) + "\n{not json\n");
        var error = Assert.Throws<InputException>(() => TrendFile.Read(path));
        Assert.That(error!.Message, Does.StartWith($"{path}:2:"));
    }

    [Test]
    [CancelAfter(60_000)]
    public async Task A_run_puts_the_trend_in_its_results_as_global_attachments_and_names_the_night_that_moved(CancellationToken ct)
    {
        var trend = Path.Combine(Dir, "latency-trend.jsonl");
        var results = Path.Combine(Dir, "allure");
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 12, 1, 2, 0, 0, TimeSpan.Zero));
        IReadOnlyList<string> moves = [];
        for (var night = 0; night < 8; night++)
        {
            var p99 = night < 4 ? 90_000 + (night * 500) : 180_000 + (night * 500);
            moves = await LatencyTrend.RecordAsync(trend, [Headline("app-relay", 50_000 + (night % 2 * 300), p99)], results, time, ct);
            time.Advance(TimeSpan.FromDays(1));
        }

        Assert.That(moves, Has.Count.EqualTo(1), string.Join('\n', moves));
        Assert.That(moves[0], Does.StartWith("app-relay p99 (rig sim) moved on 2026-12-05 02:00 UTC: 91.5 µs → 182 µs"));
        var globals = Directory.GetFiles(results, "*-globals.json");
        Assert.That(globals, Has.Length.EqualTo(8), "one per run (the folder is not cleared between these calls)");
        using var last = JsonDocument.Parse(File.ReadAllText(globals.OrderBy(File.GetLastWriteTimeUtc).Last()));
        var sources = last.RootElement.GetProperty("attachments").EnumerateArray().Select(a => a.GetProperty("source").GetString()!).ToList();
        Assert.That(sources, Has.Count.EqualTo(5), "p50 and p99 as SVG and PNG, and the CSV");
        Assert.That(sources.Select(s => Path.Combine(results, s)), Has.All.Matches<string>(File.Exists));
    }
}
