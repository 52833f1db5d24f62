using System.Collections.Concurrent;
using Hil.UserClients.Tests.Fakes;

namespace Hil.UserClients.Tests.Sim;

public sealed class SimCompletionTests
{
    [Test]
    [CancelAfter(10_000)]
    public void Async_frames_interleaved_with_replies_reach_the_handler_on_the_completion_thread(CancellationToken ct)
    {
        // Every call's reply is preceded and followed by completions for reference 7.
        uint sent = 0;
        using var server = new FakeServer((c, r) =>
        {
            c.Async(7, IOReturn.Success, sent++, 100);
            c.Reply(r.Id, IOReturn.Success, [r.Selector]);
            c.Async(7, IOReturn.Success, sent++, 100);
        });
        using var client = server.Connect();
        var seen = new BlockingCollection<(ulong Seq, int Thread, int Args)>();
        var caller = Environment.CurrentManagedThreadId;
        var outs = new ulong[1];

        // RegisterCompletion itself: the first async precedes its reply; the handler is in place before the request leaves.
        client.CallWithCompletion(9, 7, (_, _, a) => seen.Add((a[0], Environment.CurrentManagedThreadId, a.Length)), [], [], outs, []);
        for (uint s = 0; s < 20; s++)
        {
            Assert.That(client.Call(s, [], [], outs, []).Status, Is.EqualTo(IOReturn.Success));
            Assert.That(outs[0], Is.EqualTo((ulong)s), "reply matched to its own call");
        }

        var got = Enumerable.Range(0, 42).Select(_ => seen.Take(ct)).ToList();
        Assert.That(got.Select(g => g.Seq), Is.EqualTo(Enumerable.Range(0, 42).Select(i => (ulong)i)), "completions in order, none lost");
        Assert.That(got.Select(g => g.Thread).Distinct().Single(), Is.Not.EqualTo(caller));
        Assert.That(got.All(g => g.Args == 2), Is.True);
    }

    [Test]
    [CancelAfter(10_000)]
    public void A_completion_for_an_unregistered_reference_poisons_the_connection(CancellationToken ct)
    {
        using var server = new FakeServer((c, r) =>
        {
            c.Reply(r.Id, IOReturn.Success);
            c.Async(99, IOReturn.Success);
        });
        using var client = server.Connect();
        client.CallWithCompletion(9, 1, (_, _, _) => { }, [], [], [], []);
        var ex = Assert.Throws<UserClientException>(() =>
        {
            while (!ct.IsCancellationRequested)
            {
                client.Call(5, [], [], [], []);
            }
        });
        Assert.That(ex.Message, Does.Contain("reference 99"));
    }

    [Test]
    [CancelAfter(10_000)]
    public void A_failed_registration_unregisters_the_handler(CancellationToken ct)
    {
        using var server = new FakeServer((c, r) => c.Reply(r.Id, IOReturn.NotReady));
        using var client = server.Connect();
        Assert.That(client.CallWithCompletion(9, 1, (_, _, _) => { }, [], [], [], []).Status, Is.EqualTo(IOReturn.NotReady));
        server.Handler = (c, r) =>
        {
            c.Async(1, IOReturn.Success);
            c.Reply(r.Id, IOReturn.Success);
        };
        Assert.That(
            () =>
            {
                while (!ct.IsCancellationRequested)
                {
                    client.Call(5, [], [], [], []);
                }
            },
            Throws.TypeOf<UserClientException>().With.Message.Contains("reference 1"));
    }

    [Test]
    [CancelAfter(10_000)]
    public void Timeout_with_the_completion_thread_names_the_selector_and_recovers(CancellationToken ct)
    {
        using var server = new FakeServer((c, r) =>
        {
            if (r.Selector != 3)
            {
                c.Reply(r.Id, IOReturn.Success);
            }
        });
        using var client = server.Connect(TimeSpan.FromMilliseconds(300));
        client.CallWithCompletion(9, 1, (_, _, _) => { }, [], [], [], []);
        Assert.That(() => client.Call(3, [], [], [], []), Throws.TypeOf<Hil.Foundation.WaitTimeoutException>().With.Message.Contains("selector 3"));
        Assert.That(client.Call(4, [], [], [], []).Status, Is.EqualTo(IOReturn.Success));
    }
}
