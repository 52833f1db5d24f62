using Hil.Foundation;
using Hil.Foundation.Processes;
using Hil.Rigs;

namespace Hil.Session.Locking;

/// <summary>
/// The lease on one rig. <c>DIR/RIG.lock</c> is opened without following links and held with an
/// exclusive <c>flock</c> (the one .NET's <see cref="FileShare.None"/> takes): the kernel drops it when
/// the holder dies, however it dies. DIR must be this user's own, mode 0700. The holder also writes
/// its record (pid, host, start) to <c>DIR/RIG.holder</c>, atomically, so a waiting session can name
/// it, and keeps the processes it starts in <c>DIR/RIG.children</c> (pid, start time, kind), so the
/// run that takes over after it died can stop them (<see cref="LeftoverSweeper"/>).
/// </summary>
/// <remarks>
/// The lock file is never deleted: unlinking it while another process waits on the old inode
/// would let two sessions hold "the" lock. A holder record left by a process that is gone (it
/// was SIGKILLed, or the host lost power) is taken over and logged. A record naming a live
/// process while the flock was free means flock is not honoured here (a network filesystem,
/// DOTNET_SYSTEM_IO_DISABLEFILELOCKING): the record then decides, and the rig counts as held.
/// </remarks>
internal sealed class RigLock(FileStream stream, string path, string holderPath, LockHolder holder) : IDisposable
{
    private readonly IDisposable _children = StartedProcesses.KeepIn(ChildrenPath(holderPath));
    private bool _released;

    public string Path { get; } = path;

    public LockHolder Holder { get; } = holder;

    public static async Task<RigLock> AcquireAsync(string rig, RigSessionOptions options, CancellationToken cancellationToken)
    {
        if (rig.Length == 0 || rig.IndexOfAny(['/', '\\']) >= 0 || rig.StartsWith('.'))
        {
            throw new InputException($"rig name '{rig}' cannot name a lock file: use letters, digits, '.', '_' or '-'");
        }

        // A test host that is stopping (a signal, or `dotnet test` ending it) still starts tests while
        // its exit runs: a session opened then would leave sim hosts and socket folders behind it.
        if (TerminationSignals.Stopping)
        {
            throw new OperationCanceledException(
                $"rig '{rig}': not leased, this process is stopping ({(TerminationSignals.Received is { } signal ? signal.ToString() : "exiting")})");
        }

        var dir = options.ResolveLockDirectory();
        PrivateFiles.EnsurePrivateDirectory(dir, options.Log);
        var path = System.IO.Path.Combine(dir, $"{rig}.lock");
        var holderPath = System.IO.Path.Combine(dir, $"{rig}.holder");
        var started = options.Time.GetTimestamp();
        while (true)
        {
            var attempt = TryAcquire(rig, path, holderPath, options);
            if (attempt.Lock is { } acquired)
            {
                return acquired;
            }

            var waited = options.Time.GetElapsedTime(started);
            if (waited >= options.LockTimeout)
            {
                throw new RigFaultException(
                    $"rig '{rig}' is leased by {Describe(attempt)}; timed out after {RigDuration.Format(options.LockTimeout)} "
                    + $"waiting for it to be released (lock file {path})");
            }

            var pause = options.LockPollInterval < options.LockTimeout - waited ? options.LockPollInterval : options.LockTimeout - waited;
            await Task.Delay(pause, options.Time, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Clears the record first, so nobody reads a holder that has already let go, then drops the flock.</summary>
    public void Dispose()
    {
        if (_released)
        {
            return;
        }

        _released = true;
        try
        {
            _children.Dispose();
            if (ReadHolder(holderPath) is { } recorded && recorded.ProcessId == Holder.ProcessId)
            {
                File.Delete(holderPath);
            }

            stream.SetLength(0);
        }
        finally
        {
            stream.Dispose();
        }
    }

    private static Attempt TryAcquire(string rig, string path, string holderPath, RigSessionOptions options)
    {
        FileStream stream;
        try
        {
            if (PrivateFiles.TryOpenLocked(path) is not { } opened)
            {
                return new Attempt(null, ReadHolder(holderPath), "its OS lock is held");
            }

            stream = opened;
        }
        catch (IOException ex)
        {
            throw new InputException($"rig '{rig}': {ex.Message}", ex);
        }

        try
        {
            var previous = ReadHolder(holderPath);
            if (previous is not null && previous.ProcessId != Environment.ProcessId && !TakeOver(rig, previous, holderPath, options))
            {
                stream.Dispose();
                return new Attempt(null, previous, "the holder record names a live process although the OS lock was free");
            }

            // Millisecond precision: what the record can hold, so a re-read record equals this one.
            var now = DateTimeOffset.FromUnixTimeMilliseconds(options.Time.GetUtcNow().ToUnixTimeMilliseconds());
            var me = new LockHolder(Environment.ProcessId, Environment.MachineName, now, rig);
            Write(stream, holderPath, me);
            return new Attempt(new RigLock(stream, path, holderPath, me), me, null);
        }
        catch
        {
            stream.Dispose();
            throw;
        }
    }

    /// <summary>Decides whether a record left beside a free lock is stale, and logs the take-over.</summary>
    private static bool TakeOver(string rig, LockHolder previous, string holderPath, RigSessionOptions options)
    {
        var sameHost = string.Equals(previous.Host, Environment.MachineName, StringComparison.Ordinal);
        if (sameHost && ProcessProbe.IsAlive(previous.ProcessId, previous.Started))
        {
            return false;
        }

        var why = sameHost ? "that process is gone" : "its OS lock was released";
        options.Log($"rig '{rig}': taking over a stale lock from {previous}: {why}");
        if (sameHost)
        {
            var removed = LeftoverSweeper.Sweep(previous, ChildrenPath(holderPath));
            options.Log(removed.Count == 0
                ? $"rig '{rig}': pid {previous.ProcessId} left nothing behind"
                : $"rig '{rig}': removed what pid {previous.ProcessId} left: {string.Join("; ", removed)}");
        }

        return true;
    }

    /// <summary>Beside the holder record: the processes the holder started.</summary>
    private static string ChildrenPath(string holderPath) => System.IO.Path.ChangeExtension(holderPath, ".children");

    private static void Write(FileStream stream, string holderPath, LockHolder me)
    {
        var text = me.Format();
        AtomicFile.WriteAllText(holderPath, text);

        // The same record inside the lock file itself, for a person running `cat` on it.
        stream.SetLength(0);
        stream.Write(System.Text.Encoding.UTF8.GetBytes(text));
        stream.Flush(flushToDisk: false);
    }

    private static LockHolder? ReadHolder(string holderPath)
    {
        try
        {
            return File.Exists(holderPath) ? LockHolder.TryParse(File.ReadAllText(holderPath)) : null;
        }
        catch (IOException)
        {
            return null;
        }
    }

    private static string Describe(Attempt attempt) => attempt.Holder is { } holder
        ? holder.ToString()
        : $"a process that left no holder record ({attempt.Error})";

    private readonly record struct Attempt(RigLock? Lock, LockHolder? Holder, string? Error);
}
