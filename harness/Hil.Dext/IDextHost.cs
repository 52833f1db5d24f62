namespace Hil.Dext;

public enum DextState
{
    NotInstalled,
    Activating,
    Activated,
    Deactivated,
    Failed,
}

/// <summary>"driver1" (the IOUserHIDEventService) or "driver2" (the IOUserHIDDevice).</summary>
public enum DriverRole
{
    Driver1 = 1,
    Driver2 = 2,
}

/// <summary>
/// One running driver instance, as the registry shows it (ioreg on a Mac, the sim kernel's
/// registry in the sim). <see cref="Endpoint"/> is what a user client opens: the sim host's
/// socket path, or the IOKit service name on a Mac.
/// </summary>
public sealed record DriverInstance(
    DriverRole Role,
    string InstanceId,
    string Personality,
    int ProcessId,
    string ServerName,
    string Endpoint,
    bool OneProcess,
    string? MatchedDevice);

public sealed record DextStatus(DextState State, string BundleId, string? Version, IReadOnlyList<int> ProcessIds);

/// <summary>
/// Loads and observes the dext: activation (host app / systemextensionsctl on a Mac, the sim
/// kernel here), which driver instance runs in which process, and crashes.
/// </summary>
public interface IDextHost : IAsyncDisposable
{
    Task ActivateAsync(CancellationToken cancellationToken);

    Task DeactivateAsync(CancellationToken cancellationToken);

    Task<DextStatus> GetStatusAsync(CancellationToken cancellationToken);

    /// <summary>The registry now: every driver instance and its process.</summary>
    Task<IReadOnlyList<DriverInstance>> QueryRegistryAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Waits until the registry satisfies <paramref name="condition"/>; the timeout's error
    /// names <paramref name="waitedFor"/>.
    /// </summary>
    Task<IReadOnlyList<DriverInstance>> WaitForRegistryAsync(
        Func<IReadOnlyList<DriverInstance>, bool> condition, string waitedFor, TimeSpan timeout,
        CancellationToken cancellationToken);
}
