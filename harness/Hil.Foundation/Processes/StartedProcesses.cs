using System.Globalization;
using System.Text;

namespace Hil.Foundation.Processes;

/// <summary>One process the harness started: its pid, its start time (so the pid cannot be mistaken later) and what it is.</summary>
public sealed record StartedProcess(int Pid, long Start, string Kind)
{
    public override string ToString() => $"{Kind} (pid {Pid})";

    internal string Format() => string.Create(CultureInfo.InvariantCulture, $"{Pid} {Start} {Kind}");

    internal static StartedProcess? TryParse(string line)
    {
        var parts = line.Split(' ', 3, StringSplitOptions.TrimEntries);
        return parts.Length == 3 && int.TryParse(parts[0], CultureInfo.InvariantCulture, out var pid)
            && long.TryParse(parts[1], CultureInfo.InvariantCulture, out var start)
            ? new StartedProcess(pid, start, parts[2])
            : null;
    }
}

/// <summary>
/// The one registry of the processes this .NET process started (test host, sim hosts, hil-floor, builds).
/// While a rig lock is held the list is also kept in a file beside the lock's holder record, so a run
/// that takes over a stale lock can stop what its dead holder left, by pid and start time.
/// </summary>
public static class StartedProcesses
{
    private static readonly Lock Gate = new();
    private static readonly Dictionary<int, StartedProcess> Live = [];
    private static readonly List<string> Files = [];

    /// <summary>Records <paramref name="pid"/>; null when it already ended (nothing to track).</summary>
    public static StartedProcess? Add(int pid, string kind)
    {
        if (ProcessIdentity.StartOf(pid) is not { } start)
        {
            return null;
        }

        var entry = new StartedProcess(pid, start, kind);
        lock (Gate)
        {
            Live[pid] = entry;
            PersistLocked();
        }

        return entry;
    }

    public static void Remove(int pid)
    {
        lock (Gate)
        {
            if (Live.Remove(pid))
            {
                PersistLocked();
            }
        }
    }

    public static IReadOnlyList<StartedProcess> Snapshot()
    {
        lock (Gate)
        {
            return [.. Live.Values];
        }
    }

    /// <summary>
    /// Keeps the list in <paramref name="path"/> (written at once and on every change) until the returned
    /// handle is disposed, which deletes the file. A process holding two rigs keeps the list in both.
    /// </summary>
    public static IDisposable KeepIn(string path)
    {
        lock (Gate)
        {
            Files.Add(path);
            PersistLocked();
        }

        return new Kept(path);
    }

    /// <summary>The list a (possibly dead) process kept in <paramref name="path"/>; empty when there is none.</summary>
    public static IReadOnlyList<StartedProcess> Read(string path)
    {
        try
        {
            return File.Exists(path)
                ? [.. File.ReadAllLines(path).Select(StartedProcess.TryParse).OfType<StartedProcess>()]
                : [];
        }
        catch (IOException)
        {
            return [];
        }
    }

    /// <summary>SIGKILLs every recorded process that still is the one we started, and its descendants; returns them.</summary>
    public static IReadOnlyList<StartedProcess> KillAll(IEnumerable<StartedProcess> processes)
    {
        ArgumentNullException.ThrowIfNull(processes);
        var killed = new List<StartedProcess>();
        foreach (var process in processes.Where(p => ProcessIdentity.IsSame(p.Pid, p.Start)))
        {
            ProcessTree.Signal(process.Pid, ProcessSignals.SigKill);
            killed.Add(process);
        }

        return killed;
    }

    private static void PersistLocked()
    {
        var text = new StringBuilder();
        foreach (var entry in Live.Values)
        {
            text.Append(entry.Format()).Append('\n');
        }

        foreach (var file in Files)
        {
            AtomicFile.WriteAllText(file, text.ToString());
        }
    }

    private sealed class Kept(string path) : IDisposable
    {
        private int _disposed;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 1)
            {
                return;
            }

            lock (Gate)
            {
                Files.Remove(path);
                if (!Files.Contains(path) && File.Exists(path))
                {
                    File.Delete(path);
                }
            }
        }
    }
}
