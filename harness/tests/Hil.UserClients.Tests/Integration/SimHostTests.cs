using Hil.Foundation;
using Hil.UserClients.Probe;
using Hil.UserClients.Sim;

namespace Hil.UserClients.Tests.Integration;

/// <summary>Against the real hil-simhost: the C++ side of PROTOCOL.md, byte for byte.</summary>
[NonParallelizable]
public sealed class SimHostTests
{
    [Test]
    [CancelAfter(30_000)]
    public void Open_with_the_right_token_and_OpenSession_report_role_and_pid(CancellationToken ct)
    {
        using var host = SimHost.Start("com.example.a", "driver1:d1", "driver2:d2");
        using var pair = DriverPair.Open(host);
        var (s1, s2) = (pair.Session1, pair.Session2);
        Assert.That((s1.Role, s1.Pid, s2.Role, s2.Pid), Is.EqualTo((ProbeRole.Driver1, host.Pid, ProbeRole.Driver2, host.Pid)));
        Assert.That(s1.InstanceId, Is.Not.EqualTo(s2.InstanceId));
    }

    [Test]
    [CancelAfter(30_000)]
    public void A_wrong_token_is_refused_with_NotPermitted(CancellationToken ct)
    {
        using var host = SimHost.Start("com.example.b", "driver1:d1");
        var ex = Assert.Throws<UserClientException>(() => SimUserClient.Open(host.Endpoints["d1"], "not-the-entitlement", DriverPair.CallTimeout));
        Assert.That(ex.Status, Is.EqualTo(IOReturn.NotPermitted));
    }

    [Test]
    [CancelAfter(30_000)]
    public void Selectors_answer_per_role_and_feature_reports_round_trip(CancellationToken ct)
    {
        using var host = SimHost.Start("com.example.c", "driver1:d1", "driver2:d2");
        using var pair = DriverPair.Open(host);
        var (d1, d2) = (pair.D1, pair.D2);
        d1.Configure(Topology.AppRelay, 8, Doorbell.Spin);
        var ex = Assert.Throws<UserClientException>(() => d1.SetFeatureReport([1]));
        Assert.That(ex.Status, Is.EqualTo(IOReturn.Unsupported), "a Driver2 selector on Driver1");
        Assert.That(d1.Client.Call(99, [], [], [], []).Status, Is.EqualTo(IOReturn.BadArgument), "unknown selector");
        var report = new byte[64];
        Assert.That(d2.GetFeatureReport(report), Is.Zero, "empty before any set");
        d2.SetFeatureReport([0x11, 0x22, 0x33]);
        Assert.That(report[..d2.GetFeatureReport(report)], Is.EqualTo(new byte[] { 0x11, 0x22, 0x33 }));
        var c = d1.ReadCounters();
        Assert.That((c.Sent, c.BurstActive), Is.EqualTo((0ul, false)));
    }

    [Test]
    [CancelAfter(30_000)]
    public void An_injected_report_arrives_in_Driver2s_record_ring_through_the_app_relay(CancellationToken ct)
    {
        using var host = SimHost.Start("com.example.d", "driver1:d1", "driver2:d2");
        using var pair = DriverPair.Open(host);
        var (reader, relay) = pair.StartAppRelay();
        var seq = pair.D1.InjectReport([1, 2, 3, 4, 5, 6, 7, 8]);
        var into = new ProbeRecord[4];
        var n = 0;
        while (n == 0)
        {
            ct.ThrowIfCancellationRequested();
            n = reader.Drain(into);
        }

        Assert.That(
            (n, into[0].Seq, into[0].Topology, into[0].Flags & RecordFlags.Injected),
            Is.EqualTo((1, seq, Topology.AppRelay, RecordFlags.Injected)));
        Assert.That(into[0].TRecvNs, Is.GreaterThanOrEqualTo(into[0].TSendNs));
        relay.ThrowIfFailed();
    }

    [Test]
    [CancelAfter(60_000)]
    public void App_relay_burst_of_2000_at_2kHz_accounts_for_every_message(CancellationToken ct)
    {
        const int count = 2_000;

        // Driver1 and Driver2 in separate processes: the relay really crosses two process boundaries.
        using var host1 = SimHost.Start("com.example.e1", "driver1:d1");
        using var host2 = SimHost.Start("com.example.e2", "driver2:d2");
        using var pair = DriverPair.Open(host1, host2);
        var (d1, d2) = (pair.D1, pair.D2);
        var (reader, relay) = pair.StartAppRelay();

        d1.StartBurst(count, 2_000, 0);
        var records = BurstRecords.Collect(reader, count, ct);

        Assert.That(records.Select(r => r.Seq), Is.EqualTo(Enumerable.Range(0, count).Select(i => (ulong)i)), "every seq once, in order");
        Assert.That(records.All(r => r.Flags == RecordFlags.None && r.Topology == Topology.AppRelay), Is.True);
        Assert.That((relay.Relayed, relay.Failed, reader.Overflow), Is.EqualTo(((long)count, 0L, 0ul)));
        var c1 = d1.ReadCounters();
        var c2 = d2.ReadCounters();
        Assert.That((c1.Sent, c1.Dropped), Is.EqualTo(((ulong)count, 0ul)));
        Assert.That((c2.Delivered, c2.Duplicated, c2.OutOfOrder, c2.RingOverflow), Is.EqualTo(((ulong)count, 0ul, 0ul, 0ul)));
        BurstRecords.Report("app-relay, 2 sim-host processes, 2 kHz", records);
    }
}
