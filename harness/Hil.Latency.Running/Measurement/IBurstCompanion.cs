using Hil.Latency.Files;

namespace Hil.Latency.Measurement;

/// <summary>
/// When message 0 of a burst is due on CLOCK_MONOTONIC (the clock Stopwatch reads): the
/// driver schedules it 1 ms after it takes the StartBurst call, which it took somewhere in
/// the call's round trip, so the estimate is good to ± <see cref="UncertaintyNs"/>.
/// </summary>
internal readonly record struct BurstOrigin(long EstimateNs, long UncertaintyNs)
{
    public const long DriverLeadNs = 1_000_000;

    public static BurstOrigin FromCall(long beforeNs, long afterNs) =>
        new(beforeNs + ((afterNs - beforeNs) / 2) + DriverLeadNs, (afterNs - beforeNs + 1) / 2);
}

/// <summary>Something measured while a burst runs, on the burst's schedule: the floor beside the topology.</summary>
internal interface IBurstCompanion : IAsyncDisposable
{
    /// <summary>Called once, right after StartBurst answered.</summary>
    void Start(BurstOrigin origin, MeasurementPlan plan);

    /// <summary>After the burst is drained: the floor it measured.</summary>
    Task<FloorFigures> ResultAsync();
}
