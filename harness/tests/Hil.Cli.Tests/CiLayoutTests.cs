using System.Text.RegularExpressions;
using Hil.Foundation;
using Hil.Reporting.Contracts;

namespace Hil.Cli.Tests;

/// <summary>
/// The workflow and the gate script name folders of the results layout as plain paths: these
/// tests keep them in step with <see cref="ResultsLayout"/>, so the report step reads the folder
/// `hil run` writes Allure results to; and each Mac mini's runner label is the `rig:` of the rig
/// file its job runs.
/// </summary>
public sealed partial class CiLayoutTests
{
    private static readonly string Root = RepositoryRoot.Find(AppContext.BaseDirectory);

    [Test]
    public void Every_job_uploads_the_results_directory_its_run_wrote()
    {
        var workflow = File.ReadAllText(Path.Combine(Root, "ci", "nightly.yml"));
        var runs = RunResults().Matches(workflow).Select(m => m.Groups[1].Value).ToList();
        var uploads = UploadedResults().Matches(workflow).Select(m => m.Groups[1].Value).ToList();

        Assert.That(runs, Is.Not.Empty, "ci/nightly.yml runs `./hil run --results DIR`");
        Assert.That(uploads, Is.EqualTo(runs), "each job uploads the --results directory of its `hil run`");
    }

    [Test]
    public void The_report_step_reads_the_allure_folder_of_the_merged_layouts()
    {
        var workflow = File.ReadAllText(Path.Combine(Root, "ci", "nightly.yml"));
        var script = File.ReadAllText(Path.Combine(Root, "ci", "report-and-gate.sh"));
        var merge = File.ReadAllText(Path.Combine(Root, "ci", "merge-results.mjs"));
        var downloaded = Download().Match(workflow).Groups[1].Value;

        Assert.Multiple(() =>
        {
            Assert.That(downloaded, Is.Not.Empty, "the report job downloads the artifacts into one folder, one layout each");
            Assert.That(ReportAndGate().Match(workflow).Groups[1].Value, Is.EqualTo(downloaded), "ci/report-and-gate.sh is given that folder");
            Assert.That(script, Does.Contain($"report --results \"$MERGED/{ResultsLayout.AllureFolder}\""));
            Assert.That(script, Does.Contain("ci/gate.sh\" \"$MERGED\""), "ci/gate.sh is given the merged results layout");
            Assert.That(merge, Does.Contain($"\"{ResultsLayout.AllureFolder}\""), "the merge finds each layout's run files in its Allure folder");
        });
    }

    [Test]
    public void The_gate_script_reads_the_measurements_folder_of_the_layout()
    {
        var script = File.ReadAllText(Path.Combine(Root, "ci", "gate.sh"));
        Assert.That(script, Does.Contain($"\"$RESULTS\"/{ResultsLayout.MeasurementsFolder}/*.measurement.json"));
    }

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

    [GeneratedRegex(@"\./hil run [^\n]*--results (\S+)")]
    private static partial Regex RunResults();

    [GeneratedRegex(@"name: ""?allure-results-[^,]*, path: (\S+?) ?\}")]
    private static partial Regex UploadedResults();

    [GeneratedRegex(@"pattern: allure-results-\*, path: (\S+?)[ ,}]")]
    private static partial Regex Download();

    [GeneratedRegex(@"run: ci/report-and-gate\.sh (\S+)")]
    private static partial Regex ReportAndGate();

    [GeneratedRegex(@"- \{ rig: ([^,\s]+), file: ([^\s}]+) \}")]
    private static partial Regex MatrixEntry();

    [GeneratedRegex(@"(?m)^rig: *(\S+)")]
    private static partial Regex RigName();
}
