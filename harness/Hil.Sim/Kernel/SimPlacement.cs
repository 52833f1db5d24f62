using System.Collections.Immutable;
using Hil.Dext;
using Hil.Foundation;

namespace Hil.Sim;

/// <summary>
/// The sim kernel's process table: which driver instance runs in which sim host. Makes the
/// running instances match a desired set of slots, deciding join-or-launch for each new one
/// with <see cref="ProcessLayoutRule"/>. Not thread-safe for changes: the kernel serialises
/// them; <see cref="Snapshot"/> may be read from any thread.
/// </summary>
internal sealed class SimPlacement(SimPlacement.Settings settings, Action<string> log, Action changed, Action<SimHostProcess> exited)
{
    private readonly List<SimHostProcess> _hosts = [];
    private readonly List<SimInstance> _instances = [];
    private readonly List<SimHostLog> _logs = [];
    private volatile IReadOnlyList<DriverInstance> _snapshot = [];
    private volatile IReadOnlyList<SimInstance> _placed = [];
    private int _nextId;

    public IReadOnlyList<DriverInstance> Snapshot => _snapshot;

    /// <summary>The instances with their slots, as of the last change; may be read from any thread.</summary>
    public IReadOnlyList<SimInstance> Placed => _placed;

    public IReadOnlyList<int> Pids => _hosts.Select(h => h.Pid).ToList();

    public IReadOnlyList<SimHostLog> Logs
    {
        get
        {
            lock (_logs)
            {
                return _logs.ToList();
            }
        }
    }

    public SimHostProcess? FindHost(int pid) => _hosts.FirstOrDefault(h => h.Pid == pid);

    /// <summary>Removes instances whose slot is no longer wanted, places wanted slots that have none; returns the failures.</summary>
    public async Task<IReadOnlyList<(SimSlot Slot, HilException Error)>> ReconcileAsync(
        IReadOnlyList<SimSlot> desired, CancellationToken cancellationToken)
    {
        var failures = new List<(SimSlot, HilException)>();
        var wanted = desired.Select(s => s.Key).ToHashSet(StringComparer.Ordinal);
        foreach (var extra in _instances.Where(i => !wanted.Contains(i.Slot.Key)).ToList())
        {
            await Attempt(extra.Slot, () => RemoveAsync(extra, cancellationToken)).ConfigureAwait(false);
        }

        foreach (var slot in desired.Where(s => _instances.All(i => i.Slot.Key != s.Key)))
        {
            await Attempt(slot, () => PlaceAsync(slot, cancellationToken)).ConfigureAwait(false);
        }

        return failures;

        async Task Attempt(SimSlot slot, Func<Task> step)
        {
            try
            {
                await step().ConfigureAwait(false);
            }
            catch (HilException e)
            {
                log($"{slot.Key}: {e.Message}");
                failures.Add((slot, e));
            }
        }
    }

    /// <summary>A host that died: drop it and its instances (they are matched again by the next reconcile).</summary>
    public IReadOnlyList<DriverInstance> Forget(SimHostProcess host)
    {
        var lost = _instances.Where(i => i.Host == host).ToList();
        _instances.RemoveAll(lost.Contains);
        _hosts.Remove(host);
        SweepSharedMemory(host.Pid);
        Publish();
        return lost.Select(i => i.ToDriverInstance()).ToList();
    }

    public async Task StopAllAsync(CancellationToken cancellationToken)
    {
        foreach (var host in _hosts.ToList())
        {
            await StopAsync(host, cancellationToken).ConfigureAwait(false);
        }

        _instances.Clear();
        Publish();
    }

    private async Task PlaceAsync(SimSlot slot, CancellationToken cancellationToken)
    {
        var p = slot.Personality;
        // Like the registry lookup in xnu, the first (oldest) live server with the name is the one joined.
        var server = _hosts.FirstOrDefault(h => h.ServerName == p.IOUserServerName && !h.Stopping && !h.HasExited);
        var decision = ProcessLayoutRule.Decide(p, settings.BundleId, server is not null, launchInProgress: false);
        if (decision.KernelLog is not null)
        {
            log(decision.KernelLog);
        }

        var id = $"{(p.Role == DriverRole.Driver1 ? "d1" : "d2")}-{Interlocked.Increment(ref _nextId)}";
        var instance = decision.Layout == ProcessLayout.JoinExisting
            ? await JoinAsync(server!, slot, id, cancellationToken).ConfigureAwait(false)
            : await LaunchAsync(slot, id, cancellationToken).ConfigureAwait(false);
        _instances.Add(instance);
        log($"{slot.Key}: {id} in pid {instance.Host.Pid} ({decision.Reason})");
        Publish();
    }

    private async Task<SimInstance> LaunchAsync(SimSlot slot, string id, CancellationToken cancellationToken)
    {
        var p = slot.Personality;
        var host = SimHostProcess.Start(
            settings.Binary, p.IOUserServerName, settings.Token, settings.SocketDirectory, [(p.Role, id, SimHostProcess.HostedClass(p))], settings.LogDirectory,
            settings.Time);
        lock (_logs)
        {
            _logs.Add(new SimHostLog(host.Pid, host.ServerName, host.LogPath));
        }

        host.Exited += exited;
        _hosts.Add(host);
        try
        {
            var ready = await host.WaitForAsync(0, e => e.Event == "ready", $"the ready line hosting {id} for {slot.Key}",
                settings.Timeout, cancellationToken).ConfigureAwait(false);
            return new SimInstance(slot, id, host, EndpointOf(ready.Instances, id, host));
        }
        catch (HilException)
        {
            await StopAsync(host, cancellationToken).ConfigureAwait(false);
            throw;
        }
    }

    private async Task<SimInstance> JoinAsync(SimHostProcess host, SimSlot slot, string id, CancellationToken cancellationToken)
    {
        var from = host.EventCount;
        await host.SendAsync($"add {SimHostProcess.RoleName(slot.Personality.Role)} {id} {SimHostProcess.HostedClass(slot.Personality)}".TrimEnd(), cancellationToken).ConfigureAwait(false);
        var added = await host.WaitForAsync(from, e => e.Event == "added" && e.Instance == id,
            $"the added event for {id} ({slot.Key})", settings.Timeout, cancellationToken).ConfigureAwait(false);
        return new SimInstance(slot, id, host, EndpointOf([added], id, host));
    }

    /// <summary>The registry drops the instance only once it is gone from its process, as a terminated service leaves ioreg.</summary>
    private async Task RemoveAsync(SimInstance instance, CancellationToken cancellationToken)
    {
        var host = instance.Host;
        if (_instances.Any(i => i.Host == host && i != instance))
        {
            var from = host.EventCount;
            await host.SendAsync($"remove {instance.Id}", cancellationToken).ConfigureAwait(false);
            await host.WaitForAsync(from, e => e.Event == "removed" && e.Instance == instance.Id,
                $"the removed event for {instance.Id}", settings.Timeout, cancellationToken).ConfigureAwait(false);
            _instances.Remove(instance);
            Publish();
            return;
        }

        // Its last instance: the process has nothing left to host and exits, as a dext process does.
        await StopAsync(host, cancellationToken).ConfigureAwait(false);
    }

    private async Task StopAsync(SimHostProcess host, CancellationToken cancellationToken)
    {
        host.MarkStopping();
        _hosts.Remove(host);
        try
        {
            await host.StopAsync(settings.StopGrace, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _instances.RemoveAll(i => i.Host == host);
            SweepSharedMemory(host.Pid);
            Publish();
        }
    }

    private void Publish()
    {
        _snapshot = _instances.Select(i => i.ToDriverInstance()).ToImmutableArray();
        _placed = [.. _instances];
        changed();
    }

    private static string EndpointOf(IReadOnlyList<SimHostEvent> instances, string id, SimHostProcess host) =>
        instances.FirstOrDefault(i => i.Instance == id)?.Endpoint
        ?? throw new InfrastructureException($"{host.Describe} did not report an endpoint for {id}");

    /// <summary>A host killed by SIGKILL cannot unlink its shm objects (PROTOCOL.md §5 names them /hil-PID-…).</summary>
    private static void SweepSharedMemory(int pid)
    {
        const string shm = "/dev/shm";
        if (!Directory.Exists(shm))
        {
            return;
        }

        foreach (var file in Directory.EnumerateFiles(shm, $"hil-{pid}-*"))
        {
            File.Delete(file);
        }
    }

    internal sealed record Settings(
        string Binary, string Token, string BundleId, string SocketDirectory, string LogDirectory, TimeSpan Timeout,
        TimeSpan StopGrace, TimeProvider Time);
}
