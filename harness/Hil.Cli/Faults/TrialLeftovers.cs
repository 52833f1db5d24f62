using Hil.Foundation;
using Hil.Foundation.Processes;
using Hil.Session;
using Hil.Session.Locking;
using Hil.Sim;

namespace Hil.Cli.Faults;

/// <summary>
/// What one trial left that outlives it: processes it started (the registry of started processes,
/// this process's children, the sim hosts by pid) and, by the pids in their names, shared-memory
/// objects and sim folders (<see cref="Leftovers"/>). Things that were there before the trial are
/// not its doing and are not counted.
/// </summary>
internal sealed class TrialLeftovers
{
    /// <summary>A process killed during the shutdown may take a moment to be reaped; one still running after this is an orphan.</summary>
    private static readonly TimeSpan Settle = TimeSpan.FromSeconds(10);

    private readonly HashSet<(int, long)> _before;
    private readonly HashSet<string> _pathsBefore;
    private RigSession? _session;

    private TrialLeftovers()
    {
        _before = [.. Running().Select(p => (p.Pid, p.Start))];
        _pathsBefore = [.. Paths([])];
    }

    public static TrialLeftovers Start() => new();

    /// <summary>The session whose sim hosts are watched, once it is open.</summary>
    public void Track(RigSession session) => _session = session;

    public async Task<(IReadOnlyList<string> Orphans, IReadOnlyList<string> Leaks)> AfterAsync(TimeProvider time, CancellationToken cancellationToken)
    {
        var hosts = HostPids();
        var orphans = await Task.Run(async () =>
        {
            var deadline = time.GetTimestamp() + (long)(Settle.TotalSeconds * time.TimestampFrequency);
            while (true)
            {
                var left = Running().Concat(hosts.Select(pid => ProcessIdentity.StartOf(pid) is { } start ? new StartedProcess(pid, start, "hil-simhost") : null).OfType<StartedProcess>())
                    .Where(p => !_before.Contains((p.Pid, p.Start))).DistinctBy(p => p.Pid).ToList();
                if (left.Count == 0 || time.GetTimestamp() > deadline)
                {
                    return left.Select(p => p.ToString()).ToList();
                }

                await Task.Delay(TimeSpan.FromMilliseconds(100), time, cancellationToken).ConfigureAwait(false);
            }
        }, cancellationToken).ConfigureAwait(false);
        var leaks = Paths(hosts).Where(p => !_pathsBefore.Contains(p)).Order(StringComparer.Ordinal).ToList();
        return (orphans, leaks);
    }

    private IReadOnlyList<int> HostPids()
    {
        try
        {
            return _session?.Dext is SimKernel kernel ? [.. kernel.HostLogs.Select(l => l.ProcessId).Distinct()] : [];
        }
        catch (InputException)
        {
            return []; // a session without a dext runs no hosts
        }
    }

    /// <summary>Processes registered as started and live children of this process, with their start times.</summary>
    private static IEnumerable<StartedProcess> Running() =>
        StartedProcesses.Snapshot().Where(p => ProcessIdentity.IsSame(p.Pid, p.Start))
            .Concat(ProcessTree.Descendants(Environment.ProcessId)
                .Select(pid => ProcessIdentity.StartOf(pid) is { } start ? new StartedProcess(pid, start, $"pid {pid}") : null)
                .OfType<StartedProcess>());

    private static IEnumerable<string> Paths(IEnumerable<int> hosts) =>
        hosts.Append(Environment.ProcessId).SelectMany(Leftovers.SharedMemoryOf).Concat(Leftovers.SimFoldersOf(Environment.ProcessId));
}
