using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Hil.Reporting.Samples;
using Hil.Reporting.Writing;

namespace Hil.Reporting.Tests;

/// <summary>Failures land in the category of who is to blame, matched the way Allure 2 matches (whole message, DOTALL).</summary>
public class CategoryTests
{
    private static readonly JsonArray Categories = JsonNode.Parse(RunFiles.CategoriesJson())!.AsArray();

    [TestCase("Product", "failed", "Product defects")]
    [TestCase("Assertion", "failed", "Product defects")]
    [TestCase("Regression", "failed", "Latency regressions")]
    [TestCase("Rig", "broken", "Rig and infrastructure faults")]
    [TestCase("Infrastructure", "broken", "Rig and infrastructure faults")]
    [TestCase("Harness", "broken", "Harness errors")]
    [TestCase("Input", "broken", "Input errors (yours to fix)")]
    [TestCase("Undecided", "skipped", "Host too noisy to decide")]
    public void EachFaultGetsItsStatusAndCategory(string test, string status, string category)
    {
        using var run = new SampleRunner();
        run.Run(typeof(Faults));
        var result = run.Single(test);
        var message = (string)result["statusDetails"]!["message"]!;

        Assert.Multiple(() =>
        {
            Assert.That((string?)result["status"], Is.EqualTo(status));
            Assert.That(CategoryOf(message, status), Is.EqualTo(category), message);
        });
    }

    [Test]
    public void TheRigFaultMessageNamesWhatWasAwaited()
    {
        using var run = new SampleRunner();
        run.Run(typeof(Faults));
        Assert.That((string?)run.Single("Rig")["statusDetails"]!["message"],
            Is.EqualTo("[rig-fault] timed out after 5 s waiting for arrival of stimulus-a (1209:0001)"));
    }

    [Test]
    public void ARigFaultOnManyChannelsReadsAsOneLineNamingTheRig()
    {
        using var run = new SampleRunner();
        run.Run(typeof(Faults));
        var result = run.Single("ManyChannels");
        Assert.Multiple(() =>
        {
            Assert.That((string?)result["status"], Is.EqualTo("broken"));
            Assert.That((string?)result["statusDetails"]!["message"], Is.EqualTo(
                "[rig-fault] rig 'faulty' did not reach safe state all-off on 3 channel(s): first: safe state all-off of rig 'faulty': "
                + "could not switch relay1:1 off: timed out (and 2 more like it; all in the trace)"));
            Assert.That((string?)result["statusDetails"]!["trace"], Does.Contain("relay1:3"));
        });
    }

    [Test]
    public void AnIgnoredTestIsReportedSkippedWithItsReason()
    {
        using var run = new SampleRunner();
        run.Run(typeof(Faults));
        var ignored = run.Single("Ignored");
        Assert.Multiple(() =>
        {
            Assert.That((string?)ignored["status"], Is.EqualTo("skipped"));
            Assert.That((string?)ignored["statusDetails"]!["message"], Is.EqualTo("waiting for the real relay board"));
        });
    }

    private static string? CategoryOf(string message, string status) => Categories
        .Select(c => c!.AsObject())
        .Where(c => c["matchedStatuses"]!.AsArray().Any(s => (string?)s == status))
        .FirstOrDefault(c => Regex.IsMatch(message, $"^(?:{(string)c["messageRegex"]!})$", RegexOptions.Singleline))?["name"]?.GetValue<string>();
}
