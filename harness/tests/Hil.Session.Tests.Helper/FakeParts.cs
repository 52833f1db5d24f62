using System.Collections.Concurrent;
using Hil.Devices;
using Hil.Dext;
using Hil.Power;
using Hil.Rigs;
using Hil.UserClients;

namespace Hil.Session.Tests.Helper;

/// <summary>
/// A parts factory of fakes. Every part writes to one <see cref="Journal"/>, so tests can check the
/// order in which a session closes them.
/// </summary>
public sealed class FakeParts(string? stateDirectory = null) : IRigPartsFactory, IAsyncDisposable
{
    public ConcurrentQueue<string> Journal { get; } = new();

    public ConcurrentDictionary<string, FakePowerSwitch> Switches { get; } = new(StringComparer.Ordinal);

    /// <summary>Set before opening: configure each switch as it is made (failing or hanging channels).</summary>
    public Action<FakePowerSwitch>? Configure { get; init; }

    /// <summary>Set before opening: the part whose creation throws ("power:NAME", "devices" or "dext").</summary>
    public string? FailToCreate { get; init; }

    public Task<IPowerSwitch> CreatePowerSwitchAsync(RigSpec rig, PowerSwitchSpec power, CancellationToken cancellationToken)
    {
        ThrowIfAsked($"power:{power.Name}");
        var file = stateDirectory is null ? null : Path.Combine(stateDirectory, $"{power.Name}.state");
        var fake = new FakePowerSwitch(power.Name, power.Channels, PowerKinds.FirstChannel(power.Kind), file, Journal.Enqueue);
        Configure?.Invoke(fake);
        Switches[power.Name] = fake;
        return Task.FromResult<IPowerSwitch>(fake);
    }

    public Task<IDeviceWatcher> CreateDeviceWatcherAsync(RigSpec rig, CancellationToken cancellationToken)
    {
        ThrowIfAsked("devices");
        return Task.FromResult<IDeviceWatcher>(new FakeDeviceWatcher(Journal.Enqueue));
    }

    public Task<IDextHost> CreateDextHostAsync(RigSpec rig, CancellationToken cancellationToken)
    {
        ThrowIfAsked("dext");
        return Task.FromResult<IDextHost>(new FakeDextHost(rig.Dext!.BundleId, Journal.Enqueue));
    }

    /// <summary>Each open is journalled as "open ENDPOINT as TOKEN", or "open ENDPOINT (user client CLASS) as TOKEN" when a class was resolved.</summary>
    public IUserClient OpenUserClient(RigSpec rig, UserClientTarget target, string entitlementToken, TimeSpan callTimeout)
    {
        ArgumentNullException.ThrowIfNull(target);
        Journal.Enqueue($"open {target} as {entitlementToken}");
        return new FakeUserClient(target.Endpoint, Journal.Enqueue);
    }

    public ValueTask DisposeAsync()
    {
        Journal.Enqueue("dispose factory");
        return ValueTask.CompletedTask;
    }

    private void ThrowIfAsked(string part)
    {
        if (FailToCreate == part)
        {
            throw new InvalidOperationException($"fake refused to create {part}");
        }
    }
}

/// <summary>
/// A user client on a driver that implements no selector: every call answers Unsupported, as a
/// real driver does for a selector it lacks. Only its opening and closing matter to the session.
/// </summary>
public sealed class FakeUserClient(string name, Action<string> journal) : IUserClient
{
    public string Endpoint => name;

    public CallResult Call(
        uint selector, ReadOnlySpan<ulong> scalarsIn, ReadOnlySpan<byte> structIn,
        Span<ulong> scalarsOut, Span<byte> structOut) => new(IOReturn.Unsupported, 0, 0);

    public CallResult CallWithCompletion(
        uint selector, uint reference, AsyncCompletionHandler onCompletion,
        ReadOnlySpan<ulong> scalarsIn, ReadOnlySpan<byte> structIn,
        Span<ulong> scalarsOut, Span<byte> structOut) => new(IOReturn.Unsupported, 0, 0);

    public IMappedMemory Map(uint memoryType) =>
        throw UserClientException.Refused(name, $"map of memoryType {memoryType}", IOReturn.Unsupported);

    public void Dispose() => journal($"close {name}");

    public override string ToString() => name;
}
