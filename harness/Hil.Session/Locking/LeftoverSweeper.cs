using Hil.Foundation.Processes;

namespace Hil.Session.Locking;

/// <summary>
/// What a dead lock holder left on this host, found and removed by the run that takes its lock over:
/// the processes it recorded (only while each pid still has the recorded start time), the shared-memory
/// objects those processes named after their pids and the sim's socket and log folders named after
/// the holder's pid (<see cref="Leftovers"/>).
/// </summary>
internal static class LeftoverSweeper
{
    /// <summary>Removes it all and returns one line per thing removed, for the take-over's log.</summary>
    public static IReadOnlyList<string> Sweep(LockHolder holder, string childrenPath)
    {
        var removed = new List<string>();
        var recorded = StartedProcesses.Read(childrenPath);
        var killed = StartedProcesses.KillAll(recorded);
        removed.AddRange(killed.Select(p => $"killed {p}"));

        // Names carry pids, and a pid may have been reused by a live process since: its objects are its own.
        var gone = recorded.Select(p => p.Pid).Append(holder.ProcessId).Distinct()
            .Where(pid => killed.Any(k => k.Pid == pid) || ProcessIdentity.StartOf(pid) is null).ToList();
        foreach (var pid in gone)
        {
            removed.AddRange(Delete(Leftovers.SharedMemoryOf(pid)));
        }

        if (gone.Contains(holder.ProcessId))
        {
            removed.AddRange(Delete(Leftovers.SimFoldersOf(holder.ProcessId)));
        }

        if (File.Exists(childrenPath))
        {
            File.Delete(childrenPath);
        }

        return removed;
    }

    private static IEnumerable<string> Delete(IEnumerable<string> paths)
    {
        foreach (var path in paths.ToList())
        {
            if (TryDelete(path))
            {
                yield return $"removed {path}";
            }
        }
    }

    private static bool TryDelete(string path)
    {
        try
        {
            // A link is removed itself, never followed into what it points at.
            var info = new FileInfo(path);
            if (info.Attributes.HasFlag(FileAttributes.Directory) && info.LinkTarget is null)
            {
                Directory.Delete(path, recursive: true);
            }
            else
            {
                File.Delete(path);
            }

            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }
}
