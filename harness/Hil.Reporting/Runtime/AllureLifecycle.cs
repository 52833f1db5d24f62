using System.Collections.Concurrent;
using Hil.Foundation;
using Hil.Reporting.Classification;
using Hil.Reporting.Model;
using Hil.Reporting.Writing;

namespace Hil.Reporting.Runtime;

/// <summary>
/// The state of one run: tests in flight, suite containers, what has been written. NUnit events
/// come in through <see cref="NUnitRecorder"/>; the runtime API (steps, labels) reads
/// <see cref="Current"/>. Every change is written at once, so the results directory is valid
/// at every moment of the run.
/// </summary>
internal sealed class AllureLifecycle
{
    private static readonly Lock InstanceGate = new();
    private static AllureLifecycle? _current;

    private readonly ConcurrentDictionary<string, TestExecution> _running = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, SuiteExecution> _suites = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, byte> _recorded = new(StringComparer.Ordinal);

    public AllureLifecycle(string resultsDirectory, TimeProvider time)
    {
        Writer = new ResultsWriter(resultsDirectory) { Links = LinkPatterns.FromEnvironment() };
        Clock = new AllureClock(time);
    }

    public static AllureLifecycle Current
    {
        get
        {
            lock (InstanceGate)
            {
                return _current ??= new AllureLifecycle(ResultsLocation.Resolve(), TimeProvider.System);
            }
        }
    }

    public ResultsWriter Writer { get; }

    /// <summary>Creates the current lifecycle in <paramref name="resultsDirectory"/> unless one exists (tests may have installed theirs).</summary>
    public static void EnsureCurrent(Func<string> resultsDirectory)
    {
        lock (InstanceGate)
        {
            _current ??= new AllureLifecycle(resultsDirectory(), TimeProvider.System);
        }
    }

    public AllureClock Clock { get; }

    public RunInfo Run { get; } = new();

    /// <summary>Which tests this run records and runs (<see cref="TestPlan"/>); every test unless ALLURE_TESTPLAN_PATH names a plan.</summary>
    public TestPlan Plan { get; set; } = TestPlan.FromEnvironment();

    public IEnumerable<TestExecution> InFlight => _running.Values;

    /// <summary>Makes <paramref name="lifecycle"/> current until the returned scope is disposed (tests, nested runs).</summary>
    public static IDisposable Use(AllureLifecycle lifecycle)
    {
        lock (InstanceGate)
        {
            var previous = _current;
            _current = lifecycle;
            return new Restore(previous);
        }
    }

    public bool WasRecorded(string nunitId) => _recorded.ContainsKey(nunitId);

    /// <summary>A test the plan leaves out: it writes no result, now or at the end-of-run sweep.</summary>
    public void Deselect(string nunitId) => _recorded[nunitId] = 0;

    public TestExecution? Running(string nunitId) => _running.GetValueOrDefault(nunitId);

    public SuiteExecution? Suite(string nunitId) => _suites.GetValueOrDefault(nunitId);

    public SuiteExecution SuiteFor(string nunitId, string name) =>
        _suites.GetOrAdd(nunitId, _ => new SuiteExecution(
            new AllureContainer { Uuid = ResultsWriter.NewUuid(), Name = name, Start = Clock.NowEpochMs() }, Persist));

    /// <summary>Opens an attempt and writes it at once as broken/running, so a killed run still shows it.</summary>
    public TestExecution Start(TestFacts facts)
    {
        var result = NewResult(facts);
        result.Status = AllureStatus.Broken;
        result.StatusDetails = new AllureStatusDetails
        {
            Message = FailureClassifier.Tagged(FaultKind.InfrastructureFault, "interrupted: the run stopped while this test was running"),
        };
        var execution = new TestExecution(facts.NUnitId, result, Persist);
        _running[facts.NUnitId] = execution;
        _recorded[facts.NUnitId] = 0;
        Persist(execution);
        return execution;
    }

    public void Finish(TestExecution execution, Outcome outcome, IReadOnlyList<string> ancestorIds)
    {
        lock (execution.Gate)
        {
            if (execution.Result.Stage == AllureStage.Interrupted && Hil.Foundation.Processes.TerminationSignals.Received is not null)
            {
                // Written as interrupted by a signal this process is ending on: what the body did while the
                // session was torn down under it (a closed endpoint) is not its verdict.
                return;
            }

            StepOutcomes.Resolve(execution.Result, execution.BodyException ?? execution.FixtureException);
            ApplyRunLabels(execution.Result);
            if (outcome.Fault is { } fault)
            {
                LabelSet.Add(execution.Result.Labels, AllureLabels.Fault.With(FailureClassifier.TagOf(fault)), replace: true);
            }

            outcome.ApplyTo(execution.Result, AllureStage.Finished, Clock.NowEpochMs());
            execution.Result.HistoryId = TestIdentity.HistoryId(execution.Result.TestCaseId, execution.Result.Parameters);
            Writer.Write(execution.Result);
            if (execution.Container is { } container)
            {
                container.Children.Add(execution.Result.Uuid);
                container.Stop = execution.Result.Stop;
                Writer.Write(container);
            }
        }

        _running.TryRemove(new KeyValuePair<string, TestExecution>(execution.NUnitId, execution));
        AddToSuites(execution.Result.Uuid, ancestorIds);
    }

    /// <summary>A test NUnit never ran (skipped, or below a failed one-time set-up): one finished result.</summary>
    public void WriteNeverStarted(TestFacts facts, Outcome outcome)
    {
        if (!_recorded.TryAdd(facts.NUnitId, 0))
        {
            return;
        }

        var result = NewResult(facts);
        if (outcome.Fault is { } fault)
        {
            LabelSet.Add(result.Labels, AllureLabels.Fault.With(FailureClassifier.TagOf(fault)), replace: true);
        }

        outcome.ApplyTo(result, AllureStage.Finished, result.Start);
        Writer.Write(result);
        AddToSuites(result.Uuid, facts.AncestorIds);
    }

    /// <summary>Rewrites every test in flight as interrupted, naming why (a signal, process exit).</summary>
    public void MarkInterrupted(string reason)
    {
        foreach (var execution in _running.Values)
        {
            lock (execution.Gate)
            {
                StaleResults.Interrupt(execution.Result, reason, Clock.NowEpochMs());
                Writer.Write(execution.Result);
            }
        }
    }

    private AllureTestResult NewResult(TestFacts facts)
    {
        var testCaseId = TestIdentity.TestCaseId(facts.FullName);
        var result = new AllureTestResult
        {
            Uuid = ResultsWriter.NewUuid(),
            Name = facts.Name,
            FullName = facts.FullName,
            TestCaseId = testCaseId,
            HistoryId = "",
            TitlePath = [.. facts.TitlePath],
            Links = [.. facts.Links],
            Description = facts.Description,
            Start = Clock.NowEpochMs(),
        };
        facts.Labels.ToList().ForEach(l => LabelSet.Add(result.Labels, l, replace: true));
        facts.Parameters.ToList().ForEach(p => LabelSet.AddParameter(result.Parameters, p));
        InheritFromSuites(result, facts.AncestorIds);
        ApplyRunLabels(result);
        result.HistoryId = TestIdentity.HistoryId(testCaseId, result.Parameters);
        return result;
    }

    // Labels set at run time in a one-time set-up apply to every test below it; the test's own win.
    private void InheritFromSuites(AllureTestResult result, IReadOnlyList<string> ancestorIds)
    {
        foreach (var suite in ancestorIds.Select(Suite).OfType<SuiteExecution>())
        {
            lock (suite.Gate)
            {
                suite.Labels.ForEach(l => LabelSet.Add(result.Labels, l, replace: false));
                suite.Links.ForEach(result.Links.Add);
                result.Description ??= suite.Description;
            }
        }
    }

    private void ApplyRunLabels(AllureTestResult result)
    {
        foreach (var label in Run.Labels())
        {
            LabelSet.Add(result.Labels, label, replace: false);
        }
    }

    private void AddToSuites(string uuid, IReadOnlyList<string> ancestorIds)
    {
        foreach (var suite in ancestorIds.Select(Suite).OfType<SuiteExecution>())
        {
            lock (suite.Gate)
            {
                suite.Container.Children.Add(uuid);
                Writer.Write(suite.Container);
            }
        }
    }

    private void Persist(TestExecution execution)
    {
        lock (execution.Gate)
        {
            Writer.Write(execution.Result);
        }
    }

    private void Persist(SuiteExecution suite)
    {
        lock (suite.Gate)
        {
            Writer.Write(suite.Container);
        }
    }

    private sealed class Restore(AllureLifecycle? previous) : IDisposable
    {
        public void Dispose()
        {
            lock (InstanceGate)
            {
                _current = previous;
            }
        }
    }
}
