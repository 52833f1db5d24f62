using Hil.Foundation;
using Hil.UserClients.Probe;
using Hil.UserClients.Wire;

namespace Hil.UserClients.Rings;

/// <summary>Receives drained records without a delegate, so a struct sink keeps draining allocation-free.</summary>
public interface IRecordSink
{
    void OnRecord(in ProbeRecord record);
}

/// <summary>
/// The app's side of Driver2's record ring (PROTOCOL.md §5): the app is its only consumer.
/// Acquire-loads head, decodes slots, release-stores tail. Does not own the mapping; keep
/// it alive while reading. Not thread-safe: one drainer.
/// </summary>
public sealed unsafe class RecordRingReader
{
    private readonly IMappedMemory memory;
    private readonly byte* basePointer;
    private readonly ulong mask;

    public RecordRingReader(IMappedMemory memory)
    {
        ArgumentNullException.ThrowIfNull(memory);
        this.memory = memory;
        basePointer = memory.Pointer;
        Capacity = RingLayout.Validate(basePointer, memory.Size, RingLayout.RecordSlotSize, $"record ring {memory.Name}");
        mask = Capacity - 1;
    }

    public ulong Capacity { get; }

    /// <summary>Records Driver2 dropped because the ring was full (it never overwrites).</summary>
    public ulong Overflow => Volatile.Read(ref *(ulong*)(basePointer + RingLayout.OverflowOffset));

    /// <summary>Records written and not yet drained.</summary>
    public ulong Pending => Available(out _);

    /// <summary>Copies up to destination.Length records out and frees their slots; returns how many.</summary>
    public int Drain(Span<ProbeRecord> destination)
    {
        var available = Available(out var tail);
        var n = (int)Math.Min(available, (ulong)destination.Length);
        for (var i = 0; i < n; i++)
        {
            destination[i] = Read(tail + (ulong)i);
        }

        Release(tail + (ulong)n);
        return n;
    }

    /// <summary>Hands every pending record to <paramref name="sink"/> and frees the slots; returns how many.</summary>
    public long Drain<TSink>(ref TSink sink)
        where TSink : struct, IRecordSink
    {
        var available = Available(out var tail);
        for (ulong i = 0; i < available; i++)
        {
            var record = Read(tail + i);
            sink.OnRecord(record);
        }

        Release(tail + available);
        return (long)available;
    }

    private ulong Available(out ulong tail)
    {
        GC.KeepAlive(memory);
        var head = Volatile.Read(ref *(ulong*)(basePointer + RingLayout.HeadOffset));
        tail = *(ulong*)(basePointer + RingLayout.TailOffset);
        if (head < tail || head - tail > Capacity)
        {
            throw new WireFormatException(
                RingLayout.HeadOffset, "head", $"tail ({tail}) <= head <= tail + capacity ({Capacity})", $"{head}",
                $"record ring {memory.Name} header");
        }

        return head - tail;
    }

    private ProbeRecord Read(ulong index) =>
        ProbeRecord.Decode(new ReadOnlySpan<byte>(
            basePointer + RingLayout.SlotsOffset + ((long)(index & mask) * RingLayout.RecordSlotSize), RingLayout.RecordSlotSize));

    private void Release(ulong tail) => Volatile.Write(ref *(ulong*)(basePointer + RingLayout.TailOffset), tail);
}
