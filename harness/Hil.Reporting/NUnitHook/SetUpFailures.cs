using Hil.Reporting.Runtime;
using NUnit.Framework.Interfaces;

namespace Hil.Reporting.NUnitHook;

/// <summary>
/// Allure.NUnit's best-known defect is that tests under a failed [OneTimeSetUp] vanish from the
/// report. NUnit never starts them, but it does add a result for each selected child to the
/// suite's result; we read those (so a --filter is respected) and write each test as broken,
/// with the set-up's exception as the cause.
/// </summary>
internal static class SetUpFailures
{
    private static readonly List<(SuiteExecution Suite, ITestResult SuiteResult, string SuiteName)> Pending = [];

    public static void Add(SuiteExecution suite, ITestResult suiteResult, string suiteName)
    {
        lock (Pending)
        {
            Pending.Add((suite, suiteResult, suiteName));
        }
    }

    /// <summary>Writes the children NUnit has skipped so far; called at every later event, so they appear promptly.</summary>
    public static void Flush(AllureLifecycle lifecycle)
    {
        lock (Pending)
        {
            foreach (var (suite, suiteResult, suiteName) in Pending)
            {
                if (suite.SetUpFailure is not { } failure)
                {
                    continue;
                }

                foreach (var leaf in SafeLeaves(suiteResult))
                {
                    var outcome = Outcome.NeverRan($"one-time set-up '{failure.Fixture.Name}' of {suiteName} failed", failure.Error);
                    lifecycle.WriteNeverStarted(NUnitFacts.From(leaf.Test), outcome);
                }
            }
        }
    }

    /// <summary>At the end of the run: every test case NUnit reported that we have not written yet.</summary>
    public static void Sweep(AllureLifecycle lifecycle, ITestResult root)
    {
        lock (Pending)
        {
            Pending.Clear();
        }

        foreach (var leaf in SafeLeaves(root).Where(l => !lifecycle.WasRecorded(l.Test.Id)))
        {
            var failedSuite = NUnitFacts.AncestorIds(leaf.Test).Select(lifecycle.Suite).FirstOrDefault(s => s?.SetUpFailure is not null);
            var outcome = failedSuite?.SetUpFailure is { } failure
                ? Outcome.NeverRan($"one-time set-up '{failure.Fixture.Name}' of {failedSuite.Container.Name} failed", failure.Error)
                : NUnitOutcome.From(leaf, null);
            lifecycle.WriteNeverStarted(NUnitFacts.From(leaf.Test), outcome);
        }
    }

    private static List<ITestResult> SafeLeaves(ITestResult root)
    {
        try
        {
            var leaves = new List<ITestResult>();
            Collect(root, leaves);
            return leaves;
        }
        catch (InvalidOperationException)
        {
            // NUnit is still adding children on another worker; the next flush or the sweep gets them.
            return [];
        }
    }

    private static void Collect(ITestResult result, List<ITestResult> leaves)
    {
        if (!result.Test.IsSuite)
        {
            leaves.Add(result);
            return;
        }

        foreach (var child in result.Children.ToList())
        {
            Collect(child, leaves);
        }
    }
}
