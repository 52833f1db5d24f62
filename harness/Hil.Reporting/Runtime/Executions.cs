using Hil.Reporting.Model;

namespace Hil.Reporting.Runtime;

/// <summary>Something the runtime API can write into: a test attempt, or a suite during its one-time set-up.</summary>
internal abstract class Execution
{
    /// <summary>Guards the model objects: steps may finish on other threads than the test.</summary>
    public object Gate { get; } = new();

    /// <summary>Where steps and attachments land now: a running set-up or tear-down, else the body.</summary>
    public abstract AllureExecutable CurrentSink { get; }

    public abstract List<AllureLabel> Labels { get; }

    public abstract List<AllureParameter> Parameters { get; }

    public abstract List<AllureLink> Links { get; }

    public abstract string? Description { get; set; }

    /// <summary>Called when steps or attachments change, so an interrupted run keeps what happened so far.</summary>
    public abstract void Changed();
}

/// <summary>One attempt of one test case (a retry is a new attempt with a new uuid).</summary>
internal sealed class TestExecution(string nunitId, AllureTestResult result, Action<TestExecution> persist) : Execution
{
    public string NUnitId { get; } = nunitId;

    public AllureTestResult Result { get; } = result;

    /// <summary>Per-test [SetUp]/[TearDown] methods, as Allure.NUnit maps them.</summary>
    public AllureContainer? Container { get; set; }

    public AllureFixture? ActiveFixture { get; set; }

    public Exception? BodyException { get; set; }

    public Exception? FixtureException { get; set; }

    public override AllureExecutable CurrentSink => ActiveFixture ?? (AllureExecutable)Result;

    public override List<AllureLabel> Labels => Result.Labels;

    public override List<AllureParameter> Parameters => Result.Parameters;

    public override List<AllureLink> Links => Result.Links;

    public override string? Description
    {
        get => Result.Description;
        set => Result.Description = value;
    }

    public override void Changed() => persist(this);
}

/// <summary>A fixture or set-up fixture with [OneTimeSetUp]/[OneTimeTearDown]; its container spans every test below.</summary>
internal sealed class SuiteExecution(AllureContainer container, Action<SuiteExecution> persist) : Execution
{
    public AllureContainer Container { get; } = container;

    public AllureFixture? ActiveFixture { get; set; }

    public (AllureFixture Fixture, Exception Error)? SetUpFailure { get; set; }

    public override List<AllureLabel> Labels { get; } = [];

    public override List<AllureParameter> Parameters { get; } = [];

    public override List<AllureLink> Links { get; } = [];

    public override string? Description { get; set; }

    public override AllureExecutable CurrentSink =>
        ActiveFixture ?? Container.Befores.LastOrDefault() ?? (AllureExecutable?)Container.Afters.LastOrDefault()
        ?? throw new InvalidOperationException($"suite container '{Container.Name}' has no set-up or tear-down to write into");

    public override void Changed() => persist(this);
}
