using Hil.Dext;
using Hil.Foundation;
using Hil.Rigs;

namespace Hil.Sim;

/// <summary>The sim kernel's matching: what should run, reacting to devices and crashes, one change at a time.</summary>
public sealed partial class SimKernel
{
    /// <summary>Root personalities always; device personalities for present devices, one per match category.</summary>
    private List<SimSlot> DesiredSlots()
    {
        var personalities = _plist!.Personalities;
        var slots = personalities.Where(p => p.IsRoot).Select(p => new SimSlot(p, null)).ToList();
        foreach (var (device, attachment) in _bus.PresentAttachments)
        {
            slots.AddRange(personalities.Where(p => p.MatchesDevice(device.Usb))
                .GroupBy(p => p.IOMatchCategory ?? "IODefaultMatchCategory")
                .Select(g => new SimSlot(g.First(), device, attachment)));
        }

        return slots;
    }

    /// <summary>
    /// What the registry shows: the placed instances, less those whose device has left or come back since they
    /// matched. IOKit's terminate phase 1 makes a departed device's drivers inactive at once, before their Stop
    /// runs, so no lookup finds a stale service while the kernel is still removing it.
    /// </summary>
    private IReadOnlyList<DriverInstance> Registry()
    {
        if (_placement is not { } placement)
        {
            return [];
        }

        var present = _bus.PresentAttachments.ToDictionary(a => a.Device.Name, a => a.Attachment, StringComparer.Ordinal);
        return [.. placement.Placed
            .Where(i => i.Slot.Device is null || (present.TryGetValue(i.Slot.Device.Name, out var now) && now == i.Slot.Attachment))
            .Select(i => i.ToDriverInstance())];
    }

    private void OnDeviceChanged(DeviceSpec device, Hil.Devices.DeviceEvent e)
    {
        // A departure changes the registry at once (see Registry); waiters look again.
        SignalChanged();
        Background(async ct =>
        {
            if (_state == DextState.Activated && _placement is { } placement)
            {
                Remember(await placement.ReconcileAsync(DesiredSlots(), ct).ConfigureAwait(false));
            }
        });
    }

    private void OnHostExited(SimHostProcess host)
    {
        if (!host.Stopping)
        {
            Background(ct => HandleCrashAsync(host, ct));
        }
    }

    private async Task HandleCrashAsync(SimHostProcess host, CancellationToken cancellationToken)
    {
        if (host.Stopping || _placement is not { } placement)
        {
            return;
        }

        var detected = SimClock.NowNs(_time);
        await host.WaitExitedAsync(cancellationToken).ConfigureAwait(false);
        var lost = placement.Forget(host);
        Log($"pid {host.Pid} ({host.ServerName}) exited unasked (exit code {host.ExitCode}): matching {lost.Count} instance(s) again");
        var before = placement.Snapshot.Select(i => i.InstanceId).ToHashSet(StringComparer.Ordinal);
        Remember(await placement.ReconcileAsync(DesiredSlots(), cancellationToken).ConfigureAwait(false));
        var crash = new SimHostCrash(host.Pid, host.ServerName, host.ExitCode, host.LogPath, detected, lost,
            placement.Snapshot.Where(i => !before.Contains(i.InstanceId)).ToList());
        lock (_gate)
        {
            _crashes.Add(crash);
        }

        SignalChanged();
        HostCrashed?.Invoke(crash);
    }

    /// <summary>Runs a change after the ones before it; failures are logged, never lost.</summary>
    private void Background(Func<CancellationToken, Task> change)
    {
        var token = _lifetime.Token;
        var task = Task.Run(async () =>
        {
            await _serial.WaitAsync(CancellationToken.None).ConfigureAwait(false);
            try
            {
                if (!token.IsCancellationRequested)
                {
                    await change(token).ConfigureAwait(false);
                }
            }
            catch (Exception e) when (e is HilException or OperationCanceledException or IOException)
            {
                Log($"background: {e.Message}");
            }
            finally
            {
                _serial.Release();
            }
        }, CancellationToken.None);
        lock (_gate)
        {
            _background.Add(task);
        }

        task.ContinueWith(t => Locked(() => _background.Remove(t)), TaskScheduler.Default);
    }

    private void Remember(IReadOnlyList<(SimSlot Slot, HilException Error)> failures)
    {
        if (failures.Count > 0)
        {
            lock (_gate)
            {
                _lastProblem = $"{failures[^1].Slot.Key}: {failures[^1].Error.Message}";
            }
        }
    }
}
