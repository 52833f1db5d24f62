using Hil.Foundation;
using Hil.Foundation.Processes;
using Hil.Power;
using Hil.Rigs;

namespace Hil.Session;

/// <summary>Building the parts and the one shutdown every exit path shares.</summary>
public sealed partial class RigSession
{
    private async Task BuildAsync(CancellationToken cancellationToken)
    {
        if (_options.HookProcessExit)
        {
            // Hooked before any part exists, so a SIGTERM during start-up still cleans up.
            _hooks = new ExitHooks(ShutdownNow);

            // A session started by a harness process (hil run's test host) ends when that process dies.
            ParentWatch.StartFromEnvironment();
        }

        foreach (var spec in Rig.Power.Values.OrderBy(s => s.Name, StringComparer.Ordinal))
        {
            var power = await _factory.CreatePowerSwitchAsync(Rig, spec, cancellationToken).ConfigureAwait(false);
            lock (_gate)
            {
                _power[spec.Name] = power;
            }
        }

        if ((_options.Parts & RigParts.Devices) != 0 && !Rig.Devices.IsEmpty)
        {
            _devices = await _factory.CreateDeviceWatcherAsync(Rig, cancellationToken).ConfigureAwait(false);
        }

        if ((_options.Parts & RigParts.Dext) != 0 && Rig.Dext is not null)
        {
            _dext = await _factory.CreateDextHostAsync(Rig, cancellationToken).ConfigureAwait(false);
        }

        if (_options.ApplySafeStateOnOpen)
        {
            await RestoreSafeStateAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>The first caller starts the shutdown; every later caller (a hook, a second dispose) joins it.</summary>
    private Task StartShutdown()
    {
        lock (_gate)
        {
            return _shutdown ??= Task.Run(ShutdownAsync);
        }
    }

    private async Task ShutdownOnFailedOpenAsync()
    {
        try
        {
            await DisposeAsync().ConfigureAwait(false);
        }
        catch (AggregateException ex)
        {
            // The open's own exception is what the caller needs; the clean-up's is logged.
            _options.Log($"rig '{Rig.Name}': clean-up after a failed open: {ex.Message}");
        }
    }

    /// <summary>Called from signal, process-exit and crash handlers: blocks (bounded) until the shutdown ends.</summary>
    private void ShutdownNow(string reason)
    {
        var shutdown = StartShutdown();
        if (!shutdown.IsCompleted)
        {
            _options.Log($"{reason}: restoring safe state {SafeStateRestorer.Name(Rig.SafeState)} of rig '{Rig.Name}'");
        }

        try
        {
            shutdown.WaitAsync(_options.ExitHookTimeout, _options.Time).GetAwaiter().GetResult();
        }
        catch (TimeoutException)
        {
            _options.Log($"{reason}: gave up after {RigDuration.Format(_options.ExitHookTimeout)} waiting for rig '{Rig.Name}' to shut down");
        }
        catch (AggregateException ex)
        {
            foreach (var inner in ex.InnerExceptions)
            {
                _options.Log($"{reason}: {inner.Message}");
            }
        }
    }

    /// <summary>
    /// User clients, then the dext host (nothing may talk to a driver while its device loses power),
    /// then the switches to the safe state, then the remaining parts, then the lock.
    /// </summary>
    private async Task ShutdownAsync()
    {
        var failures = new List<RigFaultException>();
        IDisposable[] clients;
        lock (_gate)
        {
            clients = [.. _userClients];
            _userClients.Clear();
        }

        for (var i = clients.Length - 1; i >= 0; i--)
        {
            var client = clients[i];
            Step(failures, $"closing user client {client}", () => client.Dispose());
        }

        await StepAsync(failures, "disposing the dext host", _dext).ConfigureAwait(false);
        failures.AddRange(await SafeStateRestorer.RestoreAsync(Rig, _power, _options, CancellationToken.None).ConfigureAwait(false));
        foreach (var (name, power) in _power.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            await StepAsync(failures, $"closing switch {name}", power).ConfigureAwait(false);
        }

        await StepAsync(failures, "disposing the device watcher", _devices).ConfigureAwait(false);
        await StepAsync(failures, "disposing the rig parts factory", _factory as IAsyncDisposable).ConfigureAwait(false);
        Step(failures, $"releasing the lock {_lock.Path}", _lock.Dispose);
        if (failures.Count > 0)
        {
            throw new AggregateException($"rig '{Rig.Name}' session ended with {failures.Count} failure(s)", failures);
        }
    }

    private void Step(List<RigFaultException> failures, string what, Action action)
    {
        try
        {
            action();
        }
        catch (Exception ex)
        {
            failures.Add(AsRigFault(what, ex));
        }
    }

    private async Task StepAsync(List<RigFaultException> failures, string what, IAsyncDisposable? part)
    {
        if (part is null)
        {
            return;
        }

        try
        {
            await part.DisposeAsync().AsTask()
                .WithTimeout(_options.PartStopTimeout, what, FaultKind.RigFault, _options.Time, CancellationToken.None)
                .ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            failures.Add(AsRigFault(what, ex));
        }
    }

    private RigFaultException AsRigFault(string what, Exception ex) =>
        ex as RigFaultException ?? new RigFaultException($"rig '{Rig.Name}': {what} failed: {ex.Message}", ex);
}
