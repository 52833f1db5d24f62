using Hil.Reporting.Model;

namespace Hil.Reporting.Runtime;

/// <summary>What the writer needs to know about a test case, independent of how NUnit describes it.</summary>
internal sealed record TestFacts(
    string NUnitId,
    string Name,
    string FullName,
    IReadOnlyList<string> TitlePath,
    IReadOnlyList<AllureLabel> Labels,
    IReadOnlyList<AllureParameter> Parameters,
    IReadOnlyList<AllureLink> Links,
    string? Description,
    IReadOnlyList<string> AncestorIds);

/// <summary>Label merging: some labels hold one value (the nearest scope wins), the rest accumulate.</summary>
internal static class LabelSet
{
    private static readonly HashSet<string> SingleValued = new(StringComparer.Ordinal)
    {
        "severity", "owner", "topology", "rig", "dextVersion", "host", "thread", "framework", "language",
        "parentSuite", "suite", "subSuite", "package", "testClass", "testMethod", "ALLURE_ID", "fault",
    };

    /// <summary>Adds a label; a single-valued one replaces the old value when <paramref name="replace"/>, else is kept only if absent.</summary>
    public static void Add(List<AllureLabel> labels, AllureLabel label, bool replace)
    {
        if (SingleValued.Contains(label.Name))
        {
            var existing = labels.FindIndex(l => l.Name == label.Name);
            if (existing >= 0)
            {
                if (replace)
                {
                    labels[existing] = label;
                }

                return;
            }
        }
        else if (labels.Contains(label))
        {
            return;
        }

        labels.Add(label);
    }

    public static void AddParameter(List<AllureParameter> parameters, AllureParameter parameter)
    {
        parameters.RemoveAll(p => p.Name == parameter.Name);
        parameters.Add(parameter);
    }
}
