namespace Hil.Latency.Recording;

/// <summary>
/// xorshift64* — a seeded generator small enough to live inside the recorder so that
/// choosing a reservoir slot costs a few ns and allocates nothing (System.Random's seeded
/// path is slower and its sequence is not specified across runtimes).
/// </summary>
internal struct FastRandom(ulong seed)
{
    private ulong state = seed == 0 ? 0x9E3779B97F4A7C15UL : seed;

    public ulong Next()
    {
        state ^= state >> 12;
        state ^= state << 25;
        state ^= state >> 27;
        return state * 0x2545F4914F6CDD1DUL;
    }

    /// <summary>Uniform in [0, bound) by multiply-shift (Lemire); bias below 2^-32 for bounds under 2^32.</summary>
    public long NextBelow(long bound) => (long)Math.BigMul(Next(), (ulong)bound, out _);

    public double NextDouble() => (Next() >> 11) * (1.0 / (1UL << 53));
}
