using Hil.Foundation;

namespace Hil.UserClients.Wire;

/// <summary>
/// Bytes broke the contract of dext/PROTOCOL.md. <see cref="Offset"/> counts from the first
/// byte of the unit (for a frame, its u32 length prefix, so it matches a hex dump of the stream).
/// </summary>
public sealed class WireFormatException : HilException
{
    public WireFormatException(int offset, string field, string expected, string actual, string unit = "frame")
        : base(FaultKind.ProductDefect, $"malformed {unit} at byte {offset} ({field}): expected {expected}, got {actual}")
    {
        Offset = offset;
        Field = field;
    }

    public int Offset { get; }

    public string Field { get; }
}
