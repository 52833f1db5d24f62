using Hil.Devices;
using Hil.Dext;
using Hil.Rigs;

namespace Hil.Session.Tests.Helper;

/// <summary>A watcher that sees nothing; the session only owns and disposes it.</summary>
public sealed class FakeDeviceWatcher(Action<string> journal) : IDeviceWatcher
{
    public IReadOnlyList<UsbIdentity> Present => [];

    public Task<DeviceEvent> WaitAsync(
        DeviceEventKind kind, UsbIdentity device, long afterTimestampNs, TimeSpan timeout, CancellationToken cancellationToken) =>
        throw new NotSupportedException("the fake watcher sees no devices");

    public ValueTask DisposeAsync()
    {
        journal("dispose devices");
        return ValueTask.CompletedTask;
    }
}

/// <summary>A dext host with no drivers; the session only owns and disposes it.</summary>
public sealed class FakeDextHost(string bundleId, Action<string> journal) : IDextHost
{
    public Task ActivateAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task DeactivateAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task<DextStatus> GetStatusAsync(CancellationToken cancellationToken) =>
        Task.FromResult(new DextStatus(DextState.NotInstalled, bundleId, null, []));

    public Task<IReadOnlyList<DriverInstance>> QueryRegistryAsync(CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<DriverInstance>>([]);

    public Task<IReadOnlyList<DriverInstance>> WaitForRegistryAsync(
        Func<IReadOnlyList<DriverInstance>, bool> condition, string waitedFor, TimeSpan timeout,
        CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<DriverInstance>>([]);

    public ValueTask DisposeAsync()
    {
        journal("dispose dext");
        return ValueTask.CompletedTask;
    }
}
