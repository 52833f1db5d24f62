using Hil.Reporting.Model;
using Hil.Reporting.Runtime;
using Hil.Reporting.Writing;
using NUnit.Framework;
using NUnit.Framework.Interfaces;
using NUnit.Framework.Internal;

namespace Hil.Reporting.NUnitHook;

/// <summary>Turns NUnit's events (test actions and execution hooks) into writes on the current lifecycle.</summary>
internal static class NUnitRecorder
{
    private static readonly Lock RunGate = new();
    private static InterruptionGuard? _guard;

    private static AllureLifecycle Lifecycle => AllureLifecycle.Current;

    public static void RunStarted()
    {
        var lifecycle = Lifecycle;
        RunFiles.WriteAll(lifecycle.Writer, lifecycle.Run);
        lock (RunGate)
        {
            _guard?.Dispose();
            _guard = new InterruptionGuard(lifecycle);
        }
    }

    public static void RunFinished(ITestResult assemblyResult)
    {
        var lifecycle = Lifecycle;
        SetUpFailures.Flush(lifecycle);
        SetUpFailures.Sweep(lifecycle, assemblyResult);
        RunFiles.WriteAll(lifecycle.Writer, lifecycle.Run);
        lock (RunGate)
        {
            _guard?.Dispose();
            _guard = null;
        }
    }

    public static void TestStarted(ITest test)
    {
        SetUpFailures.Flush(Lifecycle);
        var facts = NUnitFacts.From(test);
        if (!Lifecycle.Plan.Selects(facts))
        {
            // As Allure.NUnit: the test is ignored before its body runs, and leaves no result.
            Lifecycle.Deselect(test.Id);
            Assert.Ignore(TestPlan.SkipReason);
        }

        Lifecycle.Start(facts);
    }

    public static void TestFinished(ITest test, ITestResult result)
    {
        var lifecycle = Lifecycle;
        if (lifecycle.Running(test.Id) is not { } execution)
        {
            lifecycle.WriteNeverStarted(NUnitFacts.From(test), NUnitOutcome.From(result, null));
            return;
        }

        ConsoleOutput.Attach(lifecycle, execution, result.Output);
        var exception = execution.BodyException ?? execution.FixtureException;
        lifecycle.Finish(execution, NUnitOutcome.From(result, exception), NUnitFacts.AncestorIds(test));
    }

    public static void FixtureStarted(string methodName, bool setUp)
    {
        SetUpFailures.Flush(Lifecycle);
        var test = TestExecutionContext.CurrentContext.CurrentTest;
        var fixture = new AllureFixture { Name = methodName, Start = Lifecycle.Clock.NowEpochMs() };
        if (test.IsSuite)
        {
            var suite = Lifecycle.SuiteFor(test.Id, test.FullName);
            lock (suite.Gate)
            {
                (setUp ? suite.Container.Befores : suite.Container.Afters).Add(fixture);
                suite.ActiveFixture = fixture;
            }

            suite.Changed();
            return;
        }

        if (Lifecycle.Running(test.Id) is { } execution)
        {
            lock (execution.Gate)
            {
                execution.Container ??= new AllureContainer { Uuid = ResultsWriter.NewUuid(), Name = test.FullName, Start = fixture.Start };
                (setUp ? execution.Container.Befores : execution.Container.Afters).Add(fixture);
                execution.ActiveFixture = fixture;
            }
        }
    }

    public static void FixtureFinished(bool setUp, Exception? error)
    {
        var test = TestExecutionContext.CurrentContext.CurrentTest;
        var now = Lifecycle.Clock.NowEpochMs();
        if (test.IsSuite && Lifecycle.Suite(test.Id) is { } suite)
        {
            lock (suite.Gate)
            {
                var fixture = suite.ActiveFixture;
                suite.ActiveFixture = null;
                if (fixture is not null)
                {
                    End(fixture, error, now);
                    suite.Container.Stop = now;
                    if (setUp && error is not null)
                    {
                        suite.SetUpFailure = (fixture, error);
                        SetUpFailures.Add(suite, TestExecutionContext.CurrentContext.CurrentResult, test.FullName);
                    }
                }
            }

            suite.Changed();
            return;
        }

        if (Lifecycle.Running(test.Id) is { } execution)
        {
            lock (execution.Gate)
            {
                if (execution.ActiveFixture is { } fixture)
                {
                    End(fixture, error, now);
                }

                execution.ActiveFixture = null;
                execution.FixtureException ??= error;
            }
        }
    }

    public static void BodyFinished(Exception? error)
    {
        var test = TestExecutionContext.CurrentContext.CurrentTest;
        if (Lifecycle.Running(test.Id) is { } execution)
        {
            lock (execution.Gate)
            {
                execution.BodyException = error;
            }
        }
    }

    private static void End(AllureFixture fixture, Exception? error, long now)
    {
        StepOutcomes.Resolve(fixture, error);
        var outcome = error is null ? Outcome.Passed : Outcome.Failure(error, null, null, assertionFailure: false);
        outcome.ApplyTo(fixture, AllureStage.Finished, now);
    }
}
