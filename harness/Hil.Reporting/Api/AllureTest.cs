using Hil.Reporting.Model;
using Hil.Reporting.Runtime;

namespace Hil.Reporting;

/// <summary>
/// Labels, parameters and links set while a test runs. Called in a [OneTimeSetUp] they apply to
/// every test of that fixture. Outside a recorded test they do nothing.
/// </summary>
public static class AllureTest
{
    public static void AddLabel(string name, string value) => Label(name, value);

    public static void SetFeature(string feature) => Label(AllureLabels.Feature.Name, feature);

    public static void SetStory(string story) => Label(AllureLabels.Story.Name, story);

    public static void SetEpic(string epic) => Label(AllureLabels.Epic.Name, epic);

    public static void SetOwner(string owner) => Label(AllureLabels.Owner.Name, owner);

    public static void AddTag(string tag) => Label(AllureLabels.Tag.Name, tag);

    public static void SetSeverity(Severity severity) => Label(AllureLabels.Severity.Name, severity.ToString().ToLowerInvariant());

    /// <summary>The topology under test: <c>app-relay</c>, <c>one-process</c> or <c>shared-ring</c>.</summary>
    public static void SetTopology(string topology) => Label(AllureLabels.Topology.Name, topology);

    /// <summary>This test's rig, when it differs from the run's (<see cref="AllureRun.SetRig"/>).</summary>
    public static void SetRig(string rig) => Label(AllureLabels.Rig.Name, rig);

    /// <summary>
    /// A parameter shown on the test. Set <paramref name="excluded"/> for values that change every
    /// run (ports, pids, sample counts): they are shown but left out of the history identity.
    /// </summary>
    public static void AddParameter(string name, object? value, bool excluded = false, bool masked = false)
    {
        var parameter = new AllureParameter
        {
            Name = name,
            Value = ValueText.Of(value),
            Excluded = excluded,
            Mode = masked ? ParameterMode.Masked : ParameterMode.Default,
        };
        With(e => LabelSet.AddParameter(e.Parameters, parameter));
    }

    /// <summary>A link; <paramref name="type"/> is <c>link</c>, <c>issue</c> or <c>tms</c>.</summary>
    public static void AddLink(string name, string url, string type = "link") =>
        With(e => e.Links.Add(new AllureLink(name, url, type)));

    /// <summary>An issue by its id; allureConfig.json's <c>{issue}</c> pattern makes the url.</summary>
    public static void AddIssue(string id) => AddLink(id, id, "issue");

    /// <summary>A test-management item by its id; allureConfig.json's <c>{tms}</c> pattern makes the url.</summary>
    public static void AddTmsItem(string id) => AddLink(id, id, "tms");

    public static void SetDescription(string markdown) => With(e => e.Description = markdown);

    private static void Label(string name, string value) =>
        With(e => LabelSet.Add(e.Labels, new AllureLabel(name, value), replace: true));

    private static void With(Action<Execution> change)
    {
        if (CurrentExecution.Find() is not { } execution)
        {
            return;
        }

        lock (execution.Gate)
        {
            change(execution);
        }

        execution.Changed();
    }
}
