using System.Runtime.InteropServices;
using Hil.Foundation.Processes;

namespace Hil.Reporting.Runtime;

/// <summary>
/// On SIGTERM, SIGINT, SIGHUP, the death of the process that started this one, or process exit,
/// rewrites the tests still running as interrupted (stage interrupted, with a stop), naming why. It
/// runs first among the signal's subscribers (<see cref="TerminationSignals.Stage.Record"/>), before
/// a rig session tears down under the test and the test could end as a rig fault of its own. A
/// SIGKILL cannot be caught; the running file each test writes as it starts covers that case.
/// </summary>
internal sealed class InterruptionGuard : IDisposable
{
    private readonly AllureLifecycle _lifecycle;
    private readonly IDisposable _signals;

    public InterruptionGuard(AllureLifecycle lifecycle)
    {
        _lifecycle = lifecycle;
        _signals = TerminationSignals.Subscribe(TerminationSignals.Stage.Record, OnSignal);
        AppDomain.CurrentDomain.ProcessExit += OnProcessExit;
        ParentWatch.StartFromEnvironment();
    }

    public void Dispose()
    {
        _signals.Dispose();
        AppDomain.CurrentDomain.ProcessExit -= OnProcessExit;
    }

    private void OnSignal(PosixSignal signal) =>
        _lifecycle.MarkInterrupted($"the test process received {signal} while this test was running");

    private void OnProcessExit(object? sender, EventArgs e) =>
        _lifecycle.MarkInterrupted("the test process exited while this test was running");
}
