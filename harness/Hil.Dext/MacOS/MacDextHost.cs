using Hil.Foundation;
using Hil.Foundation.Processes;
using Hil.Rigs;

namespace Hil.Dext.MacOS;

/// <summary>
/// <see cref="IDextHost"/> on a real Mac, composed of the host app (activation),
/// `systemextensionsctl list` (state) and `ioreg` (which driver runs in which process).
/// Thin on purpose: every decision is in the parsers, which are tested on captured output.
/// Runs only on macOS; verified only on a Mac (see README.md).
/// </summary>
public sealed class MacDextHost : IDextHost
{
    private readonly RigSpec _rig;
    private readonly DextSpec _dext;
    private readonly DextPlist _plist;
    private readonly MacDextHostOptions _options;
    private readonly TimeProvider _time;
    private readonly SystemExtensionsCtl _ctl;
    private readonly Ioreg _ioreg;

    public MacDextHost(RigSpec rig, MacDextHostOptions options, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(rig);
        _rig = rig;
        _dext = rig.Dext ?? throw new InputException($"{rig.SourcePath}: rig has no 'dext' section; the Mac dext host needs one");
        _plist = DextPlist.LoadForRig(_dext);
        _options = (options ?? throw new ArgumentNullException(nameof(options))).WithHostAppOf(_dext);
        _time = time ?? throw new ArgumentNullException(nameof(time));
        _ctl = new SystemExtensionsCtl(_options.SystemExtensionsCtl, time);
        _ioreg = new Ioreg(_options.Ioreg, time);
    }

    public async Task ActivateAsync(CancellationToken cancellationToken)
    {
        if (_options.Activator is { } app)
        {
            await RunBoundedAsync(new ProcessCommand(app, _options.ActivateArguments), cancellationToken).ConfigureAwait(false);
        }

        await PollAsync(
            async ct => SystemExtensionStates.IsActivated(await _ctl.ListAsync(ct).ConfigureAwait(false), _dext.BundleId),
            $"systemextensionsctl to list {_dext.BundleId} as [activated enabled] (approve it in System Settings " +
            "or allow it by MDM if it is [activated waiting for user])",
            _rig.Timeouts.Activate, FaultKind.InfrastructureFault, cancellationToken).ConfigureAwait(false);
    }

    public async Task DeactivateAsync(CancellationToken cancellationToken)
    {
        var command = _options.Activator is { } app
            ? new ProcessCommand(app, _options.DeactivateArguments)
            : _ctl.Uninstall(null, _dext.BundleId);
        await RunBoundedAsync(command, cancellationToken).ConfigureAwait(false);
        await PollAsync(
            async ct => (await FindEntryAsync(ct).ConfigureAwait(false))?.IsActivatedEnabled != true,
            $"{_dext.BundleId} to leave [activated enabled]", _rig.Timeouts.Activate,
            FaultKind.InfrastructureFault, cancellationToken).ConfigureAwait(false);
    }

    public async Task<DextStatus> GetStatusAsync(CancellationToken cancellationToken)
    {
        var entry = await FindEntryAsync(cancellationToken).ConfigureAwait(false);
        var names = _plist.Personalities.Select(p => p.IOUserServerName).ToHashSet(StringComparer.Ordinal);
        var servers = await _ioreg.UserServersAsync(cancellationToken).ConfigureAwait(false);
        var pids = servers.Where(s => names.Contains(s.ServerName) && s.ProcessId is not null)
            .Select(s => s.ProcessId!.Value).Distinct().ToList();
        return new DextStatus(StateOf(entry), _dext.BundleId, entry?.Version, pids);
    }

    /// <summary>One read of ioreg; a driver no IOUserServer lists yet has process ID 0 (<see cref="MacRegistryMap"/>).</summary>
    public async Task<IReadOnlyList<DriverInstance>> QueryRegistryAsync(CancellationToken cancellationToken)
    {
        // Services first, servers second: ioreg runs once per read, and a service already seen
        // is then in the servers read after it unless macOS has not associated it yet, a window
        // WaitForRegistryAsync waits out. The other order pairs a relaunched driver with the
        // servers of before its relaunch.
        var nodes = new List<IoregNode>();
        foreach (var userClass in _plist.Personalities.Select(p => p.IOUserClass).Distinct(StringComparer.Ordinal))
        {
            nodes.AddRange(await _ioreg.ServicesNamedAsync(userClass, cancellationToken).ConfigureAwait(false));
        }

        var servers = await _ioreg.UserServersAsync(cancellationToken).ConfigureAwait(false);
        return MacRegistryMap.Map(servers, nodes, _plist, _rig);
    }

    /// <summary>
    /// Polls until <paramref name="condition"/> holds on a read in which every driver has its
    /// process: a service registers before its IOUserServer lists it, and a process ID of 0
    /// would read as "a new process" to a caller waiting for a relaunch.
    /// </summary>
    public async Task<IReadOnlyList<DriverInstance>> WaitForRegistryAsync(
        Func<IReadOnlyList<DriverInstance>, bool> condition, string waitedFor, TimeSpan timeout,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(condition);
        IReadOnlyList<DriverInstance> last = [];
        await PollAsync(
            async ct => MacRegistryMap.EveryProcessKnown(last = await QueryRegistryAsync(ct).ConfigureAwait(false)) && condition(last),
            $"{waitedFor}, with every driver's process known (listed in an IOUserServer's IOAssociatedServices)",
            timeout, FaultKind.ProductDefect, cancellationToken).ConfigureAwait(false);
        return last;
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    internal static DextState StateOf(SystemExtensionEntry? entry) => SystemExtensionStates.StateOf(entry);

    private async Task<SystemExtensionEntry?> FindEntryAsync(CancellationToken cancellationToken)
    {
        var entries = await _ctl.ListAsync(cancellationToken).ConfigureAwait(false);
        return entries.Where(e => e.BundleId == _dext.BundleId)
            .OrderByDescending(e => e.IsActivatedEnabled).FirstOrDefault();
    }

    /// <summary>The host app or `uninstall` may sit on a GUI prompt: bounded by the activate timeout, killed when it runs out.</summary>
    private async Task RunBoundedAsync(ProcessCommand command, CancellationToken cancellationToken)
    {
        var bounded = command with { Timeout = _rig.Timeouts.Activate, WaitedFor = $"`{command.CommandLine}` to finish" };
        (await ProcessRunner.RunAsync(bounded, _time, cancellationToken).ConfigureAwait(false)).EnsureSuccess();
    }

    private async Task PollAsync(
        Func<CancellationToken, Task<bool>> done, string waitedFor, TimeSpan timeout, FaultKind fault,
        CancellationToken cancellationToken)
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var loop = PollLoopAsync(done, stop.Token);
        try
        {
            await loop.WithTimeout(timeout, waitedFor, fault, _time, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            await stop.CancelAsync().ConfigureAwait(false);
        }
    }

    private async Task<bool> PollLoopAsync(Func<CancellationToken, Task<bool>> done, CancellationToken ct)
    {
        while (!await done(ct).ConfigureAwait(false))
        {
            await Task.Delay(_options.PollInterval, _time, ct).ConfigureAwait(false);
        }

        return true;
    }
}
