using Hil.Session.Locking;

namespace Hil.Cli.Tests;

/// <summary>
/// What a run leaves outside its folders is named after a pid: shared-memory objects
/// (<c>/dev/shm/hil-PID-*</c>) and the sim's socket and log folders (<c>TMP/hil-sim-PID-*</c>,
/// <c>TMP/hil-sim-logs-PID-*</c>). Pids wrap (pid_max is 32,768 on this host) and a crash test keeps
/// its sim logs in the temp folder by design, so only what was written since the run began is the
/// run's: CI once blamed a run for yesterday's <c>hil-sim-logs-16549-1</c> after the kernel gave one
/// of its processes pid 16549.
/// </summary>
internal static class PidNamedObjects
{
    /// <summary>File times and the clock may disagree by a tick of the file system's granularity.</summary>
    private static readonly TimeSpan Slack = TimeSpan.FromSeconds(2);

    /// <summary>A moment to pass as <c>since</c>, taken just before the run starts.</summary>
    public static DateTime Now() => TimeProvider.System.GetUtcNow().UtcDateTime - Slack;

    /// <summary>Objects named after any of <paramref name="pids"/> (as the harness names them, <see cref="Leftovers"/>) and written since <paramref name="since"/>.</summary>
    public static IReadOnlyList<string> Of(IEnumerable<int> pids, DateTime since) =>
        [.. pids.SelectMany(pid => Leftovers.SharedMemoryOf(pid).Concat(Leftovers.SimFoldersOf(pid)))
            .Where(path => File.GetLastWriteTimeUtc(path) >= since)];
}
