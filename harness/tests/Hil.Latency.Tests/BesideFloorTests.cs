using System.Diagnostics;
using Hil.Foundation;
using Hil.Latency.Files;
using Hil.Latency.Measurement;
using Hil.Latency.Running;
using Hil.UserClients.Probe;

namespace Hil.Latency.Tests;

public sealed class BesideFloorTests
{
    [Test]
    public void The_floor_starts_a_lead_after_the_burst_half_a_period_off_and_measures_the_same_stretch()
    {
        var s = BesideSchedule.For(new BurstOrigin(1_000_000_000, 40_000), new MeasurementPlan(10_000, 1000, Warmup: 500));
        Assert.That(s, Is.EqualTo(new BesideSchedule(1_000_000_000 + 100_500_000, 1000, 400, 10_000, 40_000)));
    }

    [Test]
    public void A_warm_up_shorter_than_the_lead_costs_the_floor_its_first_samples()
    {
        var s = BesideSchedule.For(new BurstOrigin(0, 0), new MeasurementPlan(10_000, 5000, Warmup: 100));
        Assert.That((s.StartNs, s.Warmup, s.Samples), Is.EqualTo((500 * 200_000L + 100_000, 0L, 9_600L)));
    }

    [Test]
    public void A_burst_too_short_or_unpaced_has_no_floor_beside_it()
    {
        Assert.That(() => BesideSchedule.For(default, new MeasurementPlan(50, 1000, Warmup: 0)), Throws.TypeOf<InputException>().With.Message.Contains("before a floor beside them could start"));
        Assert.That(() => BesideSchedule.For(default, new MeasurementPlan(50, 0, Mode: LoadMode.ClosedLoop)), Throws.TypeOf<InputException>().With.Message.Contains("open-loop"));
    }

    [Test]
    public void The_burst_origin_is_the_middle_of_the_call_plus_the_drivers_lead()
    {
        Assert.That(BurstOrigin.FromCall(1000, 3000), Is.EqualTo(new BurstOrigin(2000 + 1_000_000, 1000)));
    }

    [Test]
    [CancelAfter(30_000)]
    public async Task Hil_floor_runs_beside_a_schedule_and_reports_its_placement(CancellationToken ct)
    {
        var plan = new MeasurementPlan(300, 2000, Warmup: 300);
        await using var beside = FloorTool.Beside(Binary(), Topology.AppRelay, TimeProvider.System, ct);
        beside.Start(BurstOrigin.FromCall(MonotonicClock.NowNs(), MonotonicClock.NowNs()), plan);
        var floor = await beside.ResultAsync();
        Assert.That((floor.Primitive, floor.Samples, floor.Placement), Is.EqualTo(("socket_relay", 300L, FloorPlacements.Beside)));
        Assert.That(floor.P50Ns, Is.Positive);
    }

    [Test]
    [CancelAfter(30_000)]
    public async Task Disposing_before_the_end_stops_hil_floor_and_its_floor_processes(CancellationToken ct)
    {
        var before = FloorProcesses();
        var beside = FloorTool.Beside(Binary(), Topology.AppRelay, TimeProvider.System, ct);
        beside.Start(BurstOrigin.FromCall(MonotonicClock.NowNs(), MonotonicClock.NowNs()), new MeasurementPlan(60_000, 1000));
        await beside.DisposeAsync();
        // SIGKILL is sent to the whole tree at once; the reaping of the forked floor processes follows.
        var deadline = Stopwatch.StartNew();
        while (FloorProcesses().Except(before).Any() && deadline.Elapsed < TimeSpan.FromSeconds(5))
        {
            await Task.Delay(20, ct);
        }

        Assert.That(FloorProcesses().Except(before), Is.Empty, "hil-floor processes still running 5 s after the dispose");
    }

    private static string Binary()
    {
        var binary = FloorTool.DefaultBinary(RepositoryRoot.Find());
        Assert.That(File.Exists(binary), $"{binary}: build it first (./hil test does)");
        return binary;
    }

    private static int[] FloorProcesses() => Process.GetProcessesByName("hil-floor").Select(p => p.Id).ToArray();
}
