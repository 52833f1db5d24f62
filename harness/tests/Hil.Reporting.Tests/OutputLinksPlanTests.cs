using System.Text.Json.Nodes;
using Hil.Foundation;
using Hil.Reporting.Runtime;
using Hil.Reporting.Samples;
using Hil.Reporting.Writing;
using NUnit.Framework.Interfaces;

namespace Hil.Reporting.Tests;

/// <summary>What Allure.NUnit gives a test besides labels: its console output, links from patterns, a test plan.</summary>
public class OutputLinksPlanTests
{
    [Test]
    public void WhatATestWroteIsAttachedAsConsoleOutput()
    {
        using var run = new SampleRunner();
        run.Run(typeof(Chatty));

        var talks = run.Single("Talks");
        var attachment = talks["attachments"]!.AsArray().Single()!.AsObject();
        var text = File.ReadAllText(Path.Combine(run.Directory, (string)attachment["source"]!));
        Assert.Multiple(() =>
        {
            Assert.That((string?)attachment["name"], Is.EqualTo(ConsoleOutput.Name));
            Assert.That((string?)attachment["type"], Is.EqualTo("text/plain"));
            Assert.That(text, Does.Contain("relay1/1 ON").And.Contain("enumerated HIL-A"));
            Assert.That(run.Single("Quiet")["attachments"]?.AsArray() ?? [], Is.Empty, "a test that wrote nothing gets no attachment");
        });
    }

    [Test]
    public void IssueAndTmsIdsBecomeLinksThroughThePatterns()
    {
        using var run = new SampleRunner();
        run.Lifecycle.Writer.Links = new LinkPatterns(["https://tracker.example/browse/{issue}", "https://tms.example/case/{TMS}"]);
        run.Run(typeof(Linked));

        Assert.Multiple(() =>
        {
            Assert.That(Links(run.Single("Tracked")), Is.EquivalentTo(new[]
            {
                ("issue", "123", "https://tracker.example/browse/123"),
                ("tms", "TMS-7", "https://tms.example/case/TMS-7"),
                ("link", "spec", "https://example.org/spec"),
            }));
            Assert.That(Links(run.Single("AtRunTime")), Does.Contain(("issue", "HIL 9", "https://tracker.example/browse/HIL%209")));
        });
    }

    [Test]
    public void WithoutPatternsAnIdStaysTheLinksUrl()
    {
        using var run = new SampleRunner();
        run.Run(typeof(Linked));

        Assert.That(Links(run.Single("Tracked")), Does.Contain(("issue", "123", "123")));
    }

    [Test]
    public void ATestPlanRunsAndRecordsOnlyTheListedTests()
    {
        using var run = new SampleRunner();
        var plan = Path.Combine(run.Directory, "..", $"{Guid.NewGuid():N}-testplan.json");
        File.WriteAllText(plan, """
            {"version": "1.0", "tests": [
              {"selector": "Hil.Reporting.Samples:Hil.Reporting.Samples.Planned.Chosen()"},
              {"id": "42"}
            ]}
            """);
        try
        {
            run.Lifecycle.Plan = TestPlan.Read(plan);
            Planned.LeftOutRuns = 0;
            var result = run.Run(typeof(Planned));

            var leftOut = Leaves(result).Single(r => r.Test.Name == "LeftOut");
            Assert.Multiple(() =>
            {
                Assert.That(run.Results().Select(r => (string?)r["name"]), Is.EquivalentTo(new[] { "Chosen", "ById" }));
                Assert.That(Planned.LeftOutRuns, Is.Zero, "a test the plan leaves out must not run");
                Assert.That(leftOut.ResultState.Status, Is.EqualTo(TestStatus.Skipped));
                Assert.That(leftOut.Message, Does.Contain(TestPlan.SkipReason));
            });
        }
        finally
        {
            File.Delete(plan);
        }
    }

    [Test]
    public void AFileThatIsNotATestPlanNamesItself()
    {
        var plan = Path.Combine(Path.GetTempPath(), $"{Guid.NewGuid():N}-testplan.json");
        File.WriteAllText(plan, """{"version": "1.0", "tests": {"id": "1"}}""");
        try
        {
            var error = Assert.Throws<InputException>(() => TestPlan.Read(plan));
            Assert.That(error!.Message, Does.StartWith(plan).And.Contain("\"tests\" array"));
        }
        finally
        {
            File.Delete(plan);
        }
    }

    private static IEnumerable<(string?, string?, string?)> Links(JsonObject result) =>
        result["links"]!.AsArray().Select(l => ((string?)l!["type"], (string?)l["name"], (string?)l["url"]));

    private static IEnumerable<ITestResult> Leaves(ITestResult result) =>
        result.HasChildren ? result.Children.SelectMany(Leaves) : [result];
}
