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
        foreach (var device in _bus.PresentDevices)
        {
            slots.AddRange(personalities.Where(p => p.MatchesDevice(device.Usb))
                .GroupBy(p => p.IOMatchCategory ?? "IODefaultMatchCategory")
                .Select(g => new SimSlot(g.First(), device)));
        }

        return slots;
    }

    private void OnDeviceChanged(DeviceSpec device, Hil.Devices.DeviceEvent e) =>
        Background(async ct =>
        {
            if (_state == DextState.Activated && _placement is { } placement)
            {
                Remember(await placement.ReconcileAsync(DesiredSlots(), ct).ConfigureAwait(false));
            }
        });

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
