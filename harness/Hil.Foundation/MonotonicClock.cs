using System.Diagnostics;

namespace Hil.Foundation;

/// <summary>
/// Nanoseconds on the clock the probe dext stamps with. On Linux and macOS
/// <see cref="Stopwatch.GetTimestamp"/> reads CLOCK_MONOTONIC (Linux) / the same
/// monotonic source, so harness stamps and sim-host stamps are directly comparable.
/// </summary>
public static class MonotonicClock
{
    private static readonly double NsPerTick = 1e9 / Stopwatch.Frequency;

    public static long NowNs() => TicksToNs(Stopwatch.GetTimestamp());

    public static long TicksToNs(long ticks) =>
        Stopwatch.Frequency == 1_000_000_000 ? ticks : (long)(ticks * NsPerTick);
}
