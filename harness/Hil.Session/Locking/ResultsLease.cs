using Hil.Foundation;

namespace Hil.Session.Locking;

/// <summary>
/// One run at a time per results folder: <c>DIR/.hil-run.lock</c> (opened without following links,
/// flock'd) and its record <c>DIR/.hil-run.holder</c>. A run clears the folder only while it holds
/// this, so a second run into the same folder can neither wipe the first one's results nor print
/// them as its own; it is refused at once, naming the owner.
/// </summary>
public sealed class ResultsLease : IDisposable
{
    private const string LockName = ".hil-run.lock";
    private const string HolderName = ".hil-run.holder";
    private readonly FileStream _stream;
    private readonly string _holderPath;

    private ResultsLease(FileStream stream, string holderPath)
    {
        _stream = stream;
        _holderPath = holderPath;
    }

    /// <summary>Takes <paramref name="resultsRoot"/> for a run on <paramref name="rig"/>.</summary>
    /// <exception cref="RigFaultException">Another live run owns the folder; the message names its pid, rig and start.</exception>
    public static ResultsLease Acquire(string resultsRoot, string rig, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(time);
        Directory.CreateDirectory(resultsRoot);
        var holderPath = Path.Combine(resultsRoot, HolderName);
        FileStream? stream;
        try
        {
            stream = PrivateFiles.TryOpenLocked(Path.Combine(resultsRoot, LockName));
        }
        catch (IOException e)
        {
            throw new InputException($"results folder {resultsRoot}: {e.Message}", e);
        }

        if (stream is null)
        {
            var owner = File.Exists(holderPath) ? LockHolder.TryParse(File.ReadAllText(holderPath)) : null;
            var who = owner is null ? "another run (no record yet)" : $"the run of {owner} on rig '{owner.Rig}'";
            throw new RigFaultException(
                $"results folder {resultsRoot} is in use by {who}; wait for it to end or give this run another --results folder");
        }

        var now = DateTimeOffset.FromUnixTimeMilliseconds(time.GetUtcNow().ToUnixTimeMilliseconds());
        AtomicFile.WriteAllText(holderPath, new LockHolder(Environment.ProcessId, Environment.MachineName, now, rig).Format());
        return new ResultsLease(stream, holderPath);
    }

    public void Dispose()
    {
        if (File.Exists(_holderPath))
        {
            File.Delete(_holderPath);
        }

        _stream.Dispose();
    }
}
