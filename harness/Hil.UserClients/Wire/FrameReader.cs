using System.Globalization;

namespace Hil.UserClients.Wire;

/// <summary>
/// Splits a byte stream into whole frames inside one buffer allocated up front, so reading
/// a frame allocates nothing. A returned frame is valid until the next call. State survives
/// an interrupted read (a receive timeout), so a later call resumes mid-frame.
/// Not thread-safe: exactly one thread reads at a time.
/// </summary>
internal sealed class FrameReader(Stream source, int maxFrameLength)
{
    // Room for the largest frame plus read-ahead, so one receive can bring several frames.
    private readonly byte[] buffer = new byte[WireLimits.LengthPrefix + maxFrameLength + 4096];
    private int begin;
    private int end;

    public int MaxFrameLength => maxFrameLength;

    /// <summary>
    /// Reads until a whole frame is buffered. False on a clean end of stream between
    /// frames; a stream that ends inside a frame, or an oversized length, raises
    /// <see cref="WireFormatException"/>.
    /// </summary>
    public bool TryNext(out ReadOnlySpan<byte> frame)
    {
        while (true)
        {
            var available = end - begin;
            if (available >= WireLimits.LengthPrefix)
            {
                var total = WireLimits.LengthPrefix +
                    FrameDecoder.ReadLength(buffer.AsSpan(begin, WireLimits.LengthPrefix), maxFrameLength);
                if (available >= total)
                {
                    frame = buffer.AsSpan(begin, total);
                    begin += total;
                    return true;
                }
            }

            if (!Fill())
            {
                if (end == begin)
                {
                    frame = default;
                    return false;
                }

                throw new WireFormatException(
                    end - begin, "frame", "the rest of the frame",
                    $"end of stream after {(end - begin).ToString(CultureInfo.InvariantCulture)} byte(s)");
            }
        }
    }

    private bool Fill()
    {
        if (begin == end)
        {
            begin = end = 0;
        }
        else if (buffer.Length - end < 4096)
        {
            Buffer.BlockCopy(buffer, begin, buffer, 0, end - begin);
            end -= begin;
            begin = 0;
        }

        var n = source.Read(buffer, end, buffer.Length - end);
        end += n;
        return n > 0;
    }
}
