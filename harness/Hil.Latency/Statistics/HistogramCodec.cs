using HdrHistogram;
using HdrHistogram.Utilities;
using Hil.Foundation;

namespace Hil.Latency.Statistics;

/// <summary>
/// HdrHistogram's compressed V2 encoding in base64: the form .hlog lines carry, readable by
/// the Java, Go and Python HdrHistogram libraries, so a stored histogram is not tied to us.
/// </summary>
public static class HistogramCodec
{
    public static string ToCompressedBase64(HistogramBase histogram)
    {
        ArgumentNullException.ThrowIfNull(histogram);
        var buffer = ByteBuffer.Allocate(histogram.GetNeededByteBufferCapacity());
        var length = histogram.EncodeIntoCompressedByteBuffer(buffer);
        var bytes = new byte[length];
        buffer.Position = 0;
        for (var i = 0; i < length; i++)
        {
            bytes[i] = buffer.Get();
        }

        return Convert.ToBase64String(bytes);
    }

    /// <summary>Decodes; <paramref name="where"/> names the file and field for the error message.</summary>
    public static LongHistogram FromCompressedBase64(string base64, string where)
    {
        try
        {
            var bytes = Convert.FromBase64String(base64);
            var decoded = HistogramEncoding.DecodeFromCompressedByteBuffer(ByteBuffer.Allocate(bytes), 0);
            var result = new LongHistogram(decoded.LowestTrackableValue, decoded.HighestTrackableValue, decoded.NumberOfSignificantValueDigits);
            result.Add(decoded);
            return result;
        }
        catch (Exception e) when (e is FormatException or InvalidOperationException or ArgumentException or IndexOutOfRangeException or IOException or InvalidDataException or OverflowException or NotSupportedException)
        {
            throw new InputException($"{where}: expected an HdrHistogram V2 compressed base64 histogram ({e.Message})", e);
        }
    }
}
