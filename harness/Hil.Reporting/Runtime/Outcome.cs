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
        var text = exception switch
        {
            HilException hil => hil.Message,
            AggregateException aggregate when Short(aggregate) is { } summary => summary,
            _ => message ?? exception?.Message,
        };

        // NUnit's stack trace leaves out an aggregate's inner failures; the short message points at them, so the trace holds them all.
        var fullTrace = exception is AggregateException ? exception.ToString() : trace ?? exception?.ToString();
        return new(FailureClassifier.StatusOf(fault), fault, FailureClassifier.Tagged(fault, text), fullTrace);
    }

    /// <summary>Broken whatever the fault: the test never ran because something before it failed.</summary>
    public static Outcome NeverRan(string what, Exception cause)
    {
        var fault = FailureClassifier.Classify(cause, null, assertionFailure: false);
        return new(AllureStatus.Broken, fault, FailureClassifier.Tagged(fault, $"{what}: {cause.Message}"), cause.ToString());
    }

    /// <summary>
    /// One line for many failures of one kind (a safe state missed on eight channels): the aggregate's
    /// own sentence, the first cause, and how many more there are; every one stays in the trace.
    /// </summary>
    internal static string? Short(AggregateException aggregate)
    {
        var inner = aggregate.Flatten().InnerExceptions;
        if (inner.Count == 0)
        {
            return null;
        }

        // .NET appends " (inner message)" per inner exception to the aggregate's message; keep only its own sentence.
        var own = aggregate.Message;
        var cut = own.IndexOf($" ({aggregate.InnerExceptions[0].Message})", StringComparison.Ordinal);
        var head = cut > 0 ? own[..cut] : null;
        var first = inner[0].Message;
        var more = inner.Count > 1 ? $" (and {inner.Count - 1} more like it; all in the trace)" : string.Empty;
        return head is null ? $"{first}{more}" : $"{head}: first: {first}{more}";
    }

    public void ApplyTo(AllureExecutable item, AllureStage stage, long stopMs)
    {
        item.Status = Status;
        item.StatusDetails = Message is null && Trace is null ? null : new AllureStatusDetails { Message = Message, Trace = Trace };
        item.Stage = stage;
        item.Stop = stopMs;
    }
}
