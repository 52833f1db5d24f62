using System.Collections.Concurrent;
using Hil.UserClients.Probe;
using Hil.UserClients.Tests.Fakes;
using Hil.UserClients.Wire;

namespace Hil.UserClients.Tests.Relay;

/// <summary>
/// Two fake endpoints playing Driver1 and Driver2 for the app relay: Driver1 fires
/// <see cref="Count"/> app-relay completions when asked to start a burst; Driver2 decodes
/// every DeliverMessage and keeps it (or refuses the seqs <see cref="Refuse"/> picks).
/// </summary>
internal sealed class RelayRig : IDisposable
{
    public const string Token = "relay-token";

    public RelayRig(int count)
    {
        Count = count;
        Driver1 = new FakeServer(Token, OnDriver1);
        Driver2 = new FakeServer(Token, OnDriver2);
        Client1 = new ProbeDriverClient(Driver1.Connect());
        Client2 = new ProbeDriverClient(Driver2.Connect());
    }

    public int Count { get; }

    public FakeServer Driver1 { get; }

    public FakeServer Driver2 { get; }

    public ProbeDriverClient Client1 { get; }

    public ProbeDriverClient Client2 { get; }

    public Func<ulong, bool> Refuse { get; set; } = _ => false;

    /// <summary>Overrides the completion args Driver1 sends for a seq (to send broken ones).</summary>
    public Func<ulong, ulong[]?> Mangle { get; set; } = _ => null;

    public BlockingCollection<ProbeMessage> Delivered { get; } = new();

    public static ProbeMessage Message(ulong seq)
    {
        var len = (int)(seq % 64) + 1;
        var report = Enumerable.Range(0, len).Select(i => (byte)(seq + (ulong)i)).ToArray();
        return new ProbeMessage(seq, 1_000 + seq, 2_000 + seq, report);
    }

    public void Dispose()
    {
        Client1.Dispose();
        Client2.Dispose();
        Driver1.Dispose();
        Driver2.Dispose();
    }

    private void OnDriver1(FakeConnection c, FakeRequest r)
    {
        c.Reply(r.Id, IOReturn.Success);
        if (r.Kind == FrameKind.Call && r.Selector == ProbeSelectors.StartBurst)
        {
            var args = new ulong[16];
            for (ulong seq = 0; seq < (ulong)Count; seq++)
            {
                var mangled = Mangle(seq);
                var n = mangled?.Length ?? Message(seq).ToCompletionArgs(args);
                c.Async(1, IOReturn.Success, mangled ?? args[..n]);
            }
        }
    }

    private void OnDriver2(FakeConnection c, FakeRequest r)
    {
        if (r.Selector != ProbeSelectors.DeliverMessage)
        {
            c.Reply(r.Id, IOReturn.Success);
            return;
        }

        var m = ProbeMessage.Decode(r.Data);
        c.Reply(r.Id, Refuse(m.Seq) ? IOReturn.BadArgument : IOReturn.Success);
        Delivered.Add(m);
    }
}
