using Hil.Foundation;
using Hil.UserClients.Probe;
using Hil.UserClients.Relay;

namespace Hil.UserClients.Tests.Relay;

public sealed class AppRelayTests
{
    [Test]
    [CancelAfter(20_000)]
    public void Every_completion_reaches_Driver2_as_the_same_message(CancellationToken ct)
    {
        using var rig = new RelayRig(count: 500);
        var relay = new AppRelay(rig.Client1, rig.Client2);
        relay.Start();
        rig.Client1.StartBurst(500, 0, 0);
        var got = Enumerable.Range(0, 500).Select(_ => rig.Delivered.Take(ct)).ToList();
        for (var i = 0; i < got.Count; i++)
        {
            AssertSame(got[i], RelayRig.Message((ulong)i));
        }

        WaitFor(() => relay.Relayed == 500, ct);
        Assert.That(relay.Failed, Is.Zero);
        Assert.DoesNotThrow(relay.ThrowIfFailed);
    }

    [Test]
    [CancelAfter(30_000)]
    public void Relaying_allocates_nothing_per_message_on_the_completion_thread(CancellationToken ct)
    {
        const int n = 3_000;
        const int warm = 500;
        using var rig = new RelayRig(n);
        var relay = new AppRelay(rig.Client1, rig.Client2);
        long start = 0;
        long end = 0;
        var calls = 0;
        long inHandler = 0;

        // Measured from the warm-up mark to the last message: the completion thread's whole
        // loop in between (socket reads, decode, dispatch, encode, Driver2's call and reply).
        rig.Client1.RegisterCompletion(1, (r, s, a) =>
        {
            if (calls == warm)
            {
                start = GC.GetAllocatedBytesForCurrentThread();
            }

            var h0 = GC.GetAllocatedBytesForCurrentThread();
            relay.Handler(r, s, a);
            inHandler += GC.GetAllocatedBytesForCurrentThread() - h0;
            if (++calls == n)
            {
                end = GC.GetAllocatedBytesForCurrentThread();
            }
        });
        rig.Client1.StartBurst(n, 0, 0);
        WaitFor(() => relay.Relayed == n, ct);
        Assert.That(end - start, Is.Zero, $"bytes allocated over {n - warm} relayed messages; in handler {inHandler}");
    }

    [Test]
    [CancelAfter(20_000)]
    public void Refused_deliveries_are_counted_and_surfaced_not_thrown_on_the_completion_thread(CancellationToken ct)
    {
        using var rig = new RelayRig(count: 100) { Refuse = seq => seq % 10 == 3 };
        var relay = new AppRelay(rig.Client1, rig.Client2);
        relay.Start();
        rig.Client1.StartBurst(100, 0, 0);
        WaitFor(() => relay.Relayed + relay.Failed == 100, ct);
        Assert.That((relay.Relayed, relay.Failed, relay.FirstFailedSeq), Is.EqualTo((90L, 10L, 3ul)));
        var ex = Assert.Throws<UserClientException>(relay.ThrowIfFailed);
        Assert.That((ex.Status, ex.Fault), Is.EqualTo((IOReturn.BadArgument, FaultKind.ProductDefect)));
        Assert.That(ex.Message, Does.Contain("10 of 100").And.Contain("seq 3"));

    }

    [Test]
    [CancelAfter(20_000)]
    public void A_completion_with_the_wrong_shape_is_a_failure_naming_what_was_expected(CancellationToken ct)
    {
        using var rig = new RelayRig(count: 3) { Mangle = seq => seq == 1 ? [1, 0, 0, 65] : null };
        var relay = new AppRelay(rig.Client1, rig.Client2);
        relay.Start();
        rig.Client1.StartBurst(3, 0, 0);
        WaitFor(() => relay.Relayed + relay.Failed == 3, ct);
        Assert.That((relay.Relayed, relay.Failed), Is.EqualTo((2L, 1L)));
        Assert.That(relay.FirstFailure!.Message, Does.Contain("report_len").And.Contain("<= 64"));
    }

    private static void AssertSame(ProbeMessage got, ProbeMessage want)
    {
        var a = new byte[ProbeMessage.MaxEncodedSize];
        var b = new byte[ProbeMessage.MaxEncodedSize];
        Assert.That(a[..got.Encode(a)], Is.EqualTo(b[..want.Encode(b)]), $"seq {want.Seq}");
    }

    /// <summary>Polls a condition the relay reaches on its own thread; the test's CancelAfter bounds it.</summary>
    private static void WaitFor(Func<bool> done, CancellationToken ct)
    {
        while (!done())
        {
            ct.WaitHandle.WaitOne(5);
            ct.ThrowIfCancellationRequested();
        }
    }
}
