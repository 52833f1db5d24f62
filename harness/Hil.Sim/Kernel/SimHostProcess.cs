using System.Diagnostics;
using Hil.Dext;
using Hil.Foundation;

namespace Hil.Sim;

/// <summary>
/// One running hil-simhost: a simulated dext process (PROTOCOL.md §6). Commands go to its
/// stdin, JSON events come from its stdout and are kept (waits name the index they start
/// from, so an event that comes before the wait begins is not lost), stderr goes to
/// <see cref="LogPath"/>. Stopped by pid: SIGTERM, then SIGKILL after a grace period.
/// </summary>
/// <remarks>
/// Not on Foundation's ProcessRunner, which runs a command to its end with its input written
/// once: a sim host lives as long as the dext it stands for, takes commands on stdin while it
/// runs, is watched event by event and must be known by pid before it answers (so a crash or
/// a stop can name and reap it).
/// </remarks>
internal sealed class SimHostProcess
{
    private readonly Process _process;
    private readonly TimeProvider _time;
    private readonly Lock _gate = new();
    private readonly List<SimHostEvent> _events = [];
    private readonly List<(int From, Func<SimHostEvent, bool> Match, TaskCompletionSource<SimHostEvent> Done)> _waiters = [];
    private readonly Task _pumps;
    private int? _exitCode;

    private SimHostProcess(Process process, string serverName, string logPath, TimeProvider time)
    {
        _process = process;
        _time = time;
        Pid = process.Id;
        ServerName = serverName;
        LogPath = logPath;
        StartedNs = SimClock.NowNs(time);
        _pumps = Task.WhenAll(Task.Run(ReadEventsAsync), Task.Run(CopyStderrAsync));
    }

    /// <summary>Raised once, on a thread-pool thread, when the OS process has exited.</summary>
    public event Action<SimHostProcess>? Exited;

    public int Pid { get; }

    public string ServerName { get; }

    public string LogPath { get; }

    public long StartedNs { get; }

    /// <summary>Set before the kernel stops the process on purpose; an exit without it is a crash.</summary>
    public bool Stopping { get; private set; }

    public bool HasExited => _exitCode is not null || _process.HasExited;

    public int? ExitCode => _exitCode ?? (_process.HasExited ? _process.ExitCode : null);

    public int EventCount
    {
        get
        {
            lock (_gate)
            {
                return _events.Count;
            }
        }
    }

    public string Describe => $"hil-simhost (server {ServerName}, pid {Pid}, log {LogPath})";

    public static SimHostProcess Start(
        string binary, string serverName, string token, string dir, IReadOnlyList<(DriverRole Role, string Instance, string? UserClass)> drivers,
        string logDirectory, TimeProvider time)
    {
        var info = new ProcessStartInfo(binary)
        {
            RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
        };
        // The token goes in the environment (readable by this user only), never in argv where ps shows it;
        // --exit-with-stdin makes the stdin pipe a lifeline: the host stops when this process dies.
        info.Environment["HIL_ENTITLEMENT"] = token;
        foreach (var arg in new[] { "--server-name", serverName, "--dir", dir, "--exit-with-stdin" })
        {
            info.ArgumentList.Add(arg);
        }

        // The IOUserClass picks which dext's drivers the host creates; none is the probe (and what a host built before classes understands).
        foreach (var (role, instance, userClass) in drivers)
        {
            info.ArgumentList.Add("--driver");
            info.ArgumentList.Add(userClass is null ? $"{RoleName(role)}:{instance}" : $"{RoleName(role)}:{instance}:{userClass}");
        }

        var process = new Process { StartInfo = info, EnableRaisingEvents = true };
        try
        {
            process.Start();
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            process.Dispose();
            throw new InfrastructureException($"cannot start {binary}: {e.Message}", e);
        }

        SimProcessTracker.Started(process.Id);
        Directory.CreateDirectory(logDirectory);
        var log = Path.Combine(logDirectory, $"simhost-{process.Id}.log");
        File.WriteAllText(log, $"# {binary} {string.Join(' ', info.ArgumentList)}\n");
        var host = new SimHostProcess(process, serverName, log, time);
        process.Exited += (_, _) => host.OnExited();
        if (process.HasExited)
        {
            host.OnExited();
        }

        return host;
    }

    public static string RoleName(DriverRole role) => role == DriverRole.Driver1 ? "driver1" : "driver2";

    /// <summary>The class the host is told to create: a team's dext is hosted by its IOUserClass; the probe by its role alone.</summary>
    public static string? HostedClass(DextPersonality personality) => personality.RoleNamedByRig ? personality.IOUserClass : null;

    /// <summary>
    /// The first event from index <paramref name="from"/> on that <paramref name="wanted"/> accepts.
    /// An "error" event or the end of the process fails the wait at once, naming this host.
    /// </summary>
    public async Task<SimHostEvent> WaitForAsync(
        int from, Func<SimHostEvent, bool> wanted, string waitedFor, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var done = new TaskCompletionSource<SimHostEvent>(TaskCreationOptions.RunContinuationsAsynchronously);
        bool Match(SimHostEvent e) => wanted(e) || e.Event == "error" || e.IsTerminal;
        lock (_gate)
        {
            var seen = _events.Skip(from).FirstOrDefault(Match);
            if (seen is null)
            {
                _waiters.Add((from, Match, done));
            }
            else
            {
                done.SetResult(seen);
            }
        }

        var what = $"{waitedFor} from {Describe}";
        var e = await done.Task.WithTimeout(timeout, what, FaultKind.InfrastructureFault, _time, cancellationToken)
            .ConfigureAwait(false);
        if (wanted(e))
        {
            return e;
        }

        if (e.Event == "error")
        {
            throw new InfrastructureException($"{Describe} answered {e.Raw} while we waited for {waitedFor}");
        }

        throw new ProductDefectException(
            $"{Describe} ended ({e.Reason ?? e.Event}, exit code {await ExitCodeSoonAsync().ConfigureAwait(false)}) while we waited for {waitedFor}");
    }

    /// <summary>Stdout closes a moment before the process is reaped; the exit code is worth that moment.</summary>
    private async Task<string> ExitCodeSoonAsync()
    {
        try
        {
            await _process.WaitForExitAsync().WithTimeout(TimeSpan.FromSeconds(1), $"{Describe} to be reaped",
                FaultKind.InfrastructureFault, _time, CancellationToken.None).ConfigureAwait(false);
            return _process.ExitCode.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }
        catch (WaitTimeoutException)
        {
            return "unknown: still running after closing stdout";
        }
    }

    public async Task SendAsync(string command, CancellationToken cancellationToken)
    {
        try
        {
            await _process.StandardInput.WriteLineAsync(command.AsMemory(), cancellationToken).ConfigureAwait(false);
            await _process.StandardInput.FlushAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (IOException e)
        {
            throw new ProductDefectException($"{Describe} does not take commands any more ('{command}'): {e.Message}", e);
        }
    }

    /// <summary>The dext-crash fault: SIGKILL, with nothing marking it as expected.</summary>
    public void Kill() => ProcessSignals.Send(Pid, ProcessSignals.SigKill);

    /// <summary>SIGTERM, then SIGKILL after <paramref name="grace"/>; returns once the process is reaped and its output read.</summary>
    public async Task StopAsync(TimeSpan grace, CancellationToken cancellationToken)
    {
        Stopping = true;
        if (!HasExited)
        {
            ProcessSignals.Send(Pid, ProcessSignals.SigTerm);
            try
            {
                await _process.WaitForExitAsync(cancellationToken).WithTimeout(
                    grace, $"{Describe} to exit after SIGTERM", FaultKind.InfrastructureFault, _time, cancellationToken)
                    .ConfigureAwait(false);
            }
            catch (WaitTimeoutException)
            {
                ProcessSignals.Send(Pid, ProcessSignals.SigKill);
            }
        }

        await WaitExitedAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Reaps the process and drains its output; after a SIGKILL this returns promptly.</summary>
    public async Task WaitExitedAsync(CancellationToken cancellationToken)
    {
        if (_exitCode is not null)
        {
            return;
        }

        await _process.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
        await _pumps.WaitAsync(cancellationToken).ConfigureAwait(false);
        SimProcessTracker.Reaped(Pid);
        lock (_gate)
        {
            if (_exitCode is null)
            {
                // Reaped and drained: keep the exit code, release the OS handles.
                _exitCode = _process.ExitCode;
                _process.Dispose();
            }
        }
    }

    public void MarkStopping() => Stopping = true;

    private void OnExited() => Exited?.Invoke(this);

    private async Task ReadEventsAsync()
    {
        while (await _process.StandardOutput.ReadLineAsync().ConfigureAwait(false) is { } line)
        {
            if (SimHostEvent.Parse(line) is { } e)
            {
                Record(e);
            }
        }

        Record(SimHostEvent.EndOfOutput());
    }

    private async Task CopyStderrAsync()
    {
        var log = new FileStream(LogPath, FileMode.Append, FileAccess.Write, FileShare.ReadWrite, bufferSize: 0);
        await using (log.ConfigureAwait(false))
        {
            await _process.StandardError.BaseStream.CopyToAsync(log).ConfigureAwait(false);
        }
    }

    private void Record(SimHostEvent e)
    {
        List<TaskCompletionSource<SimHostEvent>> woken;
        lock (_gate)
        {
            _events.Add(e);
            var index = _events.Count - 1;
            var matched = _waiters.Where(w => index >= w.From && w.Match(e)).ToList();
            _waiters.RemoveAll(matched.Contains);
            woken = matched.Select(w => w.Done).ToList();
        }

        foreach (var done in woken)
        {
            done.TrySetResult(e);
        }
    }
}
