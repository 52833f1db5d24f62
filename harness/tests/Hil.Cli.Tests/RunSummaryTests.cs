using Hil.Cli.Run;

namespace Hil.Cli.Tests;

public sealed class RunSummaryTests
{
    private string _dir = null!;

    [SetUp]
    public void CreateDirectory() => _dir = Directory.CreateTempSubdirectory("hil-summary-").FullName;

    [TearDown]
    public void RemoveDirectory() => Directory.Delete(_dir, recursive: true);

    private void Result(string name, string historyId, string status, long start, long stop) =>
        File.WriteAllText(Path.Combine(_dir, $"{Guid.NewGuid()}-result.json"), $$$"""
            {"name":"{{{name}}}","historyId":"{{{historyId}}}","status":"{{{status}}}","start":{{{start}}},"stop":{{{stop}}},
             "labels":[{"name":"suite","value":"PlugUnplug"}],"statusDetails":{"message":"m-{{{status}}}"}}
            """);

    [Test]
    public void The_last_attempt_of_a_retried_test_decides_its_status()
    {
        Result("cycles(stimulus-a)", "h1", "failed", 1_000, 2_000);
        Result("cycles(stimulus-a)", "h1", "passed", 3_000, 4_500);
        Result("cycles(stimulus-b)", "h2", "broken", 1_000, 1_100);

        var outcomes = RunSummary.ReadOutcomes(_dir);

        Assert.That(outcomes.Select(o => (o.Name, o.Status)), Is.EqualTo(new[]
        {
            ("cycles(stimulus-a)", "passed"),
            ("cycles(stimulus-b)", "broken"),
        }));
        Assert.That(outcomes[0].Duration, Is.EqualTo(TimeSpan.FromMilliseconds(1500)));
        Assert.That(outcomes[0].Suite, Is.EqualTo("PlugUnplug"));
    }

    [Test]
    public void No_results_directory_means_no_outcomes() =>
        Assert.That(RunSummary.ReadOutcomes(Path.Combine(_dir, "absent")), Is.Empty);

    [Test]
    public void The_latency_summary_is_read_in_snake_case()
    {
        var file = Path.Combine(_dir, "latency-summary.json");
        File.WriteAllText(file, """
            [{"topology":"one-process","rig":"sim-default","samples":10000,"lost":0,"p50_ns":420,"p99_ns":900,"p999_ns":2000,
              "floor_p50_ns":60,"floor_p99_ns":120,"floor_name":"in_process_call"}]
            """);

        var line = RunSummary.ReadLatency(file).Single();

        Assert.That((line.Topology, line.P50Ns, line.FloorP50Ns, line.FloorName), Is.EqualTo(("one-process", 420L, 60L, "in_process_call")));
    }
}
