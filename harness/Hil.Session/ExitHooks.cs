using System.Runtime.InteropServices;

namespace Hil.Session;

/// <summary>
/// Runs the session's shutdown on the exits that skip <c>DisposeAsync</c>: Ctrl-C (SIGINT), SIGTERM
/// from CI cancelling a job, the process exiting, and an exception nobody caught. Each handler
/// blocks until the shutdown ends, then lets the default behaviour (terminate) proceed.
/// </summary>
internal sealed class ExitHooks : IDisposable
{
    private readonly Action<string> _shutdownNow;
    private readonly List<PosixSignalRegistration> _signals = [];

    public ExitHooks(Action<string> shutdownNow, Action<string> log)
    {
        _shutdownNow = shutdownNow;
        foreach (var signal in new[] { PosixSignal.SIGINT, PosixSignal.SIGTERM })
        {
            try
            {
                _signals.Add(PosixSignalRegistration.Create(signal, _ => _shutdownNow(signal.ToString())));
            }
            catch (PlatformNotSupportedException ex)
            {
                log($"cannot hook {signal} on this platform ({ex.Message}); rely on DisposeAsync");
            }
        }

        AppDomain.CurrentDomain.ProcessExit += OnProcessExit;
        AppDomain.CurrentDomain.UnhandledException += OnUnhandledException;
    }

    public void Dispose()
    {
        AppDomain.CurrentDomain.ProcessExit -= OnProcessExit;
        AppDomain.CurrentDomain.UnhandledException -= OnUnhandledException;
        foreach (var registration in _signals)
        {
            registration.Dispose();
        }

        _signals.Clear();
    }

    private void OnProcessExit(object? sender, EventArgs e) => _shutdownNow("process exit");

    private void OnUnhandledException(object? sender, UnhandledExceptionEventArgs e) =>
        _shutdownNow($"unhandled {e.ExceptionObject.GetType().Name}");
}
