using NUnit.Framework.Internal;

namespace Hil.Reporting.Runtime;

/// <summary>
/// Finds what the runtime API writes into from NUnit's own context, which flows across awaits.
/// Outside a recorded test the API does nothing and says so once, instead of throwing the way
/// Allure.NUnit's "No test context is active" does.
/// </summary>
internal static class CurrentExecution
{
    private static int _warned;

    public static Execution? Find()
    {
        var test = TestExecutionContext.CurrentContext.CurrentTest;
        var lifecycle = AllureLifecycle.Current;
        Execution? found = test is null ? null : test.IsSuite ? lifecycle.Suite(test.Id) : lifecycle.Running(test.Id);
        if (found is null && Interlocked.Exchange(ref _warned, 1) == 0)
        {
            Console.Error.WriteLine(
                $"Hil.Reporting: '{test?.FullName ?? "(no NUnit test)"}' is not being recorded; add [assembly: Hil.Reporting.HilAllure] to the test assembly. Steps and attachments outside a test are dropped.");
        }

        return found;
    }
}
