using System.Globalization;
using System.Reflection;
using Hil.Reporting.Runtime;

namespace Hil.Reporting.Model;

/// <summary>Where a label's value comes from.</summary>
public enum LabelSource
{
    /// <summary>Read by the NUnit hook from the test itself (<see cref="LabelKind.FromTest"/>).</summary>
    Test,

    /// <summary>Run-wide (<see cref="AllureRun"/>), on every test that has none of its own (<see cref="LabelKind.FromRun"/>).</summary>
    Run,

    /// <summary>Set by the label attributes or <see cref="AllureTest"/>.</summary>
    Api,

    /// <summary>Set by the failure classifier when a test does not pass.</summary>
    Outcome,
}

/// <summary>The test as the NUnit hook sees it: what test-derived labels read.</summary>
internal sealed record TestShape(
    string Assembly, string Namespace, string ShortClass, string ClassName, string MethodName, string Framework,
    IReadOnlyList<string> Categories, string? Author);

/// <summary>
/// One Allure label: its name, whether a test carries one value (the nearest scope wins: method,
/// class, assembly, suite set-up, run) or many, and where the value comes from.
/// </summary>
public sealed record LabelKind(string Name, bool SingleValued, LabelSource Source)
{
    internal Func<TestShape, IEnumerable<string>>? FromTest { get; init; }

    internal Func<RunInfo, string?>? FromRun { get; init; }

    public AllureLabel With(string value) => new(Name, value);
}

/// <summary>
/// The one table of labels: the NUnit hook, the run-wide labels, the attributes, the runtime API
/// and the label merging all read it. Adding a label is one line here.
/// </summary>
public static class AllureLabels
{
    private const bool One = true;
    private const bool Many = false;

    public static readonly LabelKind ParentSuite = new("parentSuite", One, LabelSource.Test) { FromTest = t => [t.Assembly] };
    public static readonly LabelKind Suite = new("suite", One, LabelSource.Test) { FromTest = t => [t.Namespace] };
    public static readonly LabelKind SubSuite = new("subSuite", One, LabelSource.Test) { FromTest = t => [t.ShortClass] };
    public static readonly LabelKind Host = new("host", One, LabelSource.Test) { FromTest = _ => [Environment.MachineName] };
    public static readonly LabelKind Thread = new("thread", One, LabelSource.Test) { FromTest = _ => [ThreadName()] };
    public static readonly LabelKind Framework = new("framework", One, LabelSource.Test) { FromTest = t => [t.Framework] };
    public static readonly LabelKind Language = new("language", One, LabelSource.Test) { FromTest = _ => ["C#"] };
    public static readonly LabelKind Package = new("package", One, LabelSource.Test) { FromTest = t => [t.ClassName] };
    public static readonly LabelKind TestClass = new("testClass", One, LabelSource.Test) { FromTest = t => [t.ClassName] };
    public static readonly LabelKind TestMethod = new("testMethod", One, LabelSource.Test) { FromTest = t => [t.MethodName] };
    public static readonly LabelKind Tag = new("tag", Many, LabelSource.Test) { FromTest = t => t.Categories }; // and [AllureTag], AllureTest.AddTag
    public static readonly LabelKind Owner = new("owner", One, LabelSource.Test) { FromTest = t => t.Author is { } a ? [a] : [] }; // and [AllureOwner]
    public static readonly LabelKind Rig = new("rig", One, LabelSource.Run) { FromRun = r => r.Rig };
    public static readonly LabelKind DextVersion = new("dextVersion", One, LabelSource.Run) { FromRun = r => r.DextVersion };
    public static readonly LabelKind Severity = new("severity", One, LabelSource.Api);
    public static readonly LabelKind Topology = new("topology", One, LabelSource.Api);
    public static readonly LabelKind Feature = new("feature", Many, LabelSource.Api);
    public static readonly LabelKind Story = new("story", Many, LabelSource.Api);
    public static readonly LabelKind Epic = new("epic", Many, LabelSource.Api);
    public static readonly LabelKind AllureId = new("ALLURE_ID", One, LabelSource.Api);
    public static readonly LabelKind Fault = new("fault", One, LabelSource.Outcome);

    /// <summary>Every label above, in declaration order (the order a result lists test-derived labels).</summary>
    public static readonly IReadOnlyList<LabelKind> All =
        [.. typeof(AllureLabels).GetFields(BindingFlags.Public | BindingFlags.Static)
            .Where(f => f.FieldType == typeof(LabelKind))
            .OrderBy(f => f.MetadataToken)
            .Select(f => (LabelKind)f.GetValue(null)!)];

    private static readonly Dictionary<string, LabelKind> ByName = All.ToDictionary(k => k.Name, StringComparer.Ordinal);

    /// <summary>A label of the table by name; null for a label a test made up (<see cref="AllureTest.AddLabel"/>: many-valued).</summary>
    internal static LabelKind? Find(string name) => ByName.GetValueOrDefault(name);

    internal static bool IsSingleValued(string name) => Find(name)?.SingleValued ?? false;

    private static string ThreadName() =>
        $"{Environment.ProcessId}.{System.Threading.Thread.CurrentThread.Name ?? Environment.CurrentManagedThreadId.ToString(CultureInfo.InvariantCulture)}";
}
