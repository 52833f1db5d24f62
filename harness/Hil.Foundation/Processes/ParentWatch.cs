using System.Globalization;
using System.Runtime.InteropServices;

namespace Hil.Foundation.Processes;

/// <summary>
/// Children die with a dead parent. <see cref="ProcessRunner"/> names itself to every child in
/// <see cref="Variable"/> (pid and start time); a harness process that finds it there watches that
/// process and, when it is gone, stops as on SIGTERM. A watch on the pid was chosen over
/// PR_SET_PDEATHSIG, which fires when the parent's forking thread ends (a .NET pool thread may end any
/// time) and exists on Linux only, and over SIGKILL, which would leave no interrupted result and no
/// safe state. Native children (hil-simhost) watch their stdin pipe instead.
/// </summary>
public static class ParentWatch
{
    public const string Variable = "HIL_PARENT";

    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(500);
    private static int s_started;

    /// <summary>The value a child gets: this process's pid and start time.</summary>
    public static string ForChildren() =>
        string.Create(CultureInfo.InvariantCulture, $"{Environment.ProcessId}:{ProcessIdentity.StartOf(Environment.ProcessId) ?? 0}");

    /// <summary>Starts the watch once per process if the environment names a parent; otherwise does nothing.</summary>
    public static void StartFromEnvironment()
    {
        var value = Environment.GetEnvironmentVariable(Variable);
        var parts = value?.Split(':');
        if (parts is not { Length: 2 } || !int.TryParse(parts[0], CultureInfo.InvariantCulture, out var pid)
            || !long.TryParse(parts[1], CultureInfo.InvariantCulture, out var start) || pid == Environment.ProcessId
            || Interlocked.Exchange(ref s_started, 1) == 1)
        {
            return;
        }

        var thread = new Thread(() => Watch(pid, start)) { IsBackground = true, Name = "hil parent watch" };
        thread.Start();
    }

    private static void Watch(int pid, long start)
    {
        using var tick = new PeriodicTimer(Interval);
        while (tick.WaitForNextTickAsync().AsTask().GetAwaiter().GetResult())
        {
            if (!ProcessIdentity.IsSame(pid, start))
            {
                Console.Error.WriteLine($"hil: the process that started this one (pid {pid}) is gone: stopping as on SIGTERM");
                if (!TerminationSignals.Raise(PosixSignal.SIGTERM))
                {
                    Environment.Exit(TerminationSignals.ExitCodeFor(PosixSignal.SIGTERM));
                }

                return;
            }
        }
    }
}
