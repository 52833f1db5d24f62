namespace Hil.Session;

/// <summary>How a <see cref="RigSession"/> leases its rig and leaves it. Every default is documented on its property.</summary>
public sealed record RigSessionOptions
{
    /// <summary>
    /// Where lock files live: one <c>RIG.lock</c> per rig name. Default: <c>$HIL_LOCK_DIR</c>, else
    /// <c>$XDG_RUNTIME_DIR/hil-locks</c>, else <c>/tmp/hil-locks</c> (<see cref="DefaultLockDirectory"/>).
    /// </summary>
    public string? LockDirectory { get; init; }

    /// <summary>How long a session waits for another holder to release the rig. Default 30 s.</summary>
    public TimeSpan LockTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>How often a waiting session retries the lock. Default 250 ms.</summary>
    public TimeSpan LockPollInterval { get; init; } = TimeSpan.FromMilliseconds(250);

    /// <summary>How long one channel may take to reach the safe state before it counts as failed. Default 5 s.</summary>
    public TimeSpan SafeStateChannelTimeout { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// How long one part (dext host, switch, device watcher) may take to close. Default 30 s: longer than
    /// a hung driver process takes to be stopped (the sim gives it 5 s after SIGTERM before SIGKILL), so a
    /// hang is reported as the hang, not as a shutdown that timed out and left its processes behind.
    /// </summary>
    public TimeSpan PartStopTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>How long a signal, process-exit or crash handler waits for the shutdown. Default 20 s.</summary>
    public TimeSpan ExitHookTimeout { get; init; } = TimeSpan.FromSeconds(20);

    /// <summary>Put the switches in the safe state when the session opens, so every run starts from it. Default true.</summary>
    public bool ApplySafeStateOnOpen { get; init; } = true;

    /// <summary>Register SIGINT/SIGTERM, process-exit and unhandled-exception handlers. Default true.</summary>
    public bool HookProcessExit { get; init; } = true;

    /// <summary>Which parts to build. Default <see cref="RigParts.All"/> (each only if the rig declares it).</summary>
    public RigParts Parts { get; init; } = RigParts.All;

    /// <summary>Wait and timeout clock; tests pass a FakeTimeProvider. Default <see cref="TimeProvider.System"/>.</summary>
    public TimeProvider Time { get; init; } = TimeProvider.System;

    /// <summary>Where the session reports what it did on its own (lock take-over, exit hooks). Default: standard error.</summary>
    public Action<string> Log { get; init; } = message => Console.Error.WriteLine($"hil: {message}");

    /// <summary>The lock directory when none is given, from the environment as described on <see cref="LockDirectory"/>.</summary>
    public static string DefaultLockDirectory(Func<string, string?> environment)
    {
        ArgumentNullException.ThrowIfNull(environment);
        if (environment("HIL_LOCK_DIR") is { Length: > 0 } explicitDir)
        {
            return explicitDir;
        }

        return environment("XDG_RUNTIME_DIR") is { Length: > 0 } runtime
            ? Path.Combine(runtime, "hil-locks")
            : Path.Combine("/tmp", "hil-locks");
    }

    internal string ResolveLockDirectory() => LockDirectory ?? DefaultLockDirectory(Environment.GetEnvironmentVariable);
}
