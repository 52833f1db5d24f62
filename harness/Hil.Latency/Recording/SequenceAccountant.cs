using System.Collections;

namespace Hil.Latency.Recording;

/// <summary>How one arriving record was classified.</summary>
public enum Arrival
{
    New,
    Duplicate,
    OutOfOrder,
    Unexpected,
}

/// <summary>
/// Accounts for every message of a burst by seq: each seq 0..expected-1 arrives once
/// (new), again (duplicate), after a higher seq (new and out of order; counted once more
/// as reordered), or not at all (lost). A seq outside the burst is unexpected. The bit set
/// is sized once, so observing allocates nothing.
/// </summary>
public sealed class SequenceAccountant
{
    private readonly BitArray seen;
    private long highest = -1;

    public SequenceAccountant(long expected)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(expected, 0);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(expected, int.MaxValue);
        Expected = expected;
        seen = new BitArray((int)expected);
    }

    public long Expected { get; }

    public long Received { get; private set; }

    public long Duplicated { get; private set; }

    public long Reordered { get; private set; }

    public long Unexpected { get; private set; }

    public long Missing => Expected - Received;

    public bool Complete => Received == Expected;

    public Arrival Observe(ulong seq)
    {
        if (seq >= (ulong)Expected)
        {
            Unexpected++;
            return Arrival.Unexpected;
        }

        var index = (int)seq;
        if (seen[index])
        {
            Duplicated++;
            return Arrival.Duplicate;
        }

        seen[index] = true;
        Received++;
        if (index < highest)
        {
            Reordered++;
            return Arrival.OutOfOrder;
        }

        highest = index;
        return Arrival.New;
    }

    /// <summary>Up to <paramref name="max"/> seqs that never arrived, for error messages.</summary>
    public IReadOnlyList<long> MissingSeqs(int max)
    {
        var result = new List<long>();
        for (var i = 0; i < Expected && result.Count < max; i++)
        {
            if (!seen[i])
            {
                result.Add(i);
            }
        }

        return result;
    }
}
