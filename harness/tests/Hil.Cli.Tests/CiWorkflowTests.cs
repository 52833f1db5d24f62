using System.Text.RegularExpressions;
using Hil.Foundation;

namespace Hil.Cli.Tests;

/// <summary>ci/nightly.yml's rig matrix: each Mac mini's runner label is the `rig:` of the rig file its job runs.</summary>
public sealed partial class CiWorkflowTests
{
    private static readonly string Root = RepositoryRoot.Find(AppContext.BaseDirectory);

    [Test]
    public void Every_matrix_rig_label_is_the_rig_name_in_its_file()
    {
        var workflow = File.ReadAllText(Path.Combine(Root, "ci", "nightly.yml"));
        var entries = MatrixEntry().Matches(workflow).Select(m => (Label: m.Groups[1].Value, File: m.Groups[2].Value)).ToList();

        Assert.That(entries, Is.Not.Empty, "ci/nightly.yml's rig job lists `- { rig: LABEL, file: RIG_FILE }` entries");
        Assert.Multiple(() =>
        {
            foreach (var (label, file) in entries)
            {
                var rigFile = Path.Combine(Root, file);
                Assert.That(File.Exists(rigFile), Is.True, $"ci/nightly.yml: matrix entry '{label}' names {file}, which does not exist");
                var name = RigName().Match(File.Exists(rigFile) ? File.ReadAllText(rigFile) : "").Groups[1].Value;
                Assert.That(name, Is.EqualTo(label), $"ci/nightly.yml: runner label '{label}' differs from `rig:` in {file}");
            }
        });
    }

    [GeneratedRegex(@"- \{ rig: ([^,\s]+), file: ([^\s}]+) \}")]
    private static partial Regex MatrixEntry();

    [GeneratedRegex(@"(?m)^rig: *(\S+)")]
    private static partial Regex RigName();
}
