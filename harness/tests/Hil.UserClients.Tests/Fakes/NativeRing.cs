using System.Runtime.InteropServices;
using Hil.UserClients.Probe;
using Hil.UserClients.Rings;

namespace Hil.UserClients.Tests.Fakes;

/// <summary>Zeroed, cache-line-aligned native memory posing as a driver's mapping.</summary>
internal sealed unsafe class NativeMemory : IMappedMemory
{
    private byte* p;

    public NativeMemory(long size, string name = "/test-ring")
    {
        Name = name;
        Size = size;
        p = (byte*)System.Runtime.InteropServices.NativeMemory.AlignedAlloc((nuint)size, 64);
        Bytes.Clear();
    }

    public string Name { get; }

    public long Size { get; }

    public byte* Pointer => p;

    public Span<byte> Bytes => new(p, (int)Size);

    public void Dispose()
    {
        System.Runtime.InteropServices.NativeMemory.AlignedFree(p);
        p = null;
    }
}

/// <summary>The producer side of a record ring, as Driver2 writes it (PROTOCOL.md §5).</summary>
internal sealed unsafe class RecordRingWriter
{
    private readonly NativeMemory memory;

    public RecordRingWriter(ulong capacity, ulong startIndex = 0)
    {
        Capacity = capacity;
        memory = new NativeMemory(RingLayout.BytesFor(capacity, RingLayout.RecordSlotSize));
        var b = memory.Bytes;
        MemoryMarshal.Write(b, RingLayout.Magic);
        MemoryMarshal.Write(b[8..], RingLayout.Version);
        MemoryMarshal.Write(b[12..], (uint)RingLayout.RecordSlotSize);
        MemoryMarshal.Write(b[16..], capacity);
        Head = startIndex;
        MemoryMarshal.Write(b[RingLayout.TailOffset..], startIndex);
        MemoryMarshal.Write(b[RingLayout.HeadOffset..], startIndex);
    }

    public ulong Capacity { get; }

    public ulong Head { get; private set; }

    public NativeMemory Memory => memory;

    public ulong Tail => MemoryMarshal.Read<ulong>(memory.Bytes[RingLayout.TailOffset..]);

    public bool TryWrite(in ProbeRecord r)
    {
        if (Head - Tail == Capacity)
        {
            return false;
        }

        r.Encode(memory.Bytes[(RingLayout.SlotsOffset + ((int)(Head % Capacity) * RingLayout.RecordSlotSize))..]);
        Head++;
        Volatile.Write(ref *(ulong*)(memory.Pointer + RingLayout.HeadOffset), Head);
        return true;
    }
}
