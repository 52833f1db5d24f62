using Hil.Reporting.Model;
using static Microsoft.Playwright.Assertions;

namespace Hil.ReportUi.Tests;

public sealed class CategoryAndHistoryTests
{
    private const string Infrastructure = "Rig and infrastructure faults";
    private const string Product = "Product defects";

    [Test]
    [CancelAfter(60_000)]
    public async Task TheRigFaultSitsAmongRigAndInfrastructureFaultsNotProductDefects(CancellationToken ct)
    {
        var rigFaults = ReportUnderTest.Current.Tests
            .Where(r => r.LabelValue(AllureLabels.Fault.Name) == "rig-fault")
            .Select(r => r.Name)
            .ToList();
        Assert.That(rigFaults, Is.Not.Empty, "the run includes a deliberately failing rig fault");

        var page = await ReportPages.OpenAsync("#/categories");
        await ReportPages.SectionTitle(page, Infrastructure).ClickAsync();
        foreach (var name in rigFaults)
        {
            await Expect(ReportPages.LeafTitles(page, name).First).ToBeVisibleAsync();
        }

        await ReportPages.ScreenshotAsync(page, "categories");

        var productDefects = ReportUnderTest.Current.Tests
            .Where(r => r.LabelValue(AllureLabels.Fault.Name) == "product-defect")
            .Select(r => r.Name)
            .ToList();
        var fresh = await ReportPages.OpenAsync("#/categories");
        await Expect(ReportPages.SectionTitle(fresh, Infrastructure)).ToBeVisibleAsync();
        if (productDefects.Count > 0)
        {
            await ReportPages.SectionTitle(fresh, Product).ClickAsync();
            await Expect(ReportPages.LeafTitles(fresh, productDefects[0]).First).ToBeVisibleAsync();
        }

        ct.ThrowIfCancellationRequested();
        var shown = await fresh.GetByTestId("tree-leaf-title").AllTextContentsAsync();
        Assert.Multiple(() =>
        {
            Assert.That(shown.Intersect(rigFaults), Is.Empty, $"rig faults listed under {Product}");
            Assert.That(shown, Is.SupersetOf(productDefects), $"every product defect listed under {Product}");
        });
    }

    [Test]
    [CancelAfter(60_000)]
    public async Task AfterTwoGenerationsATestsHistoryShowsTheEarlierRun(CancellationToken ct)
    {
        var test = ReportUnderTest.Current.Tests.First(r => r.Status == AllureStatus.Passed);
        var page = await ReportPages.OpenAsync(ReportPages.TestRoute(test.Uuid));
        await page.GetByTestId("test-result-tab-history").ClickAsync();

        // The page is the current run; its history tab lists the runs before it.
        ct.ThrowIfCancellationRequested();
        await Expect(page.GetByTestId("test-result-history-item")).ToHaveCountAsync(ReportUnderTest.Current.Generations.Count - 1);
        await ReportPages.ScreenshotAsync(page, "history");
    }
}
