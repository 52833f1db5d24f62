using Hil.Reporting.NUnitHook;
using Hil.Reporting.Runtime;
using Hil.Reporting.Writing;
using NUnit.Framework;
using NUnit.Framework.Interfaces;
using NUnit.Framework.Internal;
using NUnit.Framework.Internal.ExecutionHooks;

namespace Hil.Reporting;

/// <summary>
/// Records the test assembly as Allure results: <c>[assembly: Hil.Reporting.HilAllure]</c>.
/// Two NUnit 5 extension points in one attribute: <see cref="ITestAction"/> opens and closes
/// each test attempt (once per retry) and the run; execution hooks see every [SetUp],
/// [OneTimeSetUp], [TearDown] and [OneTimeTearDown] with its exception, and the exception that
/// ended the test body. Why both: see harness/Hil.Reporting/README.md.
/// </summary>
[AttributeUsage(AttributeTargets.Assembly)]
public sealed class HilAllureAttribute : ExecutionHookAttribute, ITestAction
{
    public ActionTargets Targets => ActionTargets.Test | ActionTargets.Suite;

    /// <summary>
    /// The environment variable naming the results directory; HIL_ALLURE_RESULTS unless a test
    /// assembly must keep its results apart (the report UI tests use HIL_REPORT_UI_RESULTS).
    /// </summary>
    public string ResultsVariable { get; set; } = ResultsLocation.EnvironmentVariable;

    /// <summary>Where results go when the variable is unset, relative to the repository root.</summary>
    public string DefaultDirectory { get; set; } = Path.Combine("results", "allure");

    public void BeforeTest(ITest test)
    {
        if (test is TestAssembly)
        {
            AllureLifecycle.EnsureCurrent(OwnResultsDirectory);
            NUnitRecorder.RunStarted();
        }
        else if (!test.IsSuite)
        {
            NUnitRecorder.TestStarted(test);
        }
    }

    public void AfterTest(ITest test)
    {
        var result = TestExecutionContext.CurrentContext.CurrentResult;
        if (test is TestAssembly)
        {
            NUnitRecorder.RunFinished(result);
        }
        else if (!test.IsSuite)
        {
            NUnitRecorder.TestFinished(test, result);
        }
    }

    /// <summary>The results folder; one this assembly keeps apart is its alone, so an earlier run's files are cleared first.</summary>
    private string OwnResultsDirectory()
    {
        var directory = ResultsLocation.Resolve(ResultsVariable, DefaultDirectory);
        if (ResultsVariable != ResultsLocation.EnvironmentVariable)
        {
            EarlierRun.Clear(directory);
        }

        return directory;
    }

    public override void BeforeEverySetUpHook(HookData hookData) =>
        NUnitRecorder.FixtureStarted(hookData.HookedMethod?.Name ?? "set-up", setUp: true);

    public override void AfterEverySetUpHook(HookData hookData) =>
        NUnitRecorder.FixtureFinished(setUp: true, hookData.Exception);

    public override void BeforeEveryTearDownHook(HookData hookData) =>
        NUnitRecorder.FixtureStarted(hookData.HookedMethod?.Name ?? "tear-down", setUp: false);

    public override void AfterEveryTearDownHook(HookData hookData) =>
        NUnitRecorder.FixtureFinished(setUp: false, hookData.Exception);

    public override void BeforeTestHook(HookData hookData)
    {
    }

    public override void AfterTestHook(HookData hookData) => NUnitRecorder.BodyFinished(hookData.Exception);
}
