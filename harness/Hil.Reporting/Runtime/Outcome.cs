using Hil.Foundation;
using Hil.Reporting.Classification;
using Hil.Reporting.Model;

namespace Hil.Reporting.Runtime;

/// <summary>How an item ended: status, who is to blame, and the message a person reads first.</summary>
internal sealed record Outcome(AllureStatus Status, FaultKind? Fault, string? Message, string? Trace)
{
    public static readonly Outcome Passed = new(AllureStatus.Passed, null, null, null);

    public static Outcome Skipped(string? reason) => new(AllureStatus.Skipped, null, reason, null);

    /// <summary>A failure, classified and tagged so categories.json can sort it.</summary>
    public static Outcome Failure(Exception? exception, string? message, string? trace, bool assertionFailure)
    {
        var fault = FailureClassifier.Classify(exception, message, assertionFailure);
        var text = exception is HilException hil ? hil.Message : message ?? exception?.Message;
        return new(FailureClassifier.StatusOf(fault), fault, FailureClassifier.Tagged(fault, text), trace ?? exception?.ToString());
    }

    /// <summary>Broken whatever the fault: the test never ran because something before it failed.</summary>
    public static Outcome NeverRan(string what, Exception cause)
    {
        var fault = FailureClassifier.Classify(cause, null, assertionFailure: false);
        return new(AllureStatus.Broken, fault, FailureClassifier.Tagged(fault, $"{what}: {cause.Message}"), cause.ToString());
    }

    public void ApplyTo(AllureExecutable item, AllureStage stage, long stopMs)
    {
        item.Status = Status;
        item.StatusDetails = Message is null && Trace is null ? null : new AllureStatusDetails { Message = Message, Trace = Trace };
        item.Stage = stage;
        item.Stop = stopMs;
    }
}
