namespace Hil.UserClients.Sim;

/// <summary>
/// Completion handlers by reference. Registration (rare) copies the array under a lock;
/// dispatch (per async frame) reads it without one and allocates nothing.
/// </summary>
internal sealed class CompletionTable
{
    private readonly Lock gate = new();
    private Entry[] entries = [];

    public void Set(uint reference, AsyncCompletionHandler handler)
    {
        lock (gate)
        {
            var current = entries;
            var index = IndexOf(current, reference);
            var next = index >= 0 ? (Entry[])current.Clone() : [.. current, default];
            next[index >= 0 ? index : current.Length] = new Entry(reference, handler);
            Volatile.Write(ref entries, next);
        }
    }

    public void Remove(uint reference)
    {
        lock (gate)
        {
            Volatile.Write(ref entries, Array.FindAll(entries, e => e.Reference != reference));
        }
    }

    public AsyncCompletionHandler? Find(uint reference)
    {
        var current = Volatile.Read(ref entries);
        var index = IndexOf(current, reference);
        return index >= 0 ? current[index].Handler : null;
    }

    private static int IndexOf(Entry[] current, uint reference)
    {
        for (var i = 0; i < current.Length; i++)
        {
            if (current[i].Reference == reference)
            {
                return i;
            }
        }

        return -1;
    }

    private readonly record struct Entry(uint Reference, AsyncCompletionHandler Handler);
}
