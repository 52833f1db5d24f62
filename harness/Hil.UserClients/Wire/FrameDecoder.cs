using System.Buffers.Binary;
using System.Globalization;

namespace Hil.UserClients.Wire;

/// <summary>
/// Decodes one whole frame (u32 length prefix included) without copying. Strict: unknown
/// kinds, counts over their limits, overruns and trailing bytes all raise
/// <see cref="WireFormatException"/> naming the byte offset, because a relaxed decoder would
/// hide a disagreement between the harness and the dext about the layout.
/// </summary>
public static class FrameDecoder
{
    private const int PayloadStart = WireLimits.LengthPrefix + 1;

    public static Frame Decode(ReadOnlySpan<byte> frame)
    {
        var kind = CheckEnvelope(frame);
        var c = new WireCursor(frame, PayloadStart);
        var h = default(FrameHeader);
        ReadOnlySpan<byte> scalars = default;
        ReadOnlySpan<byte> data = default;
        switch (kind)
        {
            case FrameKind.Call:
            case FrameKind.CallAsync:
                // A call-async frame is a call frame with the completion's ref after the selector.
                h.Id = c.U32("id");
                h.Selector = c.U32("selector");
                if (kind == FrameKind.CallAsync)
                {
                    h.Reference = c.U32("ref");
                }

                scalars = c.Scalars("nScalars", WireLimits.MaxScalars);
                data = c.Struct("structLen", WireLimits.MaxFrameLength);
                break;
            case FrameKind.Reply:
                h.Id = c.U32("id");
                h.Status = (IOReturn)c.U32("ioReturn");
                scalars = c.Scalars("nScalars", WireLimits.MaxScalars);
                data = c.Struct("structLen", WireLimits.MaxStructOut);
                break;
            case FrameKind.Async:
                h.Reference = c.U32("ref");
                h.Status = (IOReturn)c.U32("ioReturn");
                scalars = c.Scalars("nArgs", WireLimits.MaxScalars);
                break;
            case FrameKind.Map:
                h.Id = c.U32("id");
                h.MemoryType = c.U32("memoryType");
                break;
            default: // Open; CheckEnvelope rejected every other value
                h.Id = c.U32("id");
                h.OpenType = c.U32("type");
                data = c.Bytes(c.U16("tokenLen"), "token bytes");
                break;
        }

        c.ExpectEnd(kind);
        return new Frame(kind, h, scalars, data);
    }

    /// <summary>Reads and checks a frame's length prefix; returns the body length it declares.</summary>
    public static int ReadLength(ReadOnlySpan<byte> prefix, int maxLength)
    {
        var length = BinaryPrimitives.ReadUInt32LittleEndian(prefix);
        if (length < 1 || length > (uint)maxLength)
        {
            throw new WireFormatException(
                0, "length", $"1..{maxLength}", length.ToString(CultureInfo.InvariantCulture));
        }

        return (int)length;
    }

    private static FrameKind CheckEnvelope(ReadOnlySpan<byte> frame)
    {
        if (frame.Length < PayloadStart)
        {
            throw new WireFormatException(
                frame.Length, "frame header", $"{PayloadStart} bytes (u32 length, u8 kind)",
                $"{frame.Length} byte(s)");
        }

        var length = ReadLength(frame, WireLimits.MaxFrameLength);
        if (length != frame.Length - WireLimits.LengthPrefix)
        {
            throw new WireFormatException(
                0, "length", $"{frame.Length - WireLimits.LengthPrefix} (the bytes after the prefix)",
                length.ToString(CultureInfo.InvariantCulture));
        }

        var kind = frame[WireLimits.LengthPrefix];
        if (kind is < (byte)FrameKind.Call or > (byte)FrameKind.CallAsync)
        {
            throw new WireFormatException(
                WireLimits.LengthPrefix, "kind", "1..6 (call, reply, async, map, open, call-async)",
                kind.ToString(CultureInfo.InvariantCulture));
        }

        return (FrameKind)kind;
    }
}
