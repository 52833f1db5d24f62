using Hil.Foundation;
using Hil.Reporting.Classification;
using Hil.Reporting.Model;

namespace Hil.Reporting.Runtime;

/// <summary>Settles step statuses when their test ends or the run is interrupted.</summary>
internal static class StepOutcomes
{
    /// <summary>
    /// A <c>using</c> step cannot see the exception leaving it, so it remembers the last one thrown
    /// inside it. Here that step is failed if the same exception ended the test, passed if the
    /// code caught it and went on.
    /// </summary>
    public static void Resolve(AllureExecutable root, Exception? testException)
    {
        foreach (var step in root.Steps)
        {
            Resolve(step, testException);
            if (step.PendingException is not { } pending)
            {
                continue;
            }

            if (testException is not null && Chain(testException).Contains(pending))
            {
                var failure = Outcome.Failure(pending, null, null, assertionFailure: false);
                step.Status = failure.Status;
                step.StatusDetails = new AllureStatusDetails { Message = failure.Message, Trace = pending.ToString() };
            }
            else
            {
                step.Status = AllureStatus.Passed;
                step.StatusDetails = null;
            }

            step.PendingException = null;
        }
    }

    /// <summary>Open steps of an interrupted test end where the run ended.</summary>
    public static void Interrupt(AllureExecutable root, long nowMs)
    {
        foreach (var step in root.Steps.Where(s => s.Stage == AllureStage.Running))
        {
            Interrupt(step, nowMs);
            step.Stage = AllureStage.Interrupted;
            step.Status = AllureStatus.Broken;
            step.StatusDetails = new AllureStatusDetails { Message = FailureClassifier.Tagged(FaultKind.InfrastructureFault, "interrupted while this step ran") };
            step.Stop = nowMs;
        }
    }

    private static IEnumerable<Exception> Chain(Exception e)
    {
        for (var x = e; x is not null; x = x.InnerException)
        {
            yield return x;
            if (x is AggregateException aggregate)
            {
                foreach (var inner in aggregate.InnerExceptions.SelectMany(Chain))
                {
                    yield return inner;
                }
            }
        }
    }
}
