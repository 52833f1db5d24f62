using System.Collections.Concurrent;

namespace Hil.Sim;

/// <summary>
/// Every sim host this .NET process started, by pid, so that none outlives the test run:
/// the kernel stops them on deactivate and dispose; this catches the paths where that code
/// never runs (an unhandled exception, the runner exiting). A SIGKILL of the runner itself
/// cannot be caught; the hosts then live on until their next signal (see README).
/// </summary>
internal static class SimProcessTracker
{
    private static readonly ConcurrentDictionary<int, byte> Pids = new();

    static SimProcessTracker()
    {
        AppDomain.CurrentDomain.ProcessExit += (_, _) => KillAll();
        AppDomain.CurrentDomain.UnhandledException += (_, _) => KillAll();
    }

    public static IReadOnlyCollection<int> Running => Pids.Keys.ToList();

    public static void Started(int pid) => Pids[pid] = 0;

    public static void Reaped(int pid) => Pids.TryRemove(pid, out _);

    private static void KillAll()
    {
        foreach (var pid in Pids.Keys)
        {
            ProcessSignals.Send(pid, ProcessSignals.SigKill);
        }
    }
}
