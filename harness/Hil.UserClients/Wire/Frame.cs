using System.Buffers.Binary;

namespace Hil.UserClients.Wire;

/// <summary>
/// One decoded frame. Its spans alias the buffer it was decoded from, so it lives only as
/// long as that buffer holds the frame (a ref struct: it cannot escape the stack).
/// Fields that a kind does not carry are zero.
/// </summary>
public readonly ref struct Frame
{
    internal Frame(FrameKind kind, FrameHeader header, ReadOnlySpan<byte> scalarBytes, ReadOnlySpan<byte> data)
    {
        Kind = kind;
        Id = header.Id;
        Selector = header.Selector;
        Reference = header.Reference;
        Status = header.Status;
        MemoryType = header.MemoryType;
        OpenType = header.OpenType;
        ScalarBytes = scalarBytes;
        Data = data;
    }

    public FrameKind Kind { get; }

    /// <summary>Request id (call, call-async, map, open) or the id a reply answers.</summary>
    public uint Id { get; }

    public uint Selector { get; }

    /// <summary>Completion reference (async, call-async).</summary>
    public uint Reference { get; }

    public IOReturn Status { get; }

    public uint MemoryType { get; }

    /// <summary>User-client type of an open frame.</summary>
    public uint OpenType { get; }

    /// <summary>Scalars (or async args) as they sit on the wire, 8 little-endian bytes each.</summary>
    public ReadOnlySpan<byte> ScalarBytes { get; }

    /// <summary>Struct bytes (call, call-async, reply) or the entitlement token (open).</summary>
    public ReadOnlySpan<byte> Data { get; }

    public int ScalarCount => ScalarBytes.Length / 8;

    public ulong Scalar(int index) => BinaryPrimitives.ReadUInt64LittleEndian(ScalarBytes.Slice(index * 8, 8));

    /// <summary>Copies as many scalars as fit into <paramref name="destination"/>; returns how many.</summary>
    public int CopyScalars(Span<ulong> destination)
    {
        var n = Math.Min(ScalarCount, destination.Length);
        for (var i = 0; i < n; i++)
        {
            destination[i] = Scalar(i);
        }

        return n;
    }
}

/// <summary>The fixed-size fields of a frame, gathered while decoding.</summary>
internal struct FrameHeader
{
    public uint Id;
    public uint Selector;
    public uint Reference;
    public IOReturn Status;
    public uint MemoryType;
    public uint OpenType;
}
