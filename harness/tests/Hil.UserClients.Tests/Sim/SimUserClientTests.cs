using Hil.Foundation;
using Hil.UserClients.Sim;
using Hil.UserClients.Tests.Fakes;
using Hil.UserClients.Wire;

namespace Hil.UserClients.Tests.Sim;

public sealed class SimUserClientTests
{
    private static readonly TimeSpan CallTimeout = TimeSpan.FromSeconds(5);

    [Test]
    [CancelAfter(10_000)]
    public void Call_sends_selector_scalars_and_struct_and_returns_the_reply(CancellationToken ct)
    {
        using var server = new FakeServer((c, r) => c.Reply(r.Id, IOReturn.Success, [r.Selector, (ulong)r.Scalars.Sum(s => (long)s)], [.. r.Data.Reverse()]));
        using var client = server.Connect();
        var scalars = new ulong[4];
        var data = new byte[8];
        var r = client.Call(12, [2, 3], [1, 2, 3], scalars, data);
        Assert.That((r.Status, r.ScalarCount, r.StructLength, scalars[0], scalars[1]), Is.EqualTo((IOReturn.Success, 2, 3, 12ul, 5ul)));
        Assert.That(data[..3], Is.EqualTo(new byte[] { 3, 2, 1 }));
    }

    [Test]
    [CancelAfter(10_000)]
    public void Outputs_are_filled_up_to_the_callers_buffers(CancellationToken ct)
    {
        using var server = new FakeServer((c, r) => c.Reply(r.Id, IOReturn.Success, [1, 2, 3], [9, 9, 9, 9]));
        using var client = server.Connect();
        var scalars = new ulong[2];
        var data = new byte[1];
        var r = client.Call(0, [], [], scalars, data);
        Assert.That((r.ScalarCount, r.StructLength, scalars[1], data[0]), Is.EqualTo((2, 1, 2ul, (byte)9)));
    }

    [Test]
    [CancelAfter(10_000)]
    public void A_non_success_status_is_returned_not_thrown(CancellationToken ct)
    {
        using var server = new FakeServer((c, r) => c.Reply(r.Id, IOReturn.Unsupported));
        using var client = server.Connect();
        Assert.That(client.Call(3, [], [], [], []).Status, Is.EqualTo(IOReturn.Unsupported));
    }

    [Test]
    [CancelAfter(10_000)]
    public void A_refused_token_raises_NotPermitted_naming_the_endpoint(CancellationToken ct)
    {
        using var server = new FakeServer();
        var ex = Assert.Throws<UserClientException>(() => SimUserClient.Open(server.Endpoint, "wrong", CallTimeout));
        Assert.That((ex.Status, ex.Endpoint, ex.Fault), Is.EqualTo((IOReturn.NotPermitted, server.Endpoint, FaultKind.ProductDefect)));
        Assert.That(ex.Message, Does.Contain("kIOReturnNotPermitted").And.Contain(server.Endpoint));
    }

    [Test]
    public void Nothing_listening_is_a_rig_fault()
    {
        var path = Path.Combine(Path.GetTempPath(), $"hil-absent-{Guid.NewGuid():N}.sock");
        var ex = Assert.Throws<UserClientException>(() => SimUserClient.Open(path, FakeServer.DefaultToken, CallTimeout));
        Assert.That((ex.Fault, ex.Status, ex.Endpoint), Is.EqualTo((FaultKind.RigFault, IOReturn.Offline, path)));
    }

    [Test]
    [CancelAfter(10_000)]
    public void A_withheld_reply_times_out_naming_endpoint_and_selector_and_a_late_reply_is_dropped(CancellationToken ct)
    {
        var held = new List<uint>();
        using var server = new FakeServer((c, r) =>
        {
            if (r.Selector == 13)
            {
                held.Add(r.Id);
                return;
            }

            foreach (var id in held)
            {
                c.Reply(id, IOReturn.Success, [666]); // late answer to the timed-out call
            }

            c.Reply(r.Id, IOReturn.Success, [r.Selector]);
        });
        using var client = server.Connect(TimeSpan.FromMilliseconds(300));
        var ex = Assert.Throws<WaitTimeoutException>(() => client.Call(13, [], [], [], []));
        Assert.That(ex.Message, Does.Contain(server.Endpoint).And.Contain("selector 13"));
        var outs = new ulong[1];
        Assert.That(client.Call(4, [], [], outs, []).Status, Is.EqualTo(IOReturn.Success));
        Assert.That(outs[0], Is.EqualTo(4ul), "the next call gets its own reply, not the stale one");
    }

    [Test]
    [CancelAfter(10_000)]
    public void Endpoint_closing_mid_call_is_a_rig_fault_and_the_connection_stays_dead(CancellationToken ct)
    {
        using var server = new FakeServer((c, r) => c.Close());
        using var client = server.Connect();
        var ex = Assert.Throws<UserClientException>(() => client.Call(5, [], [], [], []));
        Assert.That((ex.Fault, ex.Status), Is.EqualTo((FaultKind.RigFault, IOReturn.NotOpen)));
        Assert.That(ex.Message, Does.Contain("selector 5"));
    }

    [Test]
    [CancelAfter(10_000)]
    public void A_malformed_reply_is_a_product_defect_naming_the_byte_and_poisons_the_connection(CancellationToken ct)
    {
        // A reply whose nScalars says 17.
        using var server = new FakeServer((c, r) => c.Raw([10, 0, 0, 0, 2, .. BitConverter.GetBytes(r.Id), 0, 0, 0, 0, 17]));
        using var client = server.Connect();
        var ex = Assert.Throws<UserClientException>(() => client.Call(5, [], [], [], []));
        Assert.That(ex.Fault, Is.EqualTo(FaultKind.ProductDefect));
        Assert.That(ex.InnerException, Is.TypeOf<WireFormatException>().With.Property("Offset").EqualTo(13));
        Assert.That(() => client.Call(5, [], [], [], []), Throws.TypeOf<UserClientException>().With.Message.Contains("unusable"));
    }

    [Test]
    [CancelAfter(10_000)]
    public void An_async_frame_with_no_completion_registered_is_a_product_defect(CancellationToken ct)
    {
        using var server = new FakeServer((c, r) =>
        {
            c.Async(1, IOReturn.Success, 1);
            c.Reply(r.Id, IOReturn.Success);
        });
        using var client = server.Connect();
        var ex = Assert.Throws<UserClientException>(() => client.Call(5, [], [], [], []));
        Assert.That(ex.Fault, Is.EqualTo(FaultKind.ProductDefect));
        Assert.That(ex.Message, Does.Contain("Async frame").And.Contain("no completion registered"));
    }

    [Test]
    [CancelAfter(10_000)]
    public void Args_are_checked_before_anything_is_sent(CancellationToken ct)
    {
        using var server = new FakeServer();
        using var client = server.Connect();
        server.WaitOpened(ct);
        Assert.That(() => client.Call(1, new ulong[17], [], [], []), Throws.TypeOf<InputException>().With.Message.Contains("selector 1: scalar input count is 17"));
        Assert.That(server.Requests, Is.Empty);
    }
}
