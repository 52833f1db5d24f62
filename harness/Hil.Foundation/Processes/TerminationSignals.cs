using System.Runtime.InteropServices;

namespace Hil.Foundation.Processes;

/// <summary>
/// The one place a harness process hears SIGINT, SIGTERM and SIGHUP, so every part reacts in one order:
/// first what records (the in-flight test written as interrupted), then what cancels (a CLI verb's token),
/// then what tears down (a rig session's exit hooks). Without a cancelling owner the default ending
/// follows (exit 128 + signal). A second signal forces: every started process is killed and the
/// process exits at once with the same code.
/// </summary>
public static class TerminationSignals
{
    private static readonly Lock Gate = new();
    private static readonly List<Subscription> Subscribers = [];
    private static readonly List<PosixSignalRegistration> Registrations = [];
    private static int s_received;

    /// <summary>Who runs first when a signal comes.</summary>
    public enum Stage
    {
        Record = 0,
        Cancel = 1,
        TearDown = 2,
    }

    private static volatile bool s_exiting;

    static TerminationSignals() => AppDomain.CurrentDomain.ProcessExit += (_, _) => s_exiting = true;

    /// <summary>The first signal received, if any.</summary>
    public static PosixSignal? Received { get; private set; }

    /// <summary>
    /// True once this process is on its way down: a signal came, or its exit began (a test host told
    /// by `dotnet test` to stop exits while NUnit still starts tests). Nothing new should start then.
    /// </summary>
    public static bool Stopping => Received is not null || s_exiting;

    /// <summary>True while a subscriber unwinds the process itself (a CLI verb): parts then stop through its cancellation, not under it.</summary>
    public static bool HasOwner
    {
        get
        {
            lock (Gate)
            {
                return Subscribers.Any(s => s.ReplacesDefault);
            }
        }
    }

    /// <summary>The shell's convention, which CI reads: 130 for SIGINT, 143 for SIGTERM, 129 for SIGHUP.</summary>
    public static int ExitCodeFor(PosixSignal signal) => signal switch
    {
        PosixSignal.SIGINT => 130,
        PosixSignal.SIGHUP => 129,
        _ => 143,
    };

    /// <summary>
    /// Calls <paramref name="handler"/> on the first signal, in <paramref name="stage"/> order. With
    /// <paramref name="replacesDefault"/> the process does not end by itself: the subscriber unwinds it.
    /// </summary>
    public static IDisposable Subscribe(Stage stage, Action<PosixSignal> handler, bool replacesDefault = false)
    {
        var subscription = new Subscription(stage, handler, replacesDefault);
        lock (Gate)
        {
            if (Registrations.Count == 0)
            {
                Register();
            }

            Subscribers.Add(subscription);
        }

        return subscription;
    }

    /// <summary>Acts as if <paramref name="signal"/> had arrived (a parent that died counts as SIGTERM); returns whether an owner unwinds the process.</summary>
    public static bool Raise(PosixSignal signal)
    {
        if (Interlocked.Increment(ref s_received) > 1)
        {
            Force(signal);
        }

        Received ??= signal;
        Subscription[] ordered;
        lock (Gate)
        {
            ordered = [.. Subscribers.OrderBy(s => s.Stage)];
        }

        foreach (var subscription in ordered)
        {
            try
            {
                subscription.Handler(signal);
            }
            catch (Exception e)
            {
                // One part failing to stop must not keep the others from stopping.
                Console.Error.WriteLine($"hil: on {signal}: {e.GetType().Name}: {e.Message}");
            }
        }

        return ordered.Any(s => s.ReplacesDefault);
    }

    private static void Register()
    {
        foreach (var signal in new[] { PosixSignal.SIGINT, PosixSignal.SIGTERM, PosixSignal.SIGHUP })
        {
            try
            {
                Registrations.Add(PosixSignalRegistration.Create(signal, context => context.Cancel = Raise(context.Signal)));
            }
            catch (PlatformNotSupportedException)
            {
                // Not a Unix: Ctrl-C still ends the process the default way.
            }
        }
    }

    private static void Force(PosixSignal signal)
    {
        var killed = StartedProcesses.KillAll(StartedProcesses.Snapshot());
        Console.Error.WriteLine($"hil: second signal ({signal}): killed {killed.Count} started process(es) and exiting now");
        Console.Error.Flush();
        Posix.ExitNow(ExitCodeFor(Received ?? signal));
    }

    private sealed class Subscription(Stage stage, Action<PosixSignal> handler, bool replacesDefault) : IDisposable
    {
        public Stage Stage { get; } = stage;

        public Action<PosixSignal> Handler { get; } = handler;

        public bool ReplacesDefault { get; } = replacesDefault;

        public void Dispose()
        {
            lock (Gate)
            {
                Subscribers.Remove(this);
            }
        }
    }
}
