using Hil.Latency.Measurement;
using Hil.Latency.Running;

namespace Hil.Latency.Tests;

/// <summary>The beside floor's start lead follows this host's launch latency, within its bounds.</summary>
public sealed class FloorStartLeadTests
{
    private static readonly MeasurementPlan LongBurst = new(100_000, 1000, Warmup: 500);

    [Test]
    public void A_quick_launch_keeps_the_minimum_lead() =>
        Assert.That(FloorStartLead.For(TimeSpan.FromMilliseconds(3), LongBurst), Is.EqualTo(FloorStartLead.Minimum));

    [Test]
    public void A_slow_launch_leads_by_a_multiple_of_it() =>
        Assert.That(FloorStartLead.For(TimeSpan.FromMilliseconds(90), LongBurst), Is.EqualTo(TimeSpan.FromMilliseconds(90 * FloorStartLead.LaunchMultiple)));

    [Test]
    public void An_unmeasured_launch_leads_by_the_fallback() =>
        Assert.That(FloorStartLead.For(null, LongBurst), Is.EqualTo(FloorStartLead.Unmeasured));

    [Test]
    public void The_lead_never_passes_half_the_burst()
    {
        var burst = new MeasurementPlan(1_000, 1000, Warmup: 200);

        Assert.That(FloorStartLead.For(TimeSpan.FromSeconds(1), burst), Is.EqualTo(TimeSpan.FromMilliseconds(600)));
    }

    [Test]
    public void A_longer_lead_moves_the_floors_start_and_shortens_its_burst()
    {
        var plan = new MeasurementPlan(10_000, 1000, Warmup: 0);

        var s = BesideSchedule.For(new BurstOrigin(0, 0), plan, TimeSpan.FromMilliseconds(500));

        Assert.That((s.StartNs, s.Samples), Is.EqualTo((500_500_000L, 9_500L)));
    }

    [Test]
    [CancelAfter(60_000)]
    public async Task A_missing_binary_leaves_the_launch_unmeasured(CancellationToken token) =>
        Assert.That(await FloorStartLead.MeasureLaunchAsync("/nonexistent/hil-floor", TimeProvider.System, token), Is.Null);
}
