using System.Globalization;
using System.Text;
using Hil.Foundation;
using Hil.Latency.Files;
using Hil.Reporting.Writing;

namespace Hil.Reporting.Trend;

/// <summary>
/// The latency trend across nights, recorded by `hil run` after a suite that measured latency:
/// appends tonight's headlines to the trend file, then puts the trend (plots per percentile, a CSV
/// and the nights where a series moved) into the run's results as global attachments, so the report
/// shows it beside the run.
/// </summary>
public static class LatencyTrend
{
    /// <summary>Appends and attaches; returns one line per series that moved on some night (empty when none did).</summary>
    public static async Task<IReadOnlyList<string>> RecordAsync(
        string trendFile, IReadOnlyList<LatencyHeadline> headlines, string allureResults, TimeProvider time, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(headlines);
        ArgumentNullException.ThrowIfNull(time);
        if (headlines.Count == 0)
        {
            return [];
        }

        var at = time.GetUtcNow();
        await TrendFile.AppendAsync(trendFile, [.. headlines.Select(h => TrendEntry.Of(h, at))], time, ct).ConfigureAwait(false);
        var entries = TrendFile.Read(trendFile);
        var attachments = new List<GlobalAttachment>();
        var moves = new List<string>();
        foreach (var rig in headlines.Select(h => h.Rig).Distinct(StringComparer.Ordinal))
        {
            var series = TrendSeries.Of(entries, rig);
            var nights = series.SelectMany(s => s.Nights).Select(n => n.At).Distinct().Count();
            foreach (var percentile in new[] { "p50", "p99" })
            {
                var images = TrendPlots.Render(series, rig, percentile);
                var name = $"latency trend, {percentile} across {nights} nights, rig {rig}";
                attachments.Add(new(name, Encoding.UTF8.GetBytes(images.Svg), "image/svg+xml", "svg"));
                attachments.Add(new($"{name} (PNG)", images.Png, "image/png", "png"));
            }

            attachments.Add(new($"latency trend CSV, rig {rig} (trend file {trendFile})", Encoding.UTF8.GetBytes(Csv(series)), "text/csv", "csv"));
            moves.AddRange(series.SelectMany(s => s.Moves.Select(m => Moved(s, m))));
        }

        GlobalsFile.Write(allureResults, attachments, [], at);
        return moves;
    }

    /// <summary>"app-relay p99 (rig sim) moved on 12-02 22:50 UTC: 51.9 µs → 80.2 µs".</summary>
    internal static string Moved(TrendSeries series, TrendNight move)
    {
        var index = series.Nights.ToList().IndexOf(move);
        var before = series.Nights[index - 1].Nanoseconds;
        return string.Create(CultureInfo.InvariantCulture,
            $"{series.Legend} (rig {series.Rig}) moved on {move.At.UtcDateTime:yyyy-MM-dd HH:mm} UTC: {DurationText.Of(before)} → {DurationText.Of(move.Nanoseconds)}");
    }

    /// <summary>One row per series and night; moved is 1 on the first night of a new level.</summary>
    internal static string Csv(IReadOnlyList<TrendSeries> series)
    {
        var csv = new StringBuilder("rig,topology,kind,percentile,night_utc,latency_ns,moved\n");
        foreach (var s in series)
        {
            foreach (var night in s.Nights)
            {
                csv.Append(CultureInfo.InvariantCulture,
                    $"{s.Rig},{s.Topology},{(s.IsFloor ? "floor" : "measured")},{s.Percentile},{night.At.UtcDateTime:O},{night.Nanoseconds},{(s.Moves.Contains(night) ? 1 : 0)}\n");
            }
        }

        return csv.ToString();
    }
}
