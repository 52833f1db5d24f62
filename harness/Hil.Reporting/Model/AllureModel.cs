using System.Text.Json.Serialization;

namespace Hil.Reporting.Model;

// The Allure 2 results format (shared/reference/allure.md §1), as both Allure generators read it.
// Mutable on purpose: a result is built up while its test runs and serialized when it ends.
// Public so readers of a results directory (`hil run`'s summary, the report UI tests) read
// it through these types (AllureResults) instead of by hand; containers stay internal.

public enum AllureStatus { Passed, Failed, Broken, Skipped, Unknown }

public enum AllureStage { Scheduled, Running, Finished, Pending, Interrupted }

public enum ParameterMode { Default, Masked, Hidden }

public sealed record AllureLabel(string Name, string Value);

public sealed record AllureLink(string Name, string Url, string Type);

public sealed record AllureAttachment(string Name, string Source, string Type);

public sealed class AllureParameter
{
    public required string Name { get; init; }

    public required string Value { get; init; }

    /// <summary>Left out of the history identity: true for values that change every run.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public bool Excluded { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public ParameterMode Mode { get; init; }
}

public sealed class AllureStatusDetails
{
    public string? Message { get; set; }

    public string? Trace { get; set; }

    public bool Known { get; set; }

    public bool Muted { get; set; }

    public bool Flaky { get; set; }
}

/// <summary>What tests, steps and fixtures share (Allure's ExecutableItem).</summary>
public class AllureExecutable
{
    public required string Name { get; set; }

    public AllureStatus? Status { get; set; }

    public AllureStatusDetails? StatusDetails { get; set; }

    public AllureStage Stage { get; set; } = AllureStage.Running;

    public string? Description { get; set; }

    /// <summary>Unix epoch milliseconds, as both generators expect.</summary>
    public long Start { get; set; }

    public long? Stop { get; set; }

    public List<AllureStep> Steps { get; init; } = [];

    public List<AllureAttachment> Attachments { get; init; } = [];

    public List<AllureParameter> Parameters { get; init; } = [];
}

public sealed class AllureStep : AllureExecutable
{
    /// <summary>
    /// An exception seen while a <c>using</c> step was open. Whether the step failed is settled
    /// when the test ends: it did if that exception is what ended the test (see StepOutcomes).
    /// </summary>
    [JsonIgnore]
    internal Exception? PendingException { get; set; }
}

internal sealed class AllureFixture : AllureExecutable;

public sealed class AllureTestResult : AllureExecutable
{
    public required string Uuid { get; init; }

    public required string HistoryId { get; set; }

    public required string TestCaseId { get; init; }

    public required string FullName { get; init; }

    public List<string> TitlePath { get; init; } = [];

    public List<AllureLabel> Labels { get; init; } = [];

    public List<AllureLink> Links { get; init; } = [];

    /// <summary>The value of label <paramref name="name"/> (the first, for a many-valued one), or null.</summary>
    public string? LabelValue(string name) => Labels.FirstOrDefault(l => l.Name == name)?.Value;
}

internal sealed class AllureContainer
{
    public required string Uuid { get; init; }

    public required string Name { get; init; }

    public List<string> Children { get; init; } = [];

    public List<AllureFixture> Befores { get; init; } = [];

    public List<AllureFixture> Afters { get; init; } = [];

    public long Start { get; set; }

    public long? Stop { get; set; }
}
