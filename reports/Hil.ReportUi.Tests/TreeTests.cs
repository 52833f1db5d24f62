using System.Globalization;
using Hil.Reporting.Model;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Hil.ReportUi.Tests;

public sealed class TreeTests
{
    [Test]
    [CancelAfter(120_000)]
    public async Task TheTreeListsEveryFixtureAndEveryTestWithItsStatus(CancellationToken ct)
    {
        var expected = ReportUnderTest.Current.Tests;
        var page = await ReportPages.OpenAsync("#/");
        await Expect(page.GetByTestId("metadata-item-total").GetByTestId("metadata-value"))
            .ToHaveTextAsync(expected.Count.ToString(CultureInfo.InvariantCulture));

        foreach (var fixture in expected.GroupBy(r => r.LabelValue(AllureLabels.SubSuite.Name) ?? "(no subSuite)"))
        {
            ct.ThrowIfCancellationRequested();
            await OpenAncestorsAsync(page, fixture.First(), fixture.Key);
            var section = ReportPages.SectionTitle(page, fixture.Key);
            await Expect(section).ToBeVisibleAsync();
            if (await ReportPages.LeafTitles(page, fixture.First().Name).CountAsync() == 0)
            {
                // Sections of passing fixtures start collapsed; a person clicks them open.
                await section.ClickAsync();
            }

            foreach (var test in fixture)
            {
                var leaf = page.GetByTestId("tree-leaf").Filter(new() { Has = ReportPages.LeafTitles(page, test.Name) });
                await Expect(leaf.GetByTestId($"tree-leaf-status-{ReportPages.StatusId(test)}").First).ToBeVisibleAsync();
            }
        }

        await ReportPages.ScreenshotAsync(page, "tree");
    }

    /// <summary>
    /// The tree nests parentSuite → suite → subSuite and starts passing sections collapsed: a
    /// person opens the ancestors until the fixture's own section shows.
    /// </summary>
    private static async Task OpenAncestorsAsync(IPage page, AllureTestResult result, string fixture)
    {
        string?[] path = [result.LabelValue(AllureLabels.ParentSuite.Name), result.LabelValue(AllureLabels.Suite.Name), fixture];
        for (var i = 0; i + 1 < path.Length; i++)
        {
            // Open a level only when the next one is hidden: clicking an open section closes it.
            if (path[i] is null || path[i + 1] is null || await ReportPages.SectionTitle(page, path[i + 1]!).IsVisibleAsync())
            {
                continue;
            }

            var title = ReportPages.SectionTitle(page, path[i]!);
            if (await title.IsVisibleAsync())
            {
                await title.ClickAsync();
            }
        }
    }

    [Test]
    [CancelAfter(60_000)]
    public async Task TestsUnderABrokenOneTimeSetUpAreListedNotLost(CancellationToken ct)
    {
        var broken = ReportUnderTest.Current.Tests.Where(r => r.Status == AllureStatus.Broken).ToList();
        var underBrokenSetUp = broken
            .Where(r => r.StatusDetails?.Message?.Contains("one-time set-up", StringComparison.Ordinal) == true)
            .ToList();

        // The sample run always has a broken one-time set-up; a real fixture run may not, and then
        // every broken test (its rig fault at least) must still be listed under Broken.
        var expected = underBrokenSetUp.Count > 0 || Environment.GetEnvironmentVariable(FixtureResults.EnvironmentVariable) is null
            ? underBrokenSetUp
            : broken;
        Assert.That(expected, Is.Not.Empty, "the run has tests that never ran because their one-time set-up failed");

        var page = await ReportPages.OpenAsync("#/");
        await page.GetByTestId("tab-broken").ClickAsync();
        foreach (var test in expected)
        {
            ct.ThrowIfCancellationRequested();
            await Expect(ReportPages.LeafTitles(page, test.Name).First).ToBeVisibleAsync();
        }

        await ReportPages.ScreenshotAsync(page, "broken");
    }
}
