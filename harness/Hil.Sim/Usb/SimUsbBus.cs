using Hil.Devices;
using Hil.Foundation;
using Hil.Rigs;

namespace Hil.Sim;

/// <summary>
/// The sim rig's USB bus (DESIGN.md §4): a device declared in the rig arrives
/// enumerate_delay ± jitter (seeded, on <see cref="TimeProvider"/> timers) after its switch
/// channel turns on, and leaves at once when it turns off. The rig's <see cref="SimFaultPlan"/> may keep a
/// device away (never-enumerate), bring it after its own delay (late-enumerate), or bounce it: detached a
/// gap after it arrived and attached again a gap later, once per power-on (replug-race). Stamps are monotonic ns (see <see cref="SimClock"/>), so
/// enumeration time = arrival stamp − power-on stamp.
/// </summary>
public sealed class SimUsbBus : IDeviceWatcher
{
    private readonly Lock _gate = new();
    private readonly IChannelPowerSource _power;
    private readonly TimeProvider _time;
    private readonly SimSpec _sim;
    private readonly DeviceEventHistory _history;
    private readonly IReadOnlyList<DeviceSpec> _devices;
    private readonly Dictionary<string, ITimer> _pending = [];
    private readonly HashSet<string> _present = [];
    private readonly HashSet<string> _bounced = [];
    private readonly Dictionary<string, int> _attachments = [];
    private readonly Dictionary<string, ITimer> _bouncing = [];
    private readonly List<string> _applied = [];
    private readonly Random _random;
    private bool _disposed;

    /// <param name="faults">The rig's fault plan, built once for the whole sim rig; by default read from <paramref name="rig"/>.</param>
    public SimUsbBus(RigSpec rig, IChannelPowerSource power, TimeProvider time, SimFaultPlan? faults = null)
    {
        ArgumentNullException.ThrowIfNull(rig);
        Faults = faults ?? SimFaultPlan.From(rig);
        _power = power ?? throw new ArgumentNullException(nameof(power));
        _time = time ?? throw new ArgumentNullException(nameof(time));
        _sim = rig.Sim ?? throw new InputException($"{rig.SourcePath}: rig has no 'sim' section; the sim USB bus needs one");
        _history = new DeviceEventHistory(time);
        _devices = rig.Devices.Values.OrderBy(d => d.Name, StringComparer.Ordinal).ToList();
        _random = new Random(_sim.Seed);
        _power.ChannelChanged += OnChannelChanged;
        foreach (var channel in _devices.Select(d => d.Power).Distinct().Where(_power.IsOn))
        {
            OnChannelChanged(channel, true);
        }
    }

    public IReadOnlyList<UsbIdentity> Present => _history.Present;

    /// <summary>The sim rig's fault plan; the sim kernel on this bus reads the same one.</summary>
    public SimFaultPlan Faults { get; }

    /// <summary>Raised after a device arrived or left, outside the bus's lock; the sim kernel matches on it.</summary>
    internal event Action<DeviceSpec, DeviceEvent>? DeviceChanged;

    internal IReadOnlyList<DeviceEvent> History => _history.Events;

    /// <summary>What the bus did of the fault plan, one line per time, e.g. "replug-race stimulus-a: …".</summary>
    public IReadOnlyList<string> AppliedFaults
    {
        get
        {
            lock (_gate)
            {
                return [.. _applied];
            }
        }
    }

    /// <summary>Present devices with which attachment each is on (counted from 1 per device): a device back after leaving is a new one.</summary>
    internal IReadOnlyList<(DeviceSpec Device, int Attachment)> PresentAttachments
    {
        get
        {
            lock (_gate)
            {
                return [.. _devices.Where(d => _present.Contains(d.Name)).Select(d => (d, _attachments[d.Name]))];
            }
        }
    }

    internal IReadOnlyList<DeviceSpec> PresentDevices
    {
        get
        {
            lock (_gate)
            {
                return _devices.Where(d => _present.Contains(d.Name)).ToList();
            }
        }
    }

    public Task<DeviceEvent> WaitAsync(
        DeviceEventKind kind, UsbIdentity device, long afterTimestampNs, TimeSpan timeout,
        CancellationToken cancellationToken) =>
        _history.WaitAsync(kind, device, afterTimestampNs, timeout, cancellationToken);

    public ValueTask DisposeAsync()
    {
        _power.ChannelChanged -= OnChannelChanged;
        lock (_gate)
        {
            _disposed = true;
            foreach (var timer in _pending.Values.Concat(_bouncing.Values))
            {
                timer.Dispose();
            }

            _pending.Clear();
            _bouncing.Clear();
        }

        return ValueTask.CompletedTask;
    }

    private void OnChannelChanged(ChannelRef channel, bool on)
    {
        var removed = new List<(DeviceSpec Device, DeviceEvent Event)>();
        lock (_gate)
        {
            if (_disposed)
            {
                return;
            }

            foreach (var device in _devices.Where(d => d.Power == channel))
            {
                if (on)
                {
                    StartEnumerating(device);
                }
                else
                {
                    // A replug race bounces once per power-on.
                    _bounced.Remove(device.Name);
                    if (Unplug(device) is { } e)
                    {
                        removed.Add((device, e));
                    }
                }
            }
        }

        Raise(removed);
    }

    private void Raise(List<(DeviceSpec Device, DeviceEvent Event)> events)
    {
        foreach (var (device, e) in events)
        {
            DeviceChanged?.Invoke(device, e);
        }
    }


    /// <summary>Under the lock. A device already present or enumerating does not start again.</summary>
    private void StartEnumerating(DeviceSpec device)
    {
        if (_present.Contains(device.Name) || _pending.ContainsKey(device.Name) || Faults.NeverEnumerate.Contains(device.Name))
        {
            return;
        }

        var jitter = (_random.NextDouble() * 2 - 1) * _sim.EnumerateJitter.Ticks;
        var delay = TimeSpan.FromTicks(Math.Max(0, _sim.EnumerateDelay.Ticks + (long)jitter));
        if (Faults.ArrivalDelay(device.Name) is { } late)
        {
            delay = late;
            _applied.Add($"{FaultKinds.LateEnumerate} {device.Name}: arrives {RigDuration.Format(late)} after power-on");
        }

        ArriveIn(device, delay);
    }

    /// <summary>Under the lock. The timer is stored before it is armed: a zero delay may fire at once, and Arrive needs to find it.</summary>
    private void ArriveIn(DeviceSpec device, TimeSpan delay)
    {
        var timer = _time.CreateTimer(_ => Arrive(device), null, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        _pending[device.Name] = timer;
        timer.Change(delay, Timeout.InfiniteTimeSpan);
    }

    /// <summary>Under the lock: cancel a pending arrival, or record the removal of a present device.</summary>
    private DeviceEvent? Unplug(DeviceSpec device)
    {
        if (_pending.Remove(device.Name, out var timer))
        {
            timer.Dispose();
        }

        if (_bouncing.Remove(device.Name, out var bounce))
        {
            bounce.Dispose();
        }

        if (!_present.Remove(device.Name))
        {
            return null;
        }

        var e = new DeviceEvent(DeviceEventKind.Removed, device.Usb, SimClock.NowNs(_time), Location(device));
        _history.Record(e);
        return e;
    }

    private void Arrive(DeviceSpec device)
    {
        DeviceEvent e;
        lock (_gate)
        {
            if (_disposed || !_pending.Remove(device.Name, out var timer))
            {
                return;
            }

            timer.Dispose();
            _present.Add(device.Name);
            _attachments[device.Name] = _attachments.GetValueOrDefault(device.Name) + 1;
            e = new DeviceEvent(DeviceEventKind.Arrived, device.Usb, SimClock.NowNs(_time), Location(device));
            _history.Record(e);
            if (Faults.ReplugGap(device.Name) is { } gap && _bounced.Add(device.Name))
            {
                var bounce = _time.CreateTimer(_ => Bounce(device, gap), null, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
                _bouncing[device.Name] = bounce;
                bounce.Change(gap, Timeout.InfiniteTimeSpan);
            }
        }

        DeviceChanged?.Invoke(device, e);
    }

    /// <summary>replug-race: attached for a gap, then gone for a gap, then back, as a connector that bounces.</summary>
    private void Bounce(DeviceSpec device, TimeSpan gap)
    {
        DeviceEvent? gone;
        lock (_gate)
        {
            if (_disposed || !_bouncing.Remove(device.Name, out var timer))
            {
                return;
            }

            timer.Dispose();
            gone = Unplug(device);
            if (gone is null)
            {
                return;
            }

            ArriveIn(device, gap);
            _applied.Add($"{FaultKinds.ReplugRace} {device.Name}: detached {RigDuration.Format(gap)} after it arrived, attached again {RigDuration.Format(gap)} later");
        }

        DeviceChanged?.Invoke(device, gone);
    }

    private static string Location(DeviceSpec device) => $"sim:{device.Power}";
}
