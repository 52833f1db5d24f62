using System.Runtime.CompilerServices;
using Hil.Foundation;

namespace Hil.Sim;

/// <summary>
/// Stamps from the sim's TimeProvider in ns. With <see cref="TimeProvider.System"/> this is
/// exactly <see cref="MonotonicClock.NowNs"/> (both read Stopwatch), so sim stamps compare
/// with harness and sim-host stamps. Another provider (a FakeTimeProvider in tests) counts
/// from the first stamp taken on it, so tests can measure enumeration time without sleeping.
/// </summary>
internal static class SimClock
{
    private static readonly ConditionalWeakTable<TimeProvider, StrongBox<long>> Origins = [];

    public static long NowNs(TimeProvider time)
    {
        if (ReferenceEquals(time, TimeProvider.System))
        {
            return MonotonicClock.NowNs();
        }

        var now = time.GetTimestamp();
        var origin = Origins.GetValue(time, _ => new StrongBox<long>(now)).Value;
        // +1: a stamp is never 0, which callers use as "since the beginning".
        return (long)((now - origin) * (1e9 / time.TimestampFrequency)) + 1;
    }
}
