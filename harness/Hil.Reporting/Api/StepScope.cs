using Hil.Reporting.Model;
using Hil.Reporting.Runtime;

namespace Hil.Reporting;

/// <summary>
/// An open step: <c>using (AllureSteps.Step("power on stimulus-a")) { … }</c>. It ends when
/// disposed; it failed if the exception that ended the test left it (settled when the test ends).
/// Outside a recorded test it is inert, so fixture code runs the same with or without reporting.
/// </summary>
public sealed class StepScope : IDisposable
{
    private readonly StepFrame? _frame;

    internal StepScope(StepFrame? frame) => _frame = frame;

    /// <summary>Adds a parameter shown on the step, e.g. the port or the sample count.</summary>
    public StepScope WithParameter(string name, object? value)
    {
        if (_frame is not null)
        {
            lock (_frame.Owner.Gate)
            {
                _frame.Step.Parameters.Add(new AllureParameter { Name = name, Value = ValueText.Of(value) });
            }
        }

        return this;
    }

    /// <summary>Settles the status now (the <c>Run</c>/<c>RunAsync</c> helpers call this).</summary>
    internal void Complete(Exception? failure)
    {
        if (_frame is null)
        {
            return;
        }

        lock (_frame.Owner.Gate)
        {
            var outcome = failure is null ? Outcome.Passed : Outcome.Failure(failure, null, null, assertionFailure: false);
            _frame.Step.Status = outcome.Status;
            _frame.Step.StatusDetails = failure is null ? null : new AllureStatusDetails { Message = outcome.Message, Trace = failure.ToString() };
            _frame.Step.PendingException = null;
        }
    }

    public void Dispose()
    {
        if (_frame is null || _frame.Closed)
        {
            return;
        }

        lock (_frame.Owner.Gate)
        {
            _frame.Closed = true;
            var step = _frame.Step;
            step.Stop = AllureLifecycle.Current.Clock.NowEpochMs();
            step.Stage = AllureStage.Finished;
            if (step.Status is null)
            {
                // Provisional until the test ends: a pending exception may yet be caught by the caller.
                step.Status = step.PendingException is null ? AllureStatus.Passed : AllureStatus.Broken;
                if (step.PendingException is { } pending && _frame.Parent is { } parent)
                {
                    parent.Step.PendingException ??= pending;
                }
            }
        }

        StepFrame.Leave(_frame);
        _frame.Owner.Changed();
    }
}
