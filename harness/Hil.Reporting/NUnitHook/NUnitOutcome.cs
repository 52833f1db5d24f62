using Hil.Reporting.Model;
using Hil.Reporting.Runtime;
using NUnit.Framework.Interfaces;

namespace Hil.Reporting.NUnitHook;

/// <summary>NUnit's verdict in Allure's terms (Allure.NUnit's mapping, plus the fault classification).</summary>
internal static class NUnitOutcome
{
    public static Outcome From(ITestResult result, Exception? exception) => result.ResultState.Status switch
    {
        TestStatus.Passed => Outcome.Passed,
        TestStatus.Skipped => Outcome.Skipped(result.Message),

        // A check that measures and finds the host too noisy to decide says so as its own
        // outcome: skipped in Allure's terms (as Allure.NUnit maps it), never a pass or a defect.
        TestStatus.Inconclusive => Outcome.Skipped($"inconclusive: {result.Message}"),
        TestStatus.Failed => Outcome.Failure(exception, result.Message, result.StackTrace,
            assertionFailure: result.ResultState.Label.Length == 0),
        _ => Outcome.Failure(exception, Describe(result), result.StackTrace, assertionFailure: false),
    };

    private static string Describe(ITestResult result) =>
        string.IsNullOrWhiteSpace(result.Message) ? $"NUnit result {result.ResultState}" : $"{result.ResultState}: {result.Message}";
}
