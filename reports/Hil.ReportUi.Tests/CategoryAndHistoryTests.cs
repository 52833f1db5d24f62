using Microsoft.Playwright;
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
        var rigFaults = FixtureResults.FinalAttempts(ReportUnderTest.Current.Results)
            .Where(r => FixtureResults.Label(r, "fault") == "rig-fault")
            .Select(r => (string)r["name"]!)
            .ToList();
        Assert.That(rigFaults, Is.Not.Empty, "the run includes a deliberately failing rig fault");

        var page = await ReportPages.OpenAsync("#/categories");
        await Category(page, Infrastructure).ClickAsync();
        foreach (var name in rigFaults)
        {
            await Expect(LeafTitle(page, name)).ToBeVisibleAsync();
        }

        await ReportPages.ScreenshotAsync(page, "categories");

        var productDefects = FixtureResults.FinalAttempts(ReportUnderTest.Current.Results)
            .Where(r => FixtureResults.Label(r, "fault") == "product-defect")
            .Select(r => (string)r["name"]!)
            .ToList();
        var fresh = await ReportPages.OpenAsync("#/categories");
        await Expect(Category(fresh, Infrastructure)).ToBeVisibleAsync();
        if (productDefects.Count > 0)
        {
            await Category(fresh, Product).ClickAsync();
            await Expect(LeafTitle(fresh, productDefects[0])).ToBeVisibleAsync();
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
        var test = FixtureResults.FinalAttempts(ReportUnderTest.Current.Results).First(r => (string?)r["status"] == "passed");
        var page = await ReportPages.OpenAsync(ReportPages.TestRoute((string)test["uuid"]!));
        await page.GetByTestId("test-result-tab-history").ClickAsync();

        // The page is the current run; its history tab lists the runs before it.
        ct.ThrowIfCancellationRequested();
        await Expect(page.GetByTestId("test-result-history-item")).ToHaveCountAsync(ReportUnderTest.Current.Generations.Count - 1);
        await ReportPages.ScreenshotAsync(page, "history");
    }

    private static ILocator Category(IPage page, string name) =>
        page.GetByTestId("tree-section-title").GetByText(name, new() { Exact = true }).First;

    private static ILocator LeafTitle(IPage page, string name) =>
        page.GetByTestId("tree-leaf-title").GetByText(name, new() { Exact = true }).First;
}
