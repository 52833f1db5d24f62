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

/// <summary>Label merging: single-valued labels of <see cref="AllureLabels"/> hold one value (the nearest scope wins), the rest accumulate.</summary>
internal static class LabelSet
{
    /// <summary>Adds a label; a single-valued one replaces the old value when <paramref name="replace"/>, else is kept only if absent.</summary>
    public static void Add(List<AllureLabel> labels, AllureLabel label, bool replace)
    {
        if (AllureLabels.IsSingleValued(label.Name))
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
