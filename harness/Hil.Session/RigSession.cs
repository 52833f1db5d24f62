using Hil.Devices;
using Hil.Dext;
using Hil.Foundation;
using Hil.Power;
using Hil.Rigs;
using Hil.Session.Locking;
using Hil.UserClients;

namespace Hil.Session;

/// <summary>
/// A lease on one rig (DESIGN.md §9, §10): holds the rig's lock, owns the parts built for it and
/// leaves the switches in the rig's <c>safe_state</c> on every way out — <see cref="DisposeAsync"/>,
/// SIGINT, SIGTERM, process exit and an unhandled exception. Use it with <c>await using</c> so a
/// fixture that throws still disposes it.
/// </summary>
public sealed partial class RigSession : IAsyncDisposable
{
    private readonly RigSessionOptions _options;
    private readonly IRigPartsFactory _factory;
    private readonly RigLock _lock;
    private readonly Dictionary<string, IPowerSwitch> _power = new(StringComparer.Ordinal);
    private readonly List<IDisposable> _userClients = [];
    private readonly Lock _gate = new();
    private IDeviceWatcher? _devices;
    private IDextHost? _dext;
    private ExitHooks? _hooks;
    private Task? _shutdown;

    private RigSession(RigSpec rig, IRigPartsFactory factory, RigSessionOptions options, RigLock rigLock)
    {
        Rig = rig;
        _factory = factory;
        _options = options;
        _lock = rigLock;
    }

    public RigSpec Rig { get; }

    /// <summary>Where this session's lock file is.</summary>
    public string LockPath => _lock.Path;

    /// <summary>The switches, by the names the rig file gives them.</summary>
    public IReadOnlyDictionary<string, IPowerSwitch> Power => _power;

    /// <exception cref="InputException">The rig declares no devices, or the session was opened without <see cref="RigParts.Devices"/>.</exception>
    public IDeviceWatcher Devices => _devices ?? throw Missing("devices", "a devices: section", RigParts.Devices);

    /// <exception cref="InputException">The rig declares no dext, or the session was opened without <see cref="RigParts.Dext"/>.</exception>
    public IDextHost Dext => _dext ?? throw Missing("dext", "a dext: section", RigParts.Dext);

    /// <summary>
    /// Leases <paramref name="rig"/> (waiting up to <see cref="RigSessionOptions.LockTimeout"/>), builds its
    /// parts through <paramref name="factory"/> and, unless told otherwise, puts it in its safe state.
    /// </summary>
    /// <exception cref="RigFaultException">Another process holds the rig; the message names its pid.</exception>
    public static async Task<RigSession> OpenAsync(
        RigSpec rig, IRigPartsFactory factory, RigSessionOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(rig);
        ArgumentNullException.ThrowIfNull(factory);
        options ??= new RigSessionOptions();
        var rigLock = await RigLock.AcquireAsync(rig.Name, options, cancellationToken).ConfigureAwait(false);
        var session = new RigSession(rig, factory, options, rigLock);
        try
        {
            await session.BuildAsync(cancellationToken).ConfigureAwait(false);
            return session;
        }
        catch
        {
            await session.ShutdownOnFailedOpenAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>Resolves a TARGET (a device name or SWITCH/CHANNEL) of this rig.</summary>
    /// <exception cref="InputException">No such device or channel; the message lists what the rig has.</exception>
    public ChannelRef Resolve(string target) => Rig.ResolveTarget(target);

    public Task PowerOnAsync(string target, CancellationToken cancellationToken = default) =>
        SetPowerAsync(Resolve(target), on: true, cancellationToken);

    public Task PowerOffAsync(string target, CancellationToken cancellationToken = default) =>
        SetPowerAsync(Resolve(target), on: false, cancellationToken);

    public Task SetPowerAsync(ChannelRef channel, bool on, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(channel);
        return Switch(channel.Switch).SetAsync(channel.Channel, on, cancellationToken);
    }

    /// <exception cref="InputException">The rig declares no such switch, or it was not built.</exception>
    public IPowerSwitch Switch(string name) =>
        _power.TryGetValue(name, out var power)
            ? power
            : throw new InputException(
                $"rig '{Rig.Name}' ({Rig.SourcePath}) has no switch '{name}'; switches: {string.Join(", ", _power.Keys.Order())}");

    /// <summary>
    /// Hands a user client to the session so every exit path closes it before the dext host and the
    /// power go; clients are closed newest first.
    /// </summary>
    public T Track<T>(T userClient)
        where T : IDisposable
    {
        ArgumentNullException.ThrowIfNull(userClient);
        lock (_gate)
        {
            _userClients.Add(userClient);
        }

        return userClient;
    }

    /// <summary>Puts every channel in the safe state now, e.g. between tests.</summary>
    /// <exception cref="AggregateException">Of one <see cref="RigFaultException"/> per channel that failed; every channel was still tried.</exception>
    public async Task RestoreSafeStateAsync(CancellationToken cancellationToken = default)
    {
        var failures = await SafeStateRestorer.RestoreAsync(Rig, _power, _options, cancellationToken).ConfigureAwait(false);
        if (failures.Count > 0)
        {
            throw SafeStateRestorer.Aggregate(Rig, failures);
        }
    }

    /// <summary>
    /// Closes user clients and the dext host, restores the safe state, disposes the parts, releases
    /// the lock — always all of it, even when a step fails.
    /// </summary>
    /// <exception cref="AggregateException">Of <see cref="RigFaultException"/>s, one per step or channel that failed.</exception>
    public async ValueTask DisposeAsync()
    {
        try
        {
            await StartShutdown().ConfigureAwait(false);
        }
        finally
        {
            _hooks?.Dispose();
        }
    }

    private InputException Missing(string part, string section, RigParts flag) =>
        (_options.Parts & flag) == 0
            ? new InputException($"this session on rig '{Rig.Name}' was opened without RigParts.{flag}")
            : new InputException($"rig '{Rig.Name}' ({Rig.SourcePath}) declares no {part}: add {section} to use it");
}
