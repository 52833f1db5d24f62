using System.Runtime.InteropServices;

namespace Hil.Reporting.Runtime;

/// <summary>
/// On SIGTERM, SIGINT, SIGHUP or process exit, rewrites the tests still running as interrupted,
/// naming why. A SIGKILL cannot be caught; the broken/running file each test writes as it
/// starts covers that case.
/// </summary>
internal sealed class InterruptionGuard : IDisposable
{
    private readonly AllureLifecycle _lifecycle;
    private readonly List<PosixSignalRegistration> _signals = [];

    public InterruptionGuard(AllureLifecycle lifecycle)
    {
        _lifecycle = lifecycle;
        foreach (var signal in new[] { PosixSignal.SIGTERM, PosixSignal.SIGINT, PosixSignal.SIGHUP })
        {
            _signals.Add(PosixSignalRegistration.Create(signal, OnSignal));
        }

        AppDomain.CurrentDomain.ProcessExit += OnProcessExit;
    }

    public void Dispose()
    {
        _signals.ForEach(s => s.Dispose());
        _signals.Clear();
        AppDomain.CurrentDomain.ProcessExit -= OnProcessExit;
    }

    // Not cancelled: the signal still ends the process the way it would have without us.
    private void OnSignal(PosixSignalContext context) =>
        _lifecycle.MarkInterrupted($"the test process received {context.Signal} while this test was running");

    private void OnProcessExit(object? sender, EventArgs e) =>
        _lifecycle.MarkInterrupted("the test process exited while this test was running");
}
