namespace Hil.Foundation;

/// <summary>
/// A wait ran out. The message always names what was awaited and for how long, so a hung
/// nightly run says "waited 5 s for arrival of stimulus-a (1209:0001)" and not "timeout".
/// </summary>
public sealed class WaitTimeoutException(string waitedFor, TimeSpan timeout, FaultKind fault)
    : HilException(fault, $"timed out after {Format(timeout)} waiting for {waitedFor}")
{
    public string WaitedFor { get; } = waitedFor;

    public TimeSpan Timeout { get; } = timeout;

    private static string Format(TimeSpan t) =>
        t.TotalSeconds >= 1 ? $"{t.TotalSeconds:0.###} s" : $"{t.TotalMilliseconds:0.###} ms";
}
