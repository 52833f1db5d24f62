using Hil.Foundation.Processes;

namespace Hil.Session;

/// <summary>
/// Runs the session's shutdown on the exits that skip <c>DisposeAsync</c>: Ctrl-C (SIGINT), SIGTERM
/// from CI cancelling a job, a dead parent, the process exiting, and an exception nobody caught. A
/// signal is taken through <see cref="TerminationSignals"/>, after the in-flight test was recorded as
/// interrupted; when a CLI verb owns the process its cancellation unwinds the session in order instead
/// (shutting down under a running measurement would turn "cancelled" into a rig fault). Each handler
/// blocks until the shutdown ends, then lets the default behaviour proceed.
/// </summary>
internal sealed class ExitHooks : IDisposable
{
    private readonly Action<string> _shutdownNow;
    private readonly IDisposable _signals;

    public ExitHooks(Action<string> shutdownNow)
    {
        _shutdownNow = shutdownNow;
        _signals = TerminationSignals.Subscribe(TerminationSignals.Stage.TearDown, OnSignal);
        AppDomain.CurrentDomain.ProcessExit += OnProcessExit;
        AppDomain.CurrentDomain.UnhandledException += OnUnhandledException;
    }

    public void Dispose()
    {
        AppDomain.CurrentDomain.ProcessExit -= OnProcessExit;
        AppDomain.CurrentDomain.UnhandledException -= OnUnhandledException;
        _signals.Dispose();
    }

    private void OnSignal(System.Runtime.InteropServices.PosixSignal signal)
    {
        if (!TerminationSignals.HasOwner)
        {
            _shutdownNow(signal.ToString());
        }
    }

    private void OnProcessExit(object? sender, EventArgs e) => _shutdownNow("process exit");

    private void OnUnhandledException(object? sender, UnhandledExceptionEventArgs e) =>
        _shutdownNow($"unhandled {e.ExceptionObject.GetType().Name}");
}
