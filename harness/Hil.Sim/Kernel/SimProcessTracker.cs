using System.Collections.Concurrent;
using Hil.Foundation.Processes;

namespace Hil.Sim;

/// <summary>
/// Every sim host this .NET process started, by pid, so that none outlives the test run:
/// the kernel stops them on deactivate and dispose; this catches the paths where that code
/// never runs (an unhandled exception, the runner exiting). A SIGKILL of the runner itself
/// cannot be caught: the hosts then see their stdin lifeline close and stop, and the harness-wide
/// registry (<see cref="StartedProcesses"/>) lets the next run on the rig stop any that did not.
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

    public static void Started(int pid)
    {
        Pids[pid] = 0;
        StartedProcesses.Add(pid, "hil-simhost");
    }

    public static void Reaped(int pid)
    {
        Pids.TryRemove(pid, out _);
        StartedProcesses.Remove(pid);
    }

    private static void KillAll()
    {
        foreach (var pid in Pids.Keys)
        {
            ProcessSignals.Send(pid, ProcessSignals.SigKill);
        }
    }
}
