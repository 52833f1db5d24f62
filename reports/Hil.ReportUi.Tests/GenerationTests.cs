namespace Hil.ReportUi.Tests;

public sealed class GenerationTests
{
    [Test]
    public void ThePinnedCliBuildsTheReportWithoutWarnings()
    {
        var generations = ReportUnderTest.Current.Generations;
        Assert.Multiple(() =>
        {
            Assert.That(generations, Has.Count.EqualTo(2));
            Assert.That(generations.SelectMany(g => g.Warnings), Is.Empty, string.Join("\n", generations.SelectMany(g => g.Output)));
            Assert.That(generations.Select(g => File.Exists(g.IndexHtml)), Is.All.True);
        });
    }

    [Test]
    public void TheHistoryFileHasOneRunPerGeneration()
    {
        var lines = File.ReadAllLines(ReportUnderTest.Current.HistoryFile).Where(l => l.Length > 0).ToList();
        Assert.That(lines, Has.Count.EqualTo(2));
    }
}
