namespace Hil.Reporting.Writing;

/// <summary>
/// Allure wants Unix epoch milliseconds. The wall clock is read once, at the start; every later
/// stamp adds monotonic time to it, so durations never jump with NTP and stay in order.
/// </summary>
internal sealed class AllureClock
{
    private readonly TimeProvider _time;
    private readonly long _anchorTimestamp;
    private readonly long _anchorEpochMs;

    public AllureClock(TimeProvider time)
    {
        _time = time;
        _anchorTimestamp = time.GetTimestamp();
        _anchorEpochMs = time.GetUtcNow().ToUnixTimeMilliseconds();
    }

    public TimeProvider Time => _time;

    public long NowEpochMs() =>
        _anchorEpochMs + (long)_time.GetElapsedTime(_anchorTimestamp).TotalMilliseconds;
}
