using System.Globalization;
using Hil.Foundation;
using Hil.Latency.Files;
using Hil.Latency.Running;
using Hil.Rigs;
using Hil.Session.Probe;
using Spectre.Console;

namespace Hil.Cli.Run;

/// <summary>The terminal summary of a run: every test's status, then latency beside its floor.</summary>
internal static class SummaryPrinter
{
    public static void Print(RunFindings findings, string reportPath, RigSpec rig)
    {
        var (tests, latency, trendMoves) = (findings.Tests, findings.Latency, findings.TrendMoves);
        if (Console.IsOutputRedirected)
        {
            // A CI log is not a terminal: give the tables room instead of wrapping every cell.
            AnsiConsole.Profile.Width = Math.Max(AnsiConsole.Profile.Width, 200);
        }

        var table = new Table().Title("tests").AddColumns("suite", "test", "status", "time");
        foreach (var t in tests)
        {
            table.AddRow(Markup.Escape(t.Suite), Markup.Escape(t.Name), Colour(t.Status) + Marks(t), DurationText.Tick(t.Duration.TotalNanoseconds));
        }

        AnsiConsole.Write(table);
        if (latency.Count > 0)
        {
            AnsiConsole.Write(LatencyTable(latency));
            Lines("analyser warnings (the figures above may mislead)", Warnings(latency));
            Lines("latency trend across nights: series that moved (change points; plots in the report's global attachments)", trendMoves);
        }

        Lines("quarantined failures (reported, not failing the night; reports/quarantine.yaml)",
            [.. tests.Where(t => t.Failed && t.Quarantined).Select(t => $"{t.Suite} {t.Name}")]);
        Lines("flaky tests (verdict flipped between pass and fail across the history)", [.. findings.Flaky.Take(10).Select(f => f.ToString())]);
        if (DextLine(rig) is { } dext)
        {
            AnsiConsole.MarkupLine(Markup.Escape(dext));
        }

        var counts = tests.GroupBy(t => t.Status).Select(g => $"{g.Count()} {g.Key}");
        AnsiConsole.MarkupLine($"[bold]{Markup.Escape(string.Join(", ", counts))}[/]; report: {Markup.Escape(reportPath)}");
    }

    /// <summary>Which dext the run exercised and which topologies ran (<see cref="DextUnderTest"/> words it), keyed by the version results carry.</summary>
    internal static string? DextLine(RigSpec rig) =>
        rig.Dext is null ? null : DextUnderTest.Line(rig, LatencyRequest.DextVersionOf(rig));

    private static Table LatencyTable(IReadOnlyList<LatencyHeadline> latency)
    {
        var table = new Table().Title("inter-driver latency (open loop; floor = this host's native primitive, same run)")
            .AddColumns("topology", "rig", "samples", "lost", "p50", "p99", "p99.9", "floor", "floor p50", "floor p99", "p50 / floor");
        foreach (var cells in latency.Select(LatencyCells))
        {
            table.AddRow([.. cells.Select(Markup.Escape)]);
        }

        return table;
    }

    /// <summary>One latency row as people read it: durations in µs/ms, counts with thousands separators.</summary>
    internal static string[] LatencyCells(LatencyHeadline l)
    {
        var ratio = l.FloorP50Ns > 0 ? F($"{(double)l.P50Ns / l.FloorP50Ns.Value:0.00}x") : "n/a";
        return
        [
            l.Topology, l.Rig, F($"{l.Samples:N0}"), F($"{l.Lost:N0}"), DurationText.Of(l.P50Ns), DurationText.Of(l.P99Ns), DurationText.Of(l.P999Ns),
            l.FloorPrimitive ?? "none", Floor(l.FloorP50Ns), Floor(l.FloorP99Ns), ratio,
        ];
    }

    /// <summary>"shared-ring: noisy host …", one per warning, so a reader sees why a figure may mislead.</summary>
    internal static IReadOnlyList<string> Warnings(IReadOnlyList<LatencyHeadline> latency) =>
        [.. latency.SelectMany(l => l.Warnings.Select(w => $"{l.Topology}: {w}"))];

    private static void Lines(string title, IReadOnlyList<string> lines)
    {
        if (lines.Count == 0)
        {
            return;
        }

        AnsiConsole.MarkupLine($"[yellow]{Markup.Escape(title)}[/]");
        foreach (var line in lines)
        {
            AnsiConsole.MarkupLine($"  {Markup.Escape(line)}");
        }
    }

    private static string Marks(TestOutcome t) => t.Marks.Count == 0 ? string.Empty : $" [yellow]({Markup.Escape(string.Join(", ", t.Marks))})[/]";

    private static string Floor(long? ns) => ns is { } value ? DurationText.Of(value) : "n/a";

    private static string F(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);

    private static string Colour(string status) => status switch
    {
        "passed" => "[green]passed[/]",
        "failed" => "[red]failed[/]",
        "broken" => "[yellow]broken[/]",
        _ => Markup.Escape(status),
    };
}
