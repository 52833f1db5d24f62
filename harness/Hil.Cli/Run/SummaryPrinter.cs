using Hil.Latency.Files;
using Spectre.Console;

namespace Hil.Cli.Run;

/// <summary>The terminal summary of a run: every test's status, then latency beside its floor.</summary>
internal static class SummaryPrinter
{
    public static void Print(IReadOnlyList<TestOutcome> tests, IReadOnlyList<LatencyHeadline> latency, string reportPath)
    {
        if (Console.IsOutputRedirected)
        {
            // A CI log is not a terminal: give the tables room instead of wrapping every cell.
            AnsiConsole.Profile.Width = Math.Max(AnsiConsole.Profile.Width, 200);
        }

        var table = new Table().Title("tests").AddColumns("suite", "test", "status", "time");
        foreach (var t in tests)
        {
            table.AddRow(Markup.Escape(t.Suite), Markup.Escape(t.Name), Colour(t.Status), $"{t.Duration.TotalSeconds:0.0} s");
        }

        AnsiConsole.Write(table);
        if (latency.Count > 0)
        {
            AnsiConsole.Write(LatencyTable(latency));
        }

        var counts = tests.GroupBy(t => t.Status).Select(g => $"{g.Count()} {g.Key}");
        AnsiConsole.MarkupLine($"[bold]{Markup.Escape(string.Join(", ", counts))}[/]; report: {Markup.Escape(reportPath)}");
    }

    private static Table LatencyTable(IReadOnlyList<LatencyHeadline> latency)
    {
        var table = new Table().Title("inter-driver latency (open loop, ns; floor = this host's native primitive, same run)")
            .AddColumns("topology", "rig", "samples", "lost", "p50", "p99", "p99.9", "floor", "floor p50", "floor p99", "p50 / floor");
        foreach (var l in latency)
        {
            var ratio = l.FloorP50Ns > 0 ? $"{(double)l.P50Ns / l.FloorP50Ns.Value:0.00}x" : "n/a";
            table.AddRow(l.Topology, Markup.Escape(l.Rig), $"{l.Samples}", $"{l.Lost}", $"{l.P50Ns}", $"{l.P99Ns}", $"{l.P999Ns}",
                l.FloorPrimitive ?? "none", $"{l.FloorP50Ns ?? 0}", $"{l.FloorP99Ns ?? 0}", ratio);
        }

        return table;
    }

    private static string Colour(string status) => status switch
    {
        "passed" => "[green]passed[/]",
        "failed" => "[red]failed[/]",
        "broken" => "[yellow]broken[/]",
        _ => Markup.Escape(status),
    };
}
