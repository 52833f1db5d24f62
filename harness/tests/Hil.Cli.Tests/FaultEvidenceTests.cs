using System.Collections.Immutable;
using HdrHistogram;
using Hil.Cli.Faults;
using Hil.Dext;
using Hil.Foundation;
using Hil.Latency.Files;
using Hil.Latency.Measurement;
using Hil.Latency.Statistics;
using Hil.Rigs;
using Hil.Sim.Relays;

namespace Hil.Cli.Tests;

/// <summary>What makes a trial's outcome show its fault, and what counts as the safe state owed after it.</summary>
public sealed class FaultEvidenceTests
{
    [Test]
    public void Each_kind_shows_where_its_part_leaves_a_trace()
    {
        var plain = Run();

        Assert.Multiple(() =>
        {
            Assert.That(FaultEvidence.NotShown(Fault(FaultKinds.LateEnumerate), plain, ["late-enumerate stimulus-a: arrives 2s after power-on"]), Is.Null);
            Assert.That(FaultEvidence.NotShown(Fault(FaultKinds.ReplugRace), plain, ["late-enumerate stimulus-a: arrives 2s after power-on"]),
                Does.StartWith("the sim USB bus did not apply replug-race"));
            Assert.That(FaultEvidence.NotShown(Fault(FaultKinds.FloorToolMissing), plain with { Warnings = [new LatencyWarning(LatencyWarning.FloorMissing, "absent")] }, []), Is.Null);
            Assert.That(FaultEvidence.NotShown(Fault(FaultKinds.FloorToolMissing), plain, []), Does.Contain("no 'floor-missing' warning"));
            Assert.That(FaultEvidence.NotShown(Fault(FaultKinds.HopDelay), plain with { InjectedFaults = ["hop-delay at r.yaml:1:1"] }, []), Is.Null);
            Assert.That(FaultEvidence.NotShown(Fault(FaultKinds.HopDelay), plain, []), Does.Contain("names no hop-delay"));
        });
    }

    [Test]
    public void A_personality_matched_twice_to_one_device_is_named()
    {
        DriverInstance Instance(string id, string? device) => new(DriverRole.Driver1, id, "HilProbeDriver1Separate", 7, "s", $"/tmp/{id}.sock", false, device);

        Assert.That(FaultEvidence.DoubleMatches([Instance("d1-4", "stimulus-b"), Instance("d1-5", "stimulus-a"), Instance("d2-1", null), Instance("d2-2", null)]), Is.Empty);
        Assert.That(FaultEvidence.DoubleMatches([Instance("d1-4", "stimulus-b"), Instance("d1-5", "stimulus-b")]).Single(),
            Is.EqualTo("HilProbeDriver1Separate on stimulus-b matched 2 times (d1-4, d1-5)"));
    }

    [Test]
    public async Task A_vanished_board_counts_as_restored_only_when_a_report_names_it_as_not_restorable()
    {
        var rig = RigFile.Parse("rig: t\nhost: sim\npower:\n  relay1: { kind: lcus, port: sim, channels: 2 }\n", "/rigs/t.yaml");
        var relays = new SimRelayOpener();
        await using (var stream = await relays.OpenAsync(rig.Power["relay1"], new Power.SerialLine(9600), CancellationToken.None))
        {
            relays.Faults("relay1").Vanish();
        }

        var named = "safe state all-off of rig 't': could not switch relay1/1 (lcus) off: lcus board 'relay1' (sim) vanished: the device closed its end of the stream";
        Assert.That(FaultEvidence.SafeStateRestoredOrReported(rig, relays, [named]), Is.True);
        Assert.That(FaultEvidence.SafeStateRestoredOrReported(rig, relays, ["lcus board 'relay1' (sim) vanished"]), Is.False, "a vanished board alone is not the report");
    }

    private static FaultSpec Fault(string kind) => new(kind, null, ImmutableDictionary<string, string>.Empty, new SourceLocation("r.yaml", 1, 1));

    private static LatencyRun Run()
    {
        var histogram = new LongHistogram(1, 10_000_000_000, 3);
        histogram.RecordValue(40_000);
        var metadata = new RunMetadata(new RunKey("sim-default", "app-relay", "1", "k"), "host", LoadMode.OpenLoop, 2000, 1, 0, "2026-12-03T00:00:00Z", null, null);
        return new LatencyRun(metadata, new Accounting(1, 1, 0, 0, 0, 0, 0, 0, 0), histogram, [], [], []);
    }
}
