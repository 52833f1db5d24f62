namespace Hil.UserClients.Wire;

/// <summary>Frame kinds of the sim user-client protocol (dext/PROTOCOL.md §2).</summary>
#pragma warning disable CA1028 // the kind is one byte on the wire
public enum FrameKind : byte
{
    Call = 1,
    Reply = 2,
    Async = 3,
    Map = 4,
    Open = 5,
    CallAsync = 6,
}
#pragma warning restore CA1028

/// <summary>Limits of the wire protocol (dext/PROTOCOL.md §2).</summary>
public static class WireLimits
{
    /// <summary>Largest value of a frame's length field (counts kind byte and payload).</summary>
    public const int MaxFrameLength = 1 << 20;

    /// <summary>kIOUserClientScalarArrayCountMax and kIOUserClientAsyncArgumentsCountMax.</summary>
    public const int MaxScalars = 16;

    /// <summary>Largest struct a reply may carry.</summary>
    public const int MaxStructOut = 4096;

    public const int MaxToken = ushort.MaxValue;

    public const int LengthPrefix = 4;

    /// <summary>
    /// Largest frame a host may send to the app: a reply with 16 scalars and 4096 struct bytes
    /// (async frames are smaller). The app's read buffer is sized from this, not from 1 MiB.
    /// </summary>
    public const int MaxHostFrameLength = 1 + 4 + 4 + 1 + (8 * MaxScalars) + 4 + MaxStructOut;
}
