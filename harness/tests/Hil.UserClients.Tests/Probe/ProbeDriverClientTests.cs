using Hil.Foundation;
using Hil.UserClients.Probe;
using Hil.UserClients.Tests.Fakes;

namespace Hil.UserClients.Tests.Probe;

public sealed class ProbeDriverClientTests
{
    [Test]
    public void Method_table_matches_the_protocols_selector_numbers()
    {
        Assert.That(ProbeMethodTable.Methods.Select(m => m.Selector), Is.EqualTo(Enumerable.Range(0, 16).Select(i => (uint)i)));
        Assert.That(ProbeMethodTable.Methods.Single(m => m.NeedsCompletion).Selector, Is.EqualTo(ProbeSelectors.RegisterCompletion));
    }

    [Test]
    public void Arguments_outside_the_table_are_harness_errors_before_any_call()
    {
        var uc = new ScriptedUserClient();
        using var probe = new ProbeDriverClient(uc);
        Assert.That(() => probe.InjectReport(new byte[65]), Throws.TypeOf<InputException>().With.Message.Contains("InjectReport (selector 4): called with 65 struct input byte(s), expected 1..64"));
        Assert.That(() => probe.Configure(Topology.AppRelay, 0, Doorbell.Spin), Throws.TypeOf<InputException>().With.Message.Contains("report length 0"));
        Assert.That(() => probe.MapSharedRing(100), Throws.TypeOf<InputException>().With.Message.Contains("power of two"));
        Assert.That(() => probe.TryDeliverMessage(new byte[27]), Throws.TypeOf<InputException>().With.Message.Contains("expected 28..92"));
        Assert.That(uc.Calls, Is.Empty);
    }

    [Test]
    public void Calls_carry_the_protocols_scalars()
    {
        var uc = new ScriptedUserClient();
        using var probe = new ProbeDriverClient(uc);
        probe.Configure(Topology.SharedRing, 16, Doorbell.SpinThenWait);
        probe.StartBurst(2000, 2000, 50);
        probe.SetFault(ProbeFault.DelayPerHopNs, 5000);
        using var ring = new NativeMemory(64, "/hil-1-2-2");
        probe.HandOverSharedRing(ring, 1024);
        Assert.That(uc.Calls.Select(c => (c.Selector, string.Join(",", c.Scalars))), Is.EqualTo(new[]
        {
            (1u, "2,16,1,0"), (2u, "2000,2000,50"), (13u, "2,5000"), (11u, "1024"),
        }));
        Assert.That(uc.Calls[3].Data, Is.EqualTo("/hil-1-2-2"u8.ToArray()));
    }

    [Test]
    public void A_hand_over_is_a_shm_name_or_the_rings_own_memory()
    {
        var uc = new ScriptedUserClient();
        using var probe = new ProbeDriverClient(uc);
        using var ring = new NativeMemory(Hil.UserClients.Rings.RingLayout.BytesFor(64, Hil.UserClients.Rings.RingLayout.MessageSlotSize));
        using var short1 = new NativeMemory(300);

        probe.HandOverSharedRing(new PassedWhole(ring), 64);

        Assert.That(uc.Calls.Single().Data, Has.Length.EqualTo(ring.Size), "IOKit's form: the mapped bytes, out of line");
        Assert.That(
            () => probe.HandOverSharedRing(new PassedWhole(short1), 64),
            Throws.TypeOf<InputException>().With.Message.Contains("300 byte(s) of /test-ring is neither a shm name (<= 255) nor a ring of 64 messages"));
    }

    /// <summary>A mapping handed over as its bytes, as the IOKit backend's is.</summary>
    private sealed unsafe class PassedWhole(NativeMemory inner) : IMappedMemory
    {
        public string Name => inner.Name;

        public long Size => inner.Size;

        public byte* Pointer => inner.Pointer;

        public ReadOnlySpan<byte> HandOverInput => inner.Bytes;

        public void Dispose()
        {
        }
    }

    [Test]
    public void Replies_become_typed_results()
    {
        var uc = new ScriptedUserClient();
        uc.Answers[ProbeSelectors.OpenSession] = (IOReturn.Success, [2, 4242, 7, 1], []);
        uc.Answers[ProbeSelectors.ReadCounters] = (IOReturn.Success, [10, 9, 1, 0, 0, 0, 1, 9], []);
        using var probe = new ProbeDriverClient(uc);
        Assert.That(probe.OpenSession(), Is.EqualTo(new ProbeSession(ProbeRole.Driver2, 4242, 7, true)));
        Assert.That(probe.ReadCounters(), Is.EqualTo(new ProbeCounters(10, 9, 1, 0, 0, 0, true, 9)));
    }

    [Test]
    public void A_refusal_carries_the_status_and_a_wrong_shape_is_a_product_defect()
    {
        var uc = new ScriptedUserClient();
        uc.Answers[ProbeSelectors.StartBurst] = (IOReturn.NotReady, [], []);
        uc.Answers[ProbeSelectors.StopBurst] = (IOReturn.Success, [], []);
        uc.Answers[ProbeSelectors.OpenSession] = (IOReturn.Success, [3, 1, 1, 0], []);
        using var probe = new ProbeDriverClient(uc);
        var refused = Assert.Throws<UserClientException>(() => probe.StartBurst(1, 1, 0));
        Assert.That((refused.Status, refused.Fault), Is.EqualTo((IOReturn.NotReady, FaultKind.ProductDefect)));
        Assert.That(refused.Message, Does.Contain("StartBurst (selector 2) answered kIOReturnNotReady (0xE00002D8)"));
        Assert.That(() => probe.StopBurst(), Throws.TypeOf<UserClientException>().With.Message.Contains("expected 1 scalar output(s), got 0"));
        Assert.That(() => probe.OpenSession(), Throws.TypeOf<UserClientException>().With.Message.Contains("role 1|2"));
    }

    [Test]
    public void A_mapping_smaller_than_announced_is_refused()
    {
        using var small = new NativeMemory(128);
        var uc = new ScriptedUserClient { Mapping = small };
        uc.Answers[ProbeSelectors.MapRecordRing] = (IOReturn.Success, [1, 4096, 64], []);
        using var probe = new ProbeDriverClient(uc);
        Assert.That(() => probe.MapRecordRing(), Throws.TypeOf<UserClientException>().With.Message.Contains("at least 4096 bytes; the map gave 128"));
    }
}
