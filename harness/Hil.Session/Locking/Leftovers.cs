namespace Hil.Session.Locking;

/// <summary>
/// Where the things a run leaves outside its results are named after a pid: shared-memory objects
/// (<c>/dev/shm/hil-PID-*</c>, named by the process that created them) and the sim's socket and
/// log folders (<c>TMP/hil-sim-PID-*</c>, <c>TMP/hil-sim-logs-PID-*</c>, named by the harness
/// process). The next run's sweep removes them and `hil faults` counts them as leaks.
/// </summary>
public static class Leftovers
{
    private const string ShmFolder = "/dev/shm";

    /// <summary>Shared-memory objects named after <paramref name="pid"/>.</summary>
    public static IEnumerable<string> SharedMemoryOf(int pid) => Matching(ShmFolder, $"hil-{pid}-*");

    /// <summary>Socket and log folders of the sim rigs the harness process <paramref name="pid"/> ran.</summary>
    public static IEnumerable<string> SimFoldersOf(int pid) =>
        Matching(Path.GetTempPath(), $"hil-sim-{pid}-*").Concat(Matching(Path.GetTempPath(), $"hil-sim-logs-{pid}-*"));

    private static IEnumerable<string> Matching(string folder, string pattern) =>
        Directory.Exists(folder) ? Directory.EnumerateFileSystemEntries(folder, pattern) : [];
}
