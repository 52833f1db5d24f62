using Hil.Dext;
using Hil.Foundation;
using Hil.Rigs;

namespace Hil.Sim;

/// <summary>
/// The sim rig's kernel (DESIGN.md §4): matches the dext's real Info.plist the way macOS
/// does and runs every driver instance in a real hil-simhost process. On activation the
/// IOUserResources (root) personalities get their instances; each device arriving on the
/// <see cref="SimUsbBus"/> gets the device personalities that match its VendorID/ProductID
/// (one per IOMatchCategory, first in file order); a device leaving loses them. Each new
/// instance joins a running server or launches a process by <see cref="ProcessLayoutRule"/>.
/// A host that dies unasked is a crash: its instances are removed and matched again
/// (new processes, as macOS relaunches a crashed dext), and <see cref="HostCrashed"/> says so.
/// All changes run one at a time; registry reads never wait for them.
/// </summary>
public sealed partial class SimKernel : IDextHost
{
    private static int s_kernels;
    private readonly RigSpec _rig;
    private readonly DextSpec _dext;
    private readonly SimUsbBus _bus;
    private readonly TimeProvider _time;
    private readonly SimKernelOptions _options;
    private readonly SemaphoreSlim _serial = new(1, 1);
    private readonly Lock _gate = new();
    private readonly List<string> _log = [];
    private readonly List<SimHostCrash> _crashes = [];
    private readonly List<SimHostLog> _retiredLogs = [];
    private readonly HashSet<Task> _background = [];
    private TaskCompletionSource _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private CancellationTokenSource _lifetime = new();
    private SimPlacement? _placement;
    private DextPlist? _plist;
    private string? _socketDirectory;
    private SimLogFolder? _logFolder;
    private string? _lastProblem;
    private DextState _state = DextState.Deactivated;
    private volatile bool _disposed;

    public SimKernel(RigSpec rig, SimUsbBus bus, TimeProvider time, SimKernelOptions? options = null)
    {
        _rig = rig ?? throw new ArgumentNullException(nameof(rig));
        _dext = rig.Dext ?? throw new InputException($"{rig.SourcePath}: rig has no 'dext' section; the sim kernel needs one");
        _bus = bus ?? throw new ArgumentNullException(nameof(bus));
        _time = time ?? throw new ArgumentNullException(nameof(time));
        _options = options ?? new SimKernelOptions();
        _bus.DeviceChanged += OnDeviceChanged;
    }

    /// <summary>Raised after a crashed host's instances were matched again.</summary>
    public event Action<SimHostCrash>? HostCrashed;

    public IReadOnlyList<SimHostCrash> Crashes => Locked(() => _crashes.ToList());

    public int CrashCount => Locked(() => _crashes.Count);

    /// <summary>What the kernel decided and why, in order (joins, launches, "not correct organization", failures).</summary>
    public IReadOnlyList<string> KernelLog => Locked(() => _log.ToList());

    /// <summary>Every host's stderr log, including hosts that exited or crashed.</summary>
    public IReadOnlyList<SimHostLog> HostLogs => Locked(() => _retiredLogs.Concat(_placement?.Logs ?? []).ToList());

    /// <summary>The sim rig's fault plan, the one its bus was given.</summary>
    public SimFaultPlan Faults => _bus.Faults;

    /// <remarks>
    /// Stopped by a deactivation or disposal that comes while it runs (their lifetime token), and
    /// refused once the kernel is disposed: a test host on its way down (`hil run` signalled) was
    /// seen activating as its session shut down, leaving a socket folder nobody removed.
    /// </remarks>
    public async Task ActivateAsync(CancellationToken cancellationToken)
    {
        await _serial.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_disposed)
            {
                throw new OperationCanceledException($"rig '{_rig.Name}': the sim kernel is shut down; the dext was not activated");
            }

            if (_state == DextState.Activated)
            {
                return;
            }

            _state = DextState.Activating;
            using var stopping = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _lifetime.Token);
            await StartPlacementAsync(stopping.Token).ConfigureAwait(false);
            _state = DextState.Activated;
        }
        catch
        {
            _state = DextState.Failed;
            await StopPlacementAsync(CancellationToken.None).ConfigureAwait(false);
            throw;
        }
        finally
        {
            _serial.Release();
        }
    }

    public async Task DeactivateAsync(CancellationToken cancellationToken)
    {
        await _lifetime.CancelAsync().ConfigureAwait(false);
        await _serial.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await StopPlacementAsync(cancellationToken).ConfigureAwait(false);
            _state = DextState.Deactivated;
        }
        finally
        {
            _lifetime.Dispose();
            _lifetime = new CancellationTokenSource();
            _serial.Release();
        }
    }

    public Task<DextStatus> GetStatusAsync(CancellationToken cancellationToken)
    {
        var pids = (_placement?.Snapshot ?? []).Select(i => i.ProcessId).Distinct().ToList();
        return Task.FromResult(new DextStatus(_state, _dext.BundleId, _plist?.BundleVersion, pids));
    }

    public Task<IReadOnlyList<DriverInstance>> QueryRegistryAsync(CancellationToken cancellationToken) =>
        Task.FromResult(Registry());

    public async Task<IReadOnlyList<DriverInstance>> WaitForRegistryAsync(
        Func<IReadOnlyList<DriverInstance>, bool> condition, string waitedFor, TimeSpan timeout,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(condition);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        try
        {
            return await WatchRegistryAsync(condition, stop.Token)
                .WithTimeout(timeout, waitedFor, FaultKind.ProductDefect, _time, cancellationToken).ConfigureAwait(false);
        }
        catch (WaitTimeoutException) when (Locked(() => _lastProblem) is { } problem)
        {
            throw new WaitTimeoutException($"{waitedFor} (last sim kernel problem: {problem})", timeout, FaultKind.ProductDefect);
        }
        finally
        {
            await stop.CancelAsync().ConfigureAwait(false);
        }
    }

    /// <summary>The dext-crash fault: SIGKILL the sim host with this pid; detection and rematching follow as for any crash.</summary>
    public async Task CrashHostAsync(int pid, CancellationToken cancellationToken)
    {
        await _serial.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var host = _placement?.FindHost(pid) ?? throw new InputException(
                $"{FaultKinds.DextCrash}: no sim host with pid {pid}; running: {string.Join(", ", _placement?.Pids ?? [])}");
            Log($"fault {FaultKinds.DextCrash}: SIGKILL pid {pid} ({host.ServerName})");
            host.Kill();
        }
        finally
        {
            _serial.Release();
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        _bus.DeviceChanged -= OnDeviceChanged;
        await DeactivateAsync(CancellationToken.None).ConfigureAwait(false);
        await Task.WhenAll(Locked(() => _background.ToList())).ConfigureAwait(false);
        if (_logFolder?.Close(clean: Locked(() => _crashes.Count == 0 && _lastProblem is null)) is { } kept)
        {
            Log(kept);
        }

        _lifetime.Dispose();
    }

    private async Task StartPlacementAsync(CancellationToken cancellationToken)
    {
        _plist = DextPlist.LoadForRig(_dext);
        // A rig naming a dext build runs that build's own sim host: its compiled-in work is what is compared.
        var binary = NativeBinary.SimHost.Locate(_options.SimHostPath ?? _dext.Build?.SimHostPath);
        var n = Interlocked.Increment(ref s_kernels);
        _socketDirectory = _options.SocketDirectory ?? Path.Combine(Path.GetTempPath(), $"hil-sim-{Environment.ProcessId}-{n}");
        Directory.CreateDirectory(_socketDirectory);
        _logFolder ??= SimLogFolder.For(_options, n);
        var settings = new SimPlacement.Settings(
            binary, _dext.EntitlementToken, _dext.BundleId, _socketDirectory, _logFolder.Path, _rig.Timeouts.Activate, _options.StopGrace, _time);
        _placement = new SimPlacement(settings, Log, SignalChanged, OnHostExited);
        var failures = await _placement.ReconcileAsync(DesiredSlots(), cancellationToken).ConfigureAwait(false);
        if (failures.FirstOrDefault(f => f.Slot.Device is null) is { Error: { } rootFailure })
        {
            throw rootFailure;
        }
    }

    private async Task StopPlacementAsync(CancellationToken cancellationToken)
    {
        if (_placement is { } placement)
        {
            await placement.StopAllAsync(cancellationToken).ConfigureAwait(false);
            lock (_gate)
            {
                _retiredLogs.AddRange(placement.Logs);
                _placement = null;
            }
        }

        if (_socketDirectory is not null && Directory.Exists(_socketDirectory))
        {
            Directory.Delete(_socketDirectory, recursive: true);
        }

        SignalChanged();
    }

    private async Task<IReadOnlyList<DriverInstance>> WatchRegistryAsync(
        Func<IReadOnlyList<DriverInstance>, bool> condition, CancellationToken cancellationToken)
    {
        while (true)
        {
            var changed = Locked(() => _changed.Task);
            var now = Registry();
            if (condition(now))
            {
                return now;
            }

            await changed.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    private void SignalChanged()
    {
        TaskCompletionSource old;
        lock (_gate)
        {
            old = _changed;
            _changed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }

        old.TrySetResult();
    }

    private void Log(string line)
    {
        lock (_gate)
        {
            _log.Add(line);
        }
    }

    private T Locked<T>(Func<T> read)
    {
        lock (_gate)
        {
            return read();
        }
    }
}
