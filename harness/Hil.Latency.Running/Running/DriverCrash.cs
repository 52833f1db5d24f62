using Hil.Dext;
using Hil.Foundation;
using Hil.Foundation.Processes;
using Hil.Session.Probe;

namespace Hil.Latency.Running;

/// <summary>
/// Tells a driver that crashed from a rig that failed. Mid-burst both look the same to the user
/// client (the endpoint closed the connection); the difference is whether the driver's process is
/// still there. A dead driver process is the product's fault (exit 1), not the rig's (exit 2).
/// </summary>
internal sealed class DriverCrash
{
    /// <summary>The socket closes as the process dies; it may take the OS a moment more to reap it.</summary>
    private static readonly TimeSpan Reaped = TimeSpan.FromSeconds(3);

    private readonly List<(DriverInstance Driver, long Start)> _drivers;

    private DriverCrash(IEnumerable<(DriverInstance, long)> drivers) => _drivers = [.. drivers];

    /// <summary>Remembers the drivers' processes (pid and start time, so a reused pid is never mistaken for them).</summary>
    public static DriverCrash Watch(TopologyEndpoints endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        return new DriverCrash(new[] { endpoints.Driver1, endpoints.Driver2 }.DistinctBy(d => d.ProcessId)
            .Select(d => ProcessIdentity.StartOf(d.ProcessId) is { } start ? (d, start) : ((DriverInstance, long)?)null)
            .OfType<(DriverInstance, long)>());
    }

    /// <summary>A product defect naming the driver whose process died, when one did; null when the rig fault stands.</summary>
    public async Task<ProductDefectException?> ExplainAsync(HilException error, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(error);
        var deadline = time.GetTimestamp() + (long)(Reaped.TotalSeconds * time.TimestampFrequency);
        while (true)
        {
            if (_drivers.FirstOrDefault(d => !ProcessIdentity.IsSame(d.Driver.ProcessId, d.Start)) is { Driver: { } dead })
            {
                return new ProductDefectException(
                    $"the dext crashed: {dead.Role}'s process {dead.ServerName} (pid {dead.ProcessId}) died during the burst; the user client saw: {error.Message}", error);
            }

            if (time.GetTimestamp() > deadline)
            {
                return null;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(50), time).ConfigureAwait(false);
        }
    }
}
