using Hil.Reporting.Model;

namespace Hil.Reporting;

/// <summary>
/// Base of the label attributes. Put them on a test method, a fixture class (its tests inherit
/// them) or the assembly; for one-value labels (severity, owner, topology, rig) the nearest wins.
/// </summary>
[AttributeUsage(AttributeTargets.Method | AttributeTargets.Class | AttributeTargets.Assembly, AllowMultiple = true, Inherited = true)]
public abstract class AllureLabelsAttribute : Attribute
{
    internal abstract IEnumerable<(string Name, string Value)> Labels();
}

public sealed class AllureLabelAttribute(string name, string value) : AllureLabelsAttribute
{
    internal override IEnumerable<(string, string)> Labels() => [(name, value)];
}

public sealed class AllureFeatureAttribute(params string[] features) : AllureLabelsAttribute
{
    internal override IEnumerable<(string, string)> Labels() => features.Select(f => (AllureLabels.Feature.Name, f));
}

public sealed class AllureStoryAttribute(params string[] stories) : AllureLabelsAttribute
{
    internal override IEnumerable<(string, string)> Labels() => stories.Select(s => (AllureLabels.Story.Name, s));
}

public sealed class AllureEpicAttribute(params string[] epics) : AllureLabelsAttribute
{
    internal override IEnumerable<(string, string)> Labels() => epics.Select(e => (AllureLabels.Epic.Name, e));
}

public sealed class AllureTagAttribute(params string[] tags) : AllureLabelsAttribute
{
    internal override IEnumerable<(string, string)> Labels() => tags.Select(t => (AllureLabels.Tag.Name, t));
}

public sealed class AllureOwnerAttribute(string owner) : AllureLabelsAttribute
{
    internal override IEnumerable<(string, string)> Labels() => [(AllureLabels.Owner.Name, owner)];
}

public sealed class AllureSeverityAttribute(Severity severity) : AllureLabelsAttribute
{
    internal override IEnumerable<(string, string)> Labels() => [(AllureLabels.Severity.Name, severity.ToString().ToLowerInvariant())];
}

/// <summary>The topology a test measures: <c>app-relay</c>, <c>one-process</c>, <c>shared-ring</c>.</summary>
public sealed class AllureTopologyAttribute(string topology) : AllureLabelsAttribute
{
    internal override IEnumerable<(string, string)> Labels() => [(AllureLabels.Topology.Name, topology)];
}

public sealed class AllureRigAttribute(string rig) : AllureLabelsAttribute
{
    internal override IEnumerable<(string, string)> Labels() => [(AllureLabels.Rig.Name, rig)];
}

public sealed class AllureParentSuiteAttribute(string name) : AllureLabelsAttribute
{
    internal override IEnumerable<(string, string)> Labels() => [(AllureLabels.ParentSuite.Name, name)];
}

public sealed class AllureSuiteAttribute(string name) : AllureLabelsAttribute
{
    internal override IEnumerable<(string, string)> Labels() => [(AllureLabels.Suite.Name, name)];
}

public sealed class AllureSubSuiteAttribute(string name) : AllureLabelsAttribute
{
    internal override IEnumerable<(string, string)> Labels() => [(AllureLabels.SubSuite.Name, name)];
}

/// <summary>A TestOps id; Allure 3 then keys history on it instead of fullName.</summary>
public sealed class AllureIdAttribute(int id) : AllureLabelsAttribute
{
    internal override IEnumerable<(string, string)> Labels() => [(AllureLabels.AllureId.Name, id.ToString(System.Globalization.CultureInfo.InvariantCulture))];
}

/// <summary>Base of the link attributes, on a test method or a fixture class.</summary>
[AttributeUsage(AttributeTargets.Method | AttributeTargets.Class, AllowMultiple = true, Inherited = true)]
public abstract class AllureLinksAttribute : Attribute
{
    internal abstract AllureLink Link();
}

/// <summary>A link on the test page; <c>type</c> is link, issue or tms.</summary>
public sealed class AllureLinkAttribute(string name, string url, string type = "link") : AllureLinksAttribute
{
    public string Name { get; } = name;

    public string Url { get; } = url;

    public string Type { get; } = type;

    internal override AllureLink Link() => new(Name, Url, Type);
}

/// <summary>
/// An issue by its id, <c>[AllureIssue("123")]</c>: the link's url comes from the <c>{issue}</c>
/// pattern of allureConfig.json (see harness/Hil.Reporting/README.md, "Links and test plans"); a full url is kept as it is.
/// </summary>
public sealed class AllureIssueAttribute(string id) : AllureLinksAttribute
{
    public string Id { get; } = id;

    internal override AllureLink Link() => new(Id, Id, "issue");
}

/// <summary>A test-management (TMS) item by its id; the url comes from the <c>{tms}</c> pattern.</summary>
public sealed class AllureTmsAttribute(string id) : AllureLinksAttribute
{
    public string Id { get; } = id;

    internal override AllureLink Link() => new(Id, Id, "tms");
}

/// <summary>Markdown description; NUnit's own [Description] is read too.</summary>
[AttributeUsage(AttributeTargets.Method | AttributeTargets.Class, Inherited = true)]
public sealed class AllureDescriptionAttribute(string markdown) : Attribute
{
    public string Markdown { get; } = markdown;
}

/// <summary>
/// On a test method's parameter: its value changes every run (a port, a seed), so it is shown
/// but left out of the history identity and the run lines up with earlier ones.
/// </summary>
[AttributeUsage(AttributeTargets.Parameter)]
public sealed class HistoryExcludedAttribute : Attribute;
