using Hil.Foundation;

namespace Hil.UserClients.Wire;

/// <summary>
/// A frame broke the wire contract. <see cref="Offset"/> counts from the first byte of the
/// frame's u32 length prefix, so it matches a hex dump of the stream.
/// </summary>
public sealed class WireFormatException : HilException
{
    public WireFormatException(int offset, string field, string expected, string actual)
        : base(FaultKind.ProductDefect, $"malformed frame at byte {offset} ({field}): expected {expected}, got {actual}")
    {
        Offset = offset;
        Field = field;
    }

    public int Offset { get; }

    public string Field { get; }
}
