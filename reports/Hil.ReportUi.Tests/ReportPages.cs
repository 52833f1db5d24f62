using System.Security.Cryptography;
using System.Text;
using Hil.Reporting;
using Hil.Reporting.Model;
using Microsoft.Playwright;

namespace Hil.ReportUi.Tests;

/// <summary>Opens report pages the way a person would, and keeps what they saw as screenshots.</summary>
internal static class ReportPages
{
    public static async Task<IPage> OpenAsync(string fragment)
    {
        var report = ReportUnderTest.Current;
        var context = await report.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            ViewportSize = new ViewportSize { Width = 1280, Height = 1000 },
            Locale = "en-US",
        });
        context.SetDefaultTimeout(15_000);

        // Only the report on loopback: the awesome plugin also asks for an analytics script, which must not leave the machine.
        var origin = report.Server.Url.ToString();
        await context.RouteAsync(url => !url.StartsWith(origin, StringComparison.Ordinal), route => route.AbortAsync());
        var page = await context.NewPageAsync();
        await page.GotoAsync(origin + fragment);
        return page;
    }

    /// <summary>The awesome report's route for a test: md5 of the result's uuid (allure.md §4.2).</summary>
    public static string TestRoute(string uuid)
    {
#pragma warning disable CA5351 // Allure's own id scheme, not security.
        return "#/" + Convert.ToHexStringLower(MD5.HashData(Encoding.UTF8.GetBytes(uuid)));
#pragma warning restore CA5351
    }

    /// <summary>A section of the tree (a suite, a category) by its exact title.</summary>
    public static ILocator SectionTitle(IPage page, string title) =>
        page.GetByTestId("tree-section-title").GetByText(title, new() { Exact = true }).First;

    /// <summary>Every leaf of the tree (a test) titled exactly <paramref name="name"/>.</summary>
    public static ILocator LeafTitles(IPage page, string name) =>
        page.GetByTestId("tree-leaf-title").GetByText(name, new() { Exact = true });

    /// <summary>A status as the report's test ids spell it (<c>passed</c>, <c>broken</c>, …).</summary>
    public static string StatusId(AllureTestResult result) => (result.Status ?? AllureStatus.Unknown).ToString().ToLowerInvariant();

    /// <summary>
    /// Opens every folded metadata list (parameters, labels): the awesome report shows the first eight
    /// items and folds the rest behind "Show more", so a ninth parameter is on the page only after a click.
    /// </summary>
    public static async Task UnfoldMetadataAsync(IPage page, CancellationToken ct)
    {
        var showMore = page.GetByRole(AriaRole.Button, new() { Name = "Show more", Exact = true });
        for (var folded = await showMore.CountAsync(); folded > 0; folded--)
        {
            ct.ThrowIfCancellationRequested();
            await showMore.First.ClickAsync();
        }
    }

    public static async Task<string> ScreenshotAsync(IPage page, string name)
    {
        var png = await page.ScreenshotAsync(new PageScreenshotOptions { FullPage = true });
        AllureSteps.AttachBytes($"screenshot: {name}", png, "image/png", "png");
        var path = Path.Combine(Recording.ScreenshotDirectory(), name + ".png");
        await File.WriteAllBytesAsync(path, png);
        TestContext.Out.WriteLine($"screenshot: {path}");
        return path;
    }
}
