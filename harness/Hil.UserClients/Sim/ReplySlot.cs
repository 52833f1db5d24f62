using Hil.UserClients.Wire;

namespace Hil.UserClients.Sim;

/// <summary>
/// Hands one reply from the completion thread to the one waiting caller (one outstanding
/// call per connection). The reply is copied into a buffer allocated once, so the steady
/// state allocates nothing. States make a timeout racing a late reply safe: the reader
/// claims the slot (Waiting → Filling) before copying, the caller gives up only by winning
/// Waiting → Idle.
/// </summary>
internal sealed class ReplySlot : IDisposable
{
    private const int Idle = 0;
    private const int Waiting = 1;
    private const int Filling = 2;
    private const int Filled = 3;

    // Spinning briefly before blocking keeps a fast reply off the futex path.
    private readonly ManualResetEventSlim ready = new(initialState: false, spinCount: 200);
    private readonly byte[] buffer = new byte[WireLimits.LengthPrefix + WireLimits.MaxHostFrameLength];
    private int length;
    private int state;
    private uint expectedId;

    /// <summary>Caller, before sending request <paramref name="id"/>.</summary>
    public void Arm(uint id)
    {
        ready.Reset();
        Volatile.Write(ref expectedId, id);
        Volatile.Write(ref state, Waiting);
    }

    /// <summary>
    /// Completion thread: delivers a reply. Returns false for a reply nobody waits for that
    /// answers an earlier request (a caller that already timed out); throws nothing.
    /// </summary>
    public OfferResult Offer(uint id, ReadOnlySpan<byte> frame)
    {
        var expected = Volatile.Read(ref expectedId);
        if (id != expected)
        {
            return IsEarlier(id, expected) ? OfferResult.Stale : OfferResult.Unexpected;
        }

        if (Interlocked.CompareExchange(ref state, Filling, Waiting) != Waiting)
        {
            return OfferResult.Stale;
        }

        frame.CopyTo(buffer);
        length = frame.Length;
        Volatile.Write(ref state, Filled);
        ready.Set();
        return OfferResult.Delivered;
    }

    /// <summary>Completion thread: the connection died; wake the caller so it sees the fault.</summary>
    public void Abort() => ready.Set();

    /// <summary>
    /// Caller: waits for the reply. True with the reply; false when the wait ran out or the
    /// slot was aborted (the caller then looks at the connection's fault).
    /// </summary>
    public bool Wait(TimeSpan timeout, out ReadOnlySpan<byte> reply)
    {
        if (!ready.Wait(timeout) &&
            Interlocked.CompareExchange(ref state, Idle, Waiting) == Waiting)
        {
            reply = default;
            return false;
        }

        // Either the reply is in, the reader is mid-copy (it won the race; Filled is imminent),
        // or the slot was aborted.
        var spin = default(SpinWait);
        while (Volatile.Read(ref state) == Filling)
        {
            spin.SpinOnce();
        }

        if (Interlocked.CompareExchange(ref state, Idle, Filled) == Filled)
        {
            reply = buffer.AsSpan(0, length);
            return true;
        }

        Volatile.Write(ref state, Idle);
        reply = default;
        return false;
    }

    public void Dispose() => ready.Dispose();

    private static bool IsEarlier(uint id, uint expected) => (int)(expected - id) > 0;
}

internal enum OfferResult
{
    Delivered,
    Stale,
    Unexpected,
}
