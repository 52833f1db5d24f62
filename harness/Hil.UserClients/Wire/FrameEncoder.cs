using System.Buffers.Binary;
using Hil.Foundation;

namespace Hil.UserClients.Wire;

/// <summary>
/// Encodes whole frames (u32 length prefix included) into a caller's buffer and returns the
/// number of bytes written. Counts over the protocol's limits are the caller's mistake and
/// raise <see cref="InputException"/> naming the field; nothing is allocated on success.
/// </summary>
public static class FrameEncoder
{
    public static int EncodeCall(
        Span<byte> destination, uint id, uint selector, ReadOnlySpan<ulong> scalars, ReadOnlySpan<byte> data)
    {
        var w = Begin(destination, FrameKind.Call, 8 + ScalarsSize(scalars) + StructSize(data, WireLimits.MaxFrameLength));
        w.U32(id);
        w.U32(selector);
        w.Scalars(scalars);
        w.Struct(data);
        return w.Position;
    }

    public static int EncodeCallAsync(
        Span<byte> destination, uint id, uint selector, uint reference,
        ReadOnlySpan<ulong> scalars, ReadOnlySpan<byte> data)
    {
        var w = Begin(destination, FrameKind.CallAsync, 12 + ScalarsSize(scalars) + StructSize(data, WireLimits.MaxFrameLength));
        w.U32(id);
        w.U32(selector);
        w.U32(reference);
        w.Scalars(scalars);
        w.Struct(data);
        return w.Position;
    }

    public static int EncodeReply(
        Span<byte> destination, uint id, IOReturn status, ReadOnlySpan<ulong> scalars, ReadOnlySpan<byte> data)
    {
        var w = Begin(destination, FrameKind.Reply, 8 + ScalarsSize(scalars) + StructSize(data, WireLimits.MaxStructOut));
        w.U32(id);
        w.U32((uint)status);
        w.Scalars(scalars);
        w.Struct(data);
        return w.Position;
    }

    public static int EncodeAsync(Span<byte> destination, uint reference, IOReturn status, ReadOnlySpan<ulong> args)
    {
        var w = Begin(destination, FrameKind.Async, 8 + ScalarsSize(args));
        w.U32(reference);
        w.U32((uint)status);
        w.Scalars(args);
        return w.Position;
    }

    public static int EncodeMap(Span<byte> destination, uint id, uint memoryType)
    {
        var w = Begin(destination, FrameKind.Map, 8);
        w.U32(id);
        w.U32(memoryType);
        return w.Position;
    }

    public static int EncodeOpen(Span<byte> destination, uint id, uint type, ReadOnlySpan<byte> token)
    {
        if (token.Length > WireLimits.MaxToken)
        {
            throw new InputException($"open frame: entitlement token is {token.Length} bytes, expected <= {WireLimits.MaxToken}");
        }

        var w = Begin(destination, FrameKind.Open, 10 + token.Length);
        w.U32(id);
        w.U32(type);
        w.U16((ushort)token.Length);
        w.Raw(token);
        return w.Position;
    }

    private static int ScalarsSize(ReadOnlySpan<ulong> scalars)
    {
        if (scalars.Length > WireLimits.MaxScalars)
        {
            throw new InputException($"frame scalars: {scalars.Length} given, expected <= {WireLimits.MaxScalars}");
        }

        return 1 + (8 * scalars.Length);
    }

    private static int StructSize(ReadOnlySpan<byte> data, int max)
    {
        if (data.Length > max)
        {
            throw new InputException($"frame struct: {data.Length} bytes given, expected <= {max}");
        }

        return 4 + data.Length;
    }

    private static FrameWriter Begin(Span<byte> destination, FrameKind kind, int payload)
    {
        var length = 1 + payload;
        if (length > WireLimits.MaxFrameLength)
        {
            throw new InputException($"{kind} frame: length {length}, expected <= {WireLimits.MaxFrameLength}");
        }

        if (destination.Length < WireLimits.LengthPrefix + length)
        {
            throw new InputException(
                $"{kind} frame: needs {WireLimits.LengthPrefix + length} bytes, the buffer holds {destination.Length}");
        }

        var w = new FrameWriter(destination[..(WireLimits.LengthPrefix + length)]);
        w.U32((uint)length);
        w.U8((byte)kind);
        return w;
    }

    private ref struct FrameWriter(Span<byte> frame)
    {
        private readonly Span<byte> frame = frame;

        public int Position { get; private set; }

        public void U8(byte v) => frame[Position++] = v;

        public void U16(ushort v)
        {
            BinaryPrimitives.WriteUInt16LittleEndian(frame.Slice(Position, 2), v);
            Position += 2;
        }

        public void U32(uint v)
        {
            BinaryPrimitives.WriteUInt32LittleEndian(frame.Slice(Position, 4), v);
            Position += 4;
        }

        public void Scalars(ReadOnlySpan<ulong> scalars)
        {
            U8((byte)scalars.Length);
            foreach (var s in scalars)
            {
                BinaryPrimitives.WriteUInt64LittleEndian(frame.Slice(Position, 8), s);
                Position += 8;
            }
        }

        public void Struct(ReadOnlySpan<byte> data)
        {
            U32((uint)data.Length);
            Raw(data);
        }

        public void Raw(ReadOnlySpan<byte> data)
        {
            data.CopyTo(frame[Position..]);
            Position += data.Length;
        }
    }
}
