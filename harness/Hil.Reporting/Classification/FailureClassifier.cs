using System.Text.RegularExpressions;
using Hil.Foundation;
using Hil.Reporting.Model;

namespace Hil.Reporting.Classification;

/// <summary>
/// Decides who is to blame for a failure, so the report keeps a lost relay apart from a driver
/// defect. A <see cref="HilException"/> anywhere in the chain says it outright; otherwise the
/// exception type, then the message, are read.
/// </summary>
internal static partial class FailureClassifier
{
    public static FaultKind Classify(Exception? exception, string? message, bool assertionFailure)
    {
        if (FindHil(exception) is { } hil)
        {
            return hil.Fault;
        }

        if (exception is not null && IsAssertion(exception))
        {
            return FaultKind.ProductDefect;
        }

        if (exception is not null && IsInfrastructure(exception))
        {
            return FaultKind.InfrastructureFault;
        }

        var text = $"{exception?.GetType().FullName} {exception?.Message} {message}";
        return FromText(text) ?? (assertionFailure ? FaultKind.ProductDefect : FaultKind.HarnessError);
    }

    /// <summary>Product defects and regressions are <c>failed</c>; anything that stopped the test from judging is <c>broken</c>.</summary>
    public static AllureStatus StatusOf(FaultKind fault) =>
        fault is FaultKind.ProductDefect or FaultKind.LatencyRegression ? AllureStatus.Failed : AllureStatus.Broken;

    /// <summary>The tag categories.json matches on, e.g. <c>rig-fault</c>; HilException owns the spelling.</summary>
    public static string TagOf(FaultKind fault) => new HilException(fault, string.Empty).Tag;

    /// <summary>Prefixes a message with its fault tag once: "[rig-fault] relay1 did not answer".</summary>
    public static string Tagged(FaultKind fault, string? message)
    {
        var prefix = $"[{TagOf(fault)}]";
        var body = string.IsNullOrWhiteSpace(message) ? "(no message)" : message.Trim();
        return body.StartsWith(prefix, StringComparison.Ordinal) ? body : $"{prefix} {body}";
    }

    private static HilException? FindHil(Exception? exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            if (e is HilException hil)
            {
                return hil;
            }

            if (e is AggregateException { InnerExceptions.Count: > 0 } aggregate)
            {
                return aggregate.InnerExceptions.Select(FindHil).FirstOrDefault(h => h is not null);
            }
        }

        return null;
    }

    // Matched by name so the writer does not care which NUnit assembly threw it.
    private static bool IsAssertion(Exception e) =>
        e.GetType().FullName is "NUnit.Framework.AssertionException" or "NUnit.Framework.MultipleAssertException";

    private static bool IsInfrastructure(Exception e) =>
        e is IOException or UnauthorizedAccessException or System.Net.Sockets.SocketException
            or System.ComponentModel.Win32Exception or System.Net.Http.HttpRequestException;

    private static FaultKind? FromText(string text)
    {
        if (LatencyPattern().IsMatch(text))
        {
            return FaultKind.LatencyRegression;
        }

        if (RigPattern().IsMatch(text))
        {
            return FaultKind.RigFault;
        }

        if (InfrastructurePattern().IsMatch(text))
        {
            return FaultKind.InfrastructureFault;
        }

        return ProductPattern().IsMatch(text) ? FaultKind.ProductDefect : null;
    }

    [GeneratedRegex(@"LatencyRegression|latency regress|\[latency-regression\]", RegexOptions.IgnoreCase)]
    private static partial Regex LatencyPattern();

    [GeneratedRegex(@"RigFault|\[rig-fault\]|\brelay\b|enumerat|rig lock|/dev/tty|serial port|switchable hub", RegexOptions.IgnoreCase)]
    private static partial Regex RigPattern();

    [GeneratedRegex(@"Infrastructure|\[infrastructure-fault\]|No space left|Permission denied|command not found|Address already in use", RegexOptions.IgnoreCase)]
    private static partial Regex InfrastructurePattern();

    [GeneratedRegex(@"ProductDefect|\[product-defect\]|kIOReturn", RegexOptions.IgnoreCase)]
    private static partial Regex ProductPattern();
}
