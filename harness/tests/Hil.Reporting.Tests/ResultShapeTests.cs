using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Hil.Reporting.Samples;
using Hil.Reporting.Writing;

namespace Hil.Reporting.Tests;

/// <summary>The files match the Allure 2 results format (shared/reference/allure.md §1).</summary>
public partial class ResultShapeTests
{
    private static readonly string[] RequiredLabels =
        ["parentSuite", "suite", "subSuite", "feature", "story", "severity", "tag", "host", "thread", "framework", "language", "topology", "rig", "dextVersion", "epic"];

    private SampleRunner _run = null!;
    private JsonObject _oneWay = null!;

    [OneTimeSetUp]
    public void RunSamples()
    {
        _run = new SampleRunner();
        _run.Lifecycle.Run.Rig = "sim-default";
        _run.Lifecycle.Run.DextVersion = "1.4.0 (42)";
        _run.Run(typeof(Stepped));
        _oneWay = _run.Single("OneWay(\"app-relay\",4000)");
    }

    [OneTimeTearDown]
    public void Clean() => _run.Dispose();

    [Test]
    public void AResultCarriesIdentityStatusStageAndEpochMilliseconds()
    {
        var start = (long)_oneWay["start"]!;
        var stop = (long)_oneWay["stop"]!;
        Assert.Multiple(() =>
        {
            Assert.That(Guid.TryParse((string?)_oneWay["uuid"], out _), Is.True);
            Assert.That(File.Exists(Path.Combine(_run.Directory, $"{_oneWay["uuid"]}-result.json")), Is.True);
            Assert.That((string?)_oneWay["fullName"], Is.EqualTo("Hil.Reporting.Samples.Stepped.OneWay(System.String,System.Int32)"));
            Assert.That((string?)_oneWay["status"], Is.EqualTo("passed"));
            Assert.That((string?)_oneWay["stage"], Is.EqualTo("finished"));
            Assert.That(start, Is.GreaterThan(1_600_000_000_000L), "Unix epoch milliseconds");
            Assert.That(stop, Is.GreaterThanOrEqualTo(start));
            Assert.That(_oneWay.ContainsKey("statusDetails"), Is.False, "nulls are left out");
        });
    }

    [Test]
    public void EveryLabelTheIssueNamesIsPresent()
    {
        var names = _oneWay["labels"]!.AsArray().Select(l => (string?)l!["name"]).ToHashSet();
        Assert.Multiple(() =>
        {
            Assert.That(RequiredLabels.Where(l => !names.Contains(l)), Is.Empty);
            Assert.That(SampleRunner.Label(_oneWay, "severity"), Is.EqualTo("critical"), "the method's severity beats the class's");
            Assert.That(SampleRunner.Label(_oneWay, "topology"), Is.EqualTo("app-relay"));
            Assert.That(SampleRunner.Label(_oneWay, "rig"), Is.EqualTo("sim-default"));
            Assert.That(SampleRunner.Label(_oneWay, "tag"), Is.EqualTo("nightly"), "NUnit [Category] on the fixture");
            Assert.That(SampleRunner.Label(_oneWay, "suite"), Is.EqualTo("Hil.Reporting.Samples"));
            Assert.That(SampleRunner.Label(_oneWay, "subSuite"), Is.EqualTo("Stepped"));
            Assert.That(SampleRunner.Label(_oneWay, "framework"), Is.EqualTo("NUnit 5"));
        });
    }

    [Test]
    public void ParametersComeFromArgumentsAndVolatileOnesAreExcluded()
    {
        var parameters = _oneWay["parameters"]!.AsArray().Select(p => p!.AsObject()).ToDictionary(p => (string)p["name"]!);
        Assert.Multiple(() =>
        {
            Assert.That((string?)parameters["topology"]["value"], Is.EqualTo("app-relay"));
            Assert.That(parameters["topology"].ContainsKey("excluded"), Is.False);
            Assert.That((string?)parameters["port"]["value"], Is.EqualTo("4000"));
            Assert.That((bool?)parameters["port"]["excluded"], Is.True, "[HistoryExcluded] on the parameter");
            Assert.That((bool?)parameters["samples"]["excluded"], Is.True, "AllureTest.AddParameter(excluded: true)");
        });
    }

    [Test]
    public void StepsNestWithTimingStatusParametersAndAttachments()
    {
        var measure = _oneWay["steps"]![0]!.AsObject();
        var children = measure["steps"]!.AsArray().Select(s => s!.AsObject()).ToList();
        var attachment = measure["attachments"]![0]!.AsObject();
        Assert.Multiple(() =>
        {
            Assert.That((string?)measure["name"], Is.EqualTo("measure"));
            Assert.That((string?)measure["status"], Is.EqualTo("passed"));
            Assert.That((long)measure["stop"]!, Is.GreaterThanOrEqualTo((long)measure["start"]!));
            Assert.That((string?)measure["parameters"]![0]!["name"], Is.EqualTo("rate"));
            Assert.That(children.Select(c => (string?)c["name"]), Is.EqualTo(new[] { "send burst", "drain ring" }));
            Assert.That(children.Select(c => (string?)c["status"]), Is.All.EqualTo("passed"));
            Assert.That((string?)attachment["type"], Is.EqualTo("text/csv"));
            Assert.That((string?)attachment["source"], Does.Match(SourcePattern()));
            Assert.That(File.ReadAllText(Path.Combine(_run.Directory, (string)attachment["source"]!)), Is.EqualTo("app-relay,1000"));
        });
    }

    [Test]
    public void AnExceptionCaughtInsideAStepLeavesItPassed()
    {
        var hiccup = _oneWay["steps"]!.AsArray().Select(s => s!.AsObject()).Single(s => (string?)s["name"] == "handled hiccup");
        Assert.That((string?)hiccup["status"], Is.EqualTo("passed"));
    }

    [Test]
    public void AStepThatEndedTheTestIsFailedWithItsFault()
    {
        var result = _run.Single("StepThatFails");
        var step = result["steps"]![0]!.AsObject();
        Assert.Multiple(() =>
        {
            Assert.That((string?)result["status"], Is.EqualTo("failed"));
            Assert.That((string?)step["status"], Is.EqualTo("failed"));
            Assert.That((string?)step["statusDetails"]!["message"], Does.StartWith("[product-defect] Driver2 returned kIOReturnBadArgument"));
        });
    }

    [Test]
    public void SetUpAndTearDownAreAContainerPerTestWithTheirStepsAndAttachments()
    {
        var uuid = (string?)_oneWay["uuid"];
        var container = _run.Containers().Single(c => c["children"]!.AsArray().Any(x => (string?)x == uuid));
        var before = container["befores"]![0]!.AsObject();
        Assert.Multiple(() =>
        {
            Assert.That((string?)before["name"], Is.EqualTo("PowerOn"));
            Assert.That((string?)before["status"], Is.EqualTo("passed"));
            Assert.That((string?)before["steps"]![0]!["name"], Is.EqualTo("power on stimulus-a"));
            Assert.That((string?)before["steps"]![0]!["attachments"]![0]!["name"], Is.EqualTo("relay log"));
            Assert.That((string?)container["afters"]![0]!["steps"]![0]!["name"], Is.EqualTo("power off stimulus-a"));
            Assert.That(_oneWay["steps"]!.AsArray().Select(s => (string?)s!["name"]), Has.No.Member("power on stimulus-a"), "set-up steps stay out of the body");
        });
    }

    [Test]
    public void RunFilesAreWrittenAndNoTemporaryFileIsLeft()
    {
        var environment = File.ReadAllText(Path.Combine(_run.Directory, "environment.properties"));
        Assert.Multiple(() =>
        {
            Assert.That(environment, Does.Contain("Rig=sim-default").And.Contain("Dext\\ version=1.4.0 (42)").And.Contain("OS\\ build=").And.Contain("Commit="));
            Assert.That(File.Exists(Path.Combine(_run.Directory, "executor.json")), Is.True);
            Assert.That(JsonNode.Parse(File.ReadAllText(Path.Combine(_run.Directory, "categories.json")))!.AsArray(), Has.Count.EqualTo(JsonNode.Parse(RunFiles.CategoriesJson())!.AsArray().Count).And.Count.GreaterThanOrEqualTo(5));
            Assert.That(Directory.GetFiles(_run.Directory, "*.tmp"), Is.Empty);
        });
    }

    [GeneratedRegex("^[a-f0-9]{32}-attachment\\.csv$")]
    private static partial Regex SourcePattern();
}
