using Hil.Reporting.Model;
using Hil.Reporting.Runtime;
using Hil.Reporting.Samples;

namespace Hil.Reporting.Tests;

/// <summary>The one table of labels: single-valued labels never repeat, whichever scopes set them.</summary>
public class LabelTableTests
{
    [Test]
    public void EveryLabelHasOneEntry() =>
        Assert.That(AllureLabels.All.Select(k => k.Name), Is.Unique);

    [Test]
    public void TheTableListsEveryLabelTheWriterSetsItself() =>
        Assert.That(AllureLabels.All.Select(k => k.Name), Is.SupersetOf(
            new[] { "parentSuite", "suite", "subSuite", "host", "thread", "framework", "language", "package", "testClass", "testMethod", "rig", "dextVersion", "fault" }));

    [Test]
    public void ASingleValuedLabelAddedTwiceKeepsOneValue([ValueSource(nameof(SingleValued))] string name)
    {
        var labels = new List<AllureLabel>();
        LabelSet.Add(labels, new AllureLabel(name, "first"), replace: true);
        LabelSet.Add(labels, new AllureLabel(name, "second"), replace: true);
        LabelSet.Add(labels, new AllureLabel(name, "third"), replace: false);
        Assert.That(labels, Is.EqualTo(new[] { new AllureLabel(name, "second") }));
    }

    [Test]
    public void AManyValuedLabelKeepsEveryDistinctValue()
    {
        var labels = new List<AllureLabel>();
        foreach (var value in new[] { "a", "b", "a" })
        {
            LabelSet.Add(labels, AllureLabels.Tag.With(value), replace: true);
        }

        Assert.That(labels.Select(l => l.Value), Is.EqualTo(new[] { "a", "b" }));
    }

    [Test]
    public void RunLabelsComeFromTheRunInfo()
    {
        var run = new RunInfo { Rig = "mini-1", DextVersion = "1.4.0 (42)" };
        Assert.That(run.Labels(), Is.EquivalentTo(new[] { AllureLabels.Rig.With("mini-1"), AllureLabels.DextVersion.With("1.4.0 (42)") }));
    }

    [Test]
    public void InAWrittenResultNoSingleValuedLabelRepeatsAndTheNearestScopeWins()
    {
        using var run = new SampleRunner();
        run.Lifecycle.Run.Rig = "run-rig";
        run.Lifecycle.Run.DextVersion = "run-dext";
        run.Run(typeof(EveryScope));
        var result = run.Single("Everywhere");
        var names = result["labels"]!.AsArray().Select(l => (string)l!["name"]!).ToList();

        Assert.Multiple(() =>
        {
            foreach (var name in SingleValued())
            {
                Assert.That(names.Count(n => n == name), Is.AtMost(1), $"label '{name}' is single-valued");
            }

            Assert.That(SampleRunner.Label(result, "rig"), Is.EqualTo("body-rig"), "the test's own rig beats the class's and the run's");
            Assert.That(SampleRunner.Label(result, "severity"), Is.EqualTo("blocker"), "set in the body beats the method's attribute");
            Assert.That(SampleRunner.Label(result, "topology"), Is.EqualTo("app-relay"), "the method's attribute beats the fixture's set-up");
            Assert.That(SampleRunner.Label(result, "owner"), Is.EqualTo("class-owner"), "the class attribute beats NUnit's [Author] and the set-up");
            Assert.That(SampleRunner.Label(result, "dextVersion"), Is.EqualTo("body-dext"));
            Assert.That(SampleRunner.Label(result, "fault"), Is.EqualTo("product-defect"));
        });
    }

    private static IEnumerable<string> SingleValued() => AllureLabels.All.Where(k => k.SingleValued).Select(k => k.Name);
}
