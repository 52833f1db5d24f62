using System.Buffers.Binary;
using System.Globalization;

namespace Hil.UserClients.Wire;

/// <summary>Bounds-checked reader over one frame; every failure names the byte offset and field.</summary>
internal ref struct WireCursor(ReadOnlySpan<byte> frame, int position)
{
    private readonly ReadOnlySpan<byte> frame = frame;

    public int Position { readonly get; private set; } = position;

    public readonly int Remaining => frame.Length - Position;

    public byte U8(string field) => Take(1, field)[0];

    public ushort U16(string field) => BinaryPrimitives.ReadUInt16LittleEndian(Take(2, field));

    public uint U32(string field) => BinaryPrimitives.ReadUInt32LittleEndian(Take(4, field));

    public ReadOnlySpan<byte> Bytes(int count, string field) => Take(count, field);

    /// <summary>u8 count (at most <paramref name="max"/>) then that many u64.</summary>
    public ReadOnlySpan<byte> Scalars(string countField, int max)
    {
        var at = Position;
        var n = U8(countField);
        if (n > max)
        {
            throw new WireFormatException(at, countField, $"<= {max}", n.ToString(CultureInfo.InvariantCulture));
        }

        return n * 8 <= Remaining ? Take(n * 8, countField) : Overrun(n * 8, $"{countField} x u64 ({n})");
    }

    /// <summary>u32 length (at most <paramref name="max"/>) then that many bytes.</summary>
    public ReadOnlySpan<byte> Struct(string lengthField, int max)
    {
        var at = Position;
        var len = U32(lengthField);
        if (len > (uint)max)
        {
            throw new WireFormatException(at, lengthField, $"<= {max}", len.ToString(CultureInfo.InvariantCulture));
        }

        return len <= (uint)Remaining ? Take((int)len, lengthField) : Overrun((int)len, $"{lengthField} bytes ({len})");
    }

    public readonly void ExpectEnd(FrameKind kind)
    {
        if (Remaining != 0)
        {
            throw new WireFormatException(
                Position, "end of frame", $"the {kind} payload to end here",
                $"{Remaining} trailing byte(s)");
        }
    }

    // Field names are constants on the success path; a message is built only when it fails.
    private ReadOnlySpan<byte> Take(int count, string field) => count <= Remaining ? Advance(count) : Overrun(count, field);

    private readonly ReadOnlySpan<byte> Overrun(int count, string field) =>
        throw new WireFormatException(
            Position, field, $"{count} byte(s)", $"{Remaining} before the frame ends at byte {frame.Length}");

    private ReadOnlySpan<byte> Advance(int count)
    {
        var span = frame.Slice(Position, count);
        Position += count;
        return span;
    }
}
