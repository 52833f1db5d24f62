using Hil.Foundation;
using Hil.TestSupport;

namespace Hil.Reporting.Tests;

/// <summary>A run's report is that run's: the output folder is replaced whole, with the pinned Allure CLI (reports/, `npm ci`).</summary>
public sealed class ReportFolderTests : TempFolderTest
{
    private string Results(string name, params string[] tests)
    {
        var dir = Path.Combine(Dir, name);
        Directory.CreateDirectory(dir);
        foreach (var test in tests)
        {
            File.WriteAllText(Path.Combine(dir, $"{Guid.NewGuid()}-result.json"), $$"""
                {"uuid":"{{Guid.NewGuid()}}","historyId":"h-{{test}}","testCaseId":"t-{{test}}","fullName":"Demo.{{test}}","name":"{{test}}",
                 "status":"passed","stage":"finished","start":1000,"stop":2000,"labels":[{"name":"suite","value":"Demo"}]}
                """);
        }

        return dir;
    }

    private string[] Siblings() => [.. Directory.EnumerateFileSystemEntries(Dir).Select(Path.GetFileName).OfType<string>().Order(StringComparer.Ordinal)];

    [Test]
    [CancelAfter(300_000)]
    public async Task Generating_twice_into_one_folder_shows_the_second_run_only(CancellationToken ct)
    {
        var output = Path.Combine(Dir, "report");
        var history = Path.Combine(Dir, "history.jsonl");
        await AllureReport.GenerateAsync(Results("first", "alpha", "beta", "gamma"), output, history, singleFile: false, ct);

        var second = await AllureReport.GenerateAsync(Results("second", "delta"), output, history, singleFile: false, ct);

        Assert.Multiple(() =>
        {
            Assert.That(second.IndexHtml, Is.EqualTo(Path.Combine(output, "index.html")));
            Assert.That(Directory.GetFiles(Path.Combine(output, "data", "test-results"), "*.json"), Has.Length.EqualTo(1));
            var tests = File.ReadAllText(Path.Combine(output, "test-results.json"));
            Assert.That(tests, Does.Contain("delta").And.Not.Contain("alpha"));
            Assert.That(Path.Combine(output, "awesome"), Does.Not.Exist);
            Assert.That(Path.Combine(output, ReportFolder.MarkerName), Does.Exist);
            Assert.That(Siblings(), Is.EqualTo(new[] { "first", "history.jsonl", "report", "second" }), "no staging or old folder is left beside the report");
        });
    }

    [Test]
    [CancelAfter(30_000)]
    public void A_folder_that_is_not_our_report_is_refused_by_name_and_left_alone(CancellationToken ct)
    {
        var output = Path.Combine(Dir, "photos");
        Directory.CreateDirectory(output);
        File.WriteAllText(Path.Combine(output, "holiday.jpg"), "not a report");

        Assert.That(async () => await AllureReport.GenerateAsync(Results("run", "alpha"), output, null, singleFile: false, ct),
            Throws.TypeOf<InputException>().With.Message.Contains(output).And.Message.Contains(ReportFolder.MarkerName));
        Assert.That(Directory.GetFileSystemEntries(output).Select(Path.GetFileName), Is.EqualTo(new[] { "holiday.jpg" }));
    }

    [Test]
    [CancelAfter(30_000)]
    public void An_interrupted_generation_leaves_the_previous_report_as_it_was(CancellationToken ct)
    {
        var output = Path.Combine(Dir, "report");
        Directory.CreateDirectory(output);
        File.WriteAllText(Path.Combine(output, ReportFolder.MarkerName), "");
        File.WriteAllText(Path.Combine(output, "index.html"), "previous run");
        using var interrupted = CancellationTokenSource.CreateLinkedTokenSource(ct);
        interrupted.Cancel();

        Assert.That(async () => await AllureReport.GenerateAsync(Results("run", "alpha"), output, Path.Combine(Dir, "h.jsonl"), singleFile: false, interrupted.Token),
            Throws.InstanceOf<OperationCanceledException>());
        Assert.That(File.ReadAllText(Path.Combine(output, "index.html")), Is.EqualTo("previous run"));
        Assert.That(Siblings(), Is.EqualTo(new[] { "report", "run" }));
    }
}
