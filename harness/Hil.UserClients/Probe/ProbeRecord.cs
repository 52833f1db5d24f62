using System.Buffers.Binary;
using System.Globalization;
using Hil.UserClients.Wire;

namespace Hil.UserClients.Probe;

/// <summary>What Driver2 records per arrival (PROTOCOL.md §1): 40 bytes, fixed.</summary>
public readonly record struct ProbeRecord(
    ulong Seq, ulong TSchedNs, ulong TSendNs, ulong TRecvNs, Topology Topology, RecordFlags Flags)
{
    public const int Size = 40;

    private const RecordFlags KnownFlags = RecordFlags.Injected | RecordFlags.Duplicate | RecordFlags.OutOfOrder;

    /// <summary>From the scheduled send time: a stall cannot hide the samples behind it.</summary>
    public long OpenLoopLatencyNs => (long)(TRecvNs - TSchedNs);

    public long ServiceLatencyNs => (long)(TRecvNs - TSendNs);

    public void Encode(Span<byte> destination)
    {
        BinaryPrimitives.WriteUInt64LittleEndian(destination, Seq);
        BinaryPrimitives.WriteUInt64LittleEndian(destination[8..], TSchedNs);
        BinaryPrimitives.WriteUInt64LittleEndian(destination[16..], TSendNs);
        BinaryPrimitives.WriteUInt64LittleEndian(destination[24..], TRecvNs);
        BinaryPrimitives.WriteUInt32LittleEndian(destination[32..], (uint)Topology);
        BinaryPrimitives.WriteUInt32LittleEndian(destination[36..Size], (uint)Flags);
    }

    /// <summary>Decodes one record; an unknown topology or flag bit means the layouts disagree.</summary>
    public static ProbeRecord Decode(ReadOnlySpan<byte> encoded)
    {
        if (encoded.Length < Size)
        {
            throw new WireFormatException(encoded.Length, "record", $"{Size} bytes", $"{encoded.Length}", "record");
        }

        var topology = BinaryPrimitives.ReadUInt32LittleEndian(encoded[32..]);
        if (!Topologies.IsWireValue(topology))
        {
            throw new WireFormatException(32, "topology", Topologies.WireRange, topology.ToString(CultureInfo.InvariantCulture), "record");
        }

        var flags = (RecordFlags)BinaryPrimitives.ReadUInt32LittleEndian(encoded[36..]);
        if ((flags & ~KnownFlags) != 0)
        {
            throw new WireFormatException(36, "flags", "bits 0..2 only", $"0x{(uint)flags:X8}", "record");
        }

        return new ProbeRecord(
            BinaryPrimitives.ReadUInt64LittleEndian(encoded),
            BinaryPrimitives.ReadUInt64LittleEndian(encoded[8..]),
            BinaryPrimitives.ReadUInt64LittleEndian(encoded[16..]),
            BinaryPrimitives.ReadUInt64LittleEndian(encoded[24..]),
            (Topology)topology,
            flags);
    }
}
