using Hil.Cli.Run;
using Hil.Latency.Files;

namespace Hil.Cli.Tests;

public sealed class RunSummaryTests : TempFolderTest
{
    private void Result(string name, string historyId, string status, long start, long stop) =>
        File.WriteAllText(Path.Combine(Dir, $"{Guid.NewGuid()}-result.json"), $$$"""
            {"uuid":"{{{Guid.NewGuid()}}}","testCaseId":"t-{{{historyId}}}","fullName":"PlugUnplug.Cycles(System.String)",
             "name":"{{{name}}}","historyId":"{{{historyId}}}","status":"{{{status}}}","stage":"finished","start":{{{start}}},"stop":{{{stop}}},
             "labels":[{"name":"suite","value":"PlugUnplug"}],"statusDetails":{"message":"m-{{{status}}}"}}
            """);

    [Test]
    public void The_last_attempt_of_a_retried_test_decides_its_status()
    {
        Result("cycles(stimulus-a)", "h1", "failed", 1_000, 2_000);
        Result("cycles(stimulus-a)", "h1", "passed", 3_000, 4_500);
        Result("cycles(stimulus-b)", "h2", "broken", 1_000, 1_100);

        var outcomes = RunSummary.ReadOutcomes(Dir);

        Assert.That(outcomes.Select(o => (o.Name, o.Status)), Is.EqualTo(new[]
        {
            ("cycles(stimulus-a)", "passed"),
            ("cycles(stimulus-b)", "broken"),
        }));
        Assert.That(outcomes[0].Duration, Is.EqualTo(TimeSpan.FromMilliseconds(1500)));
        Assert.That(outcomes[0].Suite, Is.EqualTo("PlugUnplug"));
        Assert.That(outcomes[1].Message, Is.EqualTo("m-broken"));
    }

    [TestCase(new[] { "passed" }, new bool[] { false }, 0, true)]
    [TestCase(new[] { "passed" }, new bool[] { false }, 1, false)]
    [TestCase(new[] { "passed", "failed" }, new[] { false, true }, 1, true)]
    [TestCase(new[] { "failed", "failed" }, new[] { false, true }, 1, false)]
    [TestCase(new[] { "broken" }, new[] { false }, 0, false)]
    public void The_night_passes_when_every_failure_is_quarantined(string[] statuses, bool[] quarantined, int testExit, bool passes)
    {
        var tests = statuses.Select((s, i) => new TestOutcome("S", $"t{i}", s, TimeSpan.Zero, null) { Marks = quarantined[i] ? ["quarantined"] : [] }).ToList();
        Assert.That(new RunFindings(tests, [], [], []).NightPassed(testExit), Is.EqualTo(passes));
    }

    [Test]
    public void No_results_directory_means_no_outcomes() =>
        Assert.That(RunSummary.ReadOutcomes(Path.Combine(Dir, "absent")), Is.Empty);

    [Test]
    public void A_result_file_that_is_not_an_allure_result_is_named()
    {
        var file = Path.Combine(Dir, "x-result.json");
        File.WriteAllText(file, """{"name":"no identity"}""");

        var error = Assert.Throws<Hil.Foundation.InputException>(() => RunSummary.ReadOutcomes(Dir));

        Assert.That(error!.Message, Does.StartWith(file));
    }

    [Test]
    public void The_latency_headlines_are_read_in_snake_case()
    {
        var file = Path.Combine(Dir, "latency-summary.json");
        File.WriteAllText(file, """
            [{"topology":"one-process","rig":"sim-default","mode":"open-loop","samples":10000,"lost":0,"duplicated":0,"reordered":0,
              "warmup_discarded":500,"p50_ns":420,"p90_ns":700,"p99_ns":900,"p999_ns":2000,"max_ns":5000,
              "floor_p50_ns":60,"floor_p99_ns":120,"floor_primitive":"in_process_call","injected_delay_ns":null,"warnings":[]}]
            """);

        var line = LatencyHeadlineFile.Read(file).Single();

        Assert.That((line.Topology, line.P50Ns, line.FloorP50Ns, line.FloorPrimitive), Is.EqualTo(("one-process", 420L, (long?)60L, "in_process_call")));
    }

    [Test]
    public void What_the_fixture_writes_is_what_the_summary_reads()
    {
        var file = Path.Combine(Dir, "latency-summary.json");
        LatencyHeadline[] written =
        [
            new("app-relay", "sim-default", "open-loop", 10_000, 2, 0, 1, 500, 900, 1200, 1500, 3000, 9000, null, null, null, 120, ["noisy-host: x"]),
        ];
        LatencyHeadlineFile.Write(file, written);

        var read = LatencyHeadlineFile.Read(file).Single();

        Assert.That(read with { Warnings = written[0].Warnings }, Is.EqualTo(written[0]));
        Assert.That(read.Warnings, Is.EqualTo(written[0].Warnings));
    }

    [Test]
    public void No_headline_file_means_no_latency_lines() =>
        Assert.That(LatencyHeadlineFile.Read(Path.Combine(Dir, "absent.json")), Is.Empty);

    [Test]
    public void The_latency_table_reads_in_microseconds_and_milliseconds_with_counts_grouped()
    {
        var line = new LatencyHeadline("app-relay", "sim-default", "open-loop", 12_500, 1_204, 0, 0, 500,
            48_223, 60_000, 2_912_255, 3_400_000, 9_000_000, 1_240, 2_020, "unix_socket", null, []);

        var cells = SummaryPrinter.LatencyCells(line);

        Assert.That(cells, Is.EqualTo(new[]
        {
            "app-relay", "sim-default", "12,500", "1,204", "48.2 µs", "2.91 ms", "3.40 ms", "unix_socket", "1.24 µs", "2.02 µs", "38.89x",
        }));
    }

    [Test]
    public void A_run_without_a_floor_says_so_instead_of_zero() =>
        Assert.That(SummaryPrinter.LatencyCells(new LatencyHeadline("one-process", "r", "open-loop", 10, 0, 0, 0, 0, 420, 500, 600, 700, 800, null, null, null, null, []))[8..],
            Is.EqualTo(new[] { "n/a", "n/a", "n/a" }));
}
