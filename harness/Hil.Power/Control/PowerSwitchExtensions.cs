namespace Hil.Power;

public static class PowerSwitchExtensions
{
    /// <summary>
    /// Off, hold, on. The hold is the point of a power cycle (capacitors drain, the device
    /// really resets), so it is a deliberate delay on <paramref name="time"/>, not a wait for an event.
    /// </summary>
    public static async Task CycleAsync(
        this IPowerSwitch power, int channel, TimeSpan offTime, TimeProvider time, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(power);
        await power.SetAsync(channel, on: false, cancellationToken).ConfigureAwait(false);
        await Task.Delay(offTime, time, cancellationToken).ConfigureAwait(false);
        await power.SetAsync(channel, on: true, cancellationToken).ConfigureAwait(false);
    }
}
