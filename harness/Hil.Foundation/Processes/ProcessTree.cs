namespace Hil.Foundation.Processes;

/// <summary>
/// The processes below one pid (Linux /proc; elsewhere none are found and callers fall back to the
/// child alone). A signal meant for a run goes to its whole tree so a grandchild such as the .NET
/// test host hears it directly, not only when its own parent chooses to pass it on.
/// </summary>
public static class ProcessTree
{
    /// <summary>Every live descendant of <paramref name="root"/>, parents before their children.</summary>
    public static IReadOnlyList<int> Descendants(int root)
    {
        if (!OperatingSystem.IsLinux())
        {
            return [];
        }

        var children = new Dictionary<int, List<int>>();
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (int.TryParse(Path.GetFileName(dir), System.Globalization.CultureInfo.InvariantCulture, out var pid)
                && ProcessIdentity.ParentOf(pid) is { } parent)
            {
                (children.TryGetValue(parent, out var list) ? list : children[parent] = []).Add(pid);
            }
        }

        var found = new List<int>();
        var queue = new Queue<int>([root]);
        while (queue.TryDequeue(out var next))
        {
            foreach (var child in children.GetValueOrDefault(next) ?? [])
            {
                found.Add(child);
                queue.Enqueue(child);
            }
        }

        return found;
    }

    /// <summary>Sends <paramref name="signal"/> to <paramref name="root"/> and everything below it; returns how many took it.</summary>
    public static int Signal(int root, int signal)
    {
        var targets = new List<int> { root };
        targets.AddRange(Descendants(root));
        return targets.Count(pid => ProcessSignals.Send(pid, signal));
    }
}
