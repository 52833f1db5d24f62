namespace Hil.Latency.Recording;

/// <summary>
/// A uniform random subsample of bounded size (Vitter's algorithm R) in a buffer allocated
/// once. Harrell-Davis and Mann-Whitney cost O(n) to O(n log n) with large constants, so
/// they run on this subsample while the histogram keeps every value.
/// </summary>
internal sealed class Reservoir
{
    private readonly long[] values;
    private FastRandom random;
    private long seen;

    public Reservoir(int capacity, ulong seed)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        values = new long[capacity];
        random = new FastRandom(seed);
    }

    public int Count => (int)Math.Min(seen, values.Length);

    public long Seen => seen;

    public void Offer(long value)
    {
        if (seen < values.Length)
        {
            values[seen] = value;
        }
        else
        {
            var slot = random.NextBelow(seen + 1);
            if (slot < values.Length)
            {
                values[slot] = value;
            }
        }

        seen++;
    }

    public long[] ToArray() => values.AsSpan(0, Count).ToArray();
}
