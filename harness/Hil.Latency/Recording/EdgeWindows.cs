namespace Hil.Latency.Recording;

/// <summary>
/// Keeps the first and the last <c>size</c> samples of a run in buffers allocated once, so
/// the analysers can tell whether the latency floor moved between start and end.
/// </summary>
internal sealed class EdgeWindows(int size)
{
    private readonly long[] first = new long[size];
    private readonly long[] last = new long[size];
    private long count;

    public void Add(long value)
    {
        if (count < first.Length)
        {
            first[count] = value;
        }

        last[count % last.Length] = value;
        count++;
    }

    public long[] First() => first.AsSpan(0, (int)Math.Min(count, first.Length)).ToArray();

    public long[] Last()
    {
        var n = (int)Math.Min(count, last.Length);
        var result = new long[n];
        for (var i = 0; i < n; i++)
        {
            result[i] = last[(count - n + i) % last.Length];
        }

        return result;
    }
}
