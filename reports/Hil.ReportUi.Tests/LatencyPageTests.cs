using System.Text.Json.Nodes;
using static Microsoft.Playwright.Assertions;

namespace Hil.ReportUi.Tests;

public sealed class LatencyPageTests
{
    [Test]
    [CancelAfter(120_000)]
    public async Task ALatencyTestShowsItsParametersStepsAndARenderedPlot(CancellationToken ct)
    {
        var test = FixtureResults.FinalAttempts(ReportUnderTest.Current.Results)
            .FirstOrDefault(r => PathToImage(r) is not null && r["parameters"]?.AsArray().Count > 0)
            ?? throw new AssertionException($"no test with parameters and a plot attachment in {ReportUnderTest.Current.Results}");
        var (stepPath, image) = PathToImage(test)!.Value;

        var page = await ReportPages.OpenAsync(ReportPages.TestRoute((string)test["uuid"]!));
        await Expect(page.GetByTestId("test-result-info-title")).ToHaveTextAsync((string)test["name"]!);
        await Expect(page.GetByTestId($"test-result-status-{test["status"]}")).ToBeVisibleAsync();
        foreach (var parameter in test["parameters"]!.AsArray().Select(p => p!.AsObject()).Where(p => (string?)p["mode"] != "hidden"))
        {
            await Expect(page.GetByTestId("metadata-item-key").GetByText((string)parameter["name"]!, new() { Exact = true })).ToBeVisibleAsync();
            await Expect(page.GetByTestId("metadata-item-value").GetByText((string)parameter["value"]!, new() { Exact = true }).First).ToBeVisibleAsync();
        }

        foreach (var step in test["steps"]!.AsArray())
        {
            await Expect(StepTitle(page, (string)step!["name"]!)).ToBeVisibleAsync();
        }

        foreach (var step in stepPath)
        {
            ct.ThrowIfCancellationRequested();
            await StepTitle(page, step).ClickAsync();
        }

        await page.GetByTestId("test-result-attachment-header").Filter(new() { HasText = image }).First.ClickAsync();
        var img = page.GetByTestId("image-attachment-content").Locator("img").First;
        await Expect(img).ToBeVisibleAsync();
        var width = await img.EvaluateAsync<int>("i => i.decode().then(() => i.naturalWidth)");
        Assert.That(width, Is.GreaterThan(0), $"the plot '{image}' loaded and decoded");
        await img.ScrollIntoViewIfNeededAsync();
        await ReportPages.ScreenshotAsync(page, "latency-test-page");
    }

    private static Microsoft.Playwright.ILocator StepTitle(Microsoft.Playwright.IPage page, string name) =>
        page.GetByTestId("test-result-step-title").GetByText(name, new() { Exact = true }).First;

    /// <summary>The body steps leading to the first image attachment, and that attachment's name.</summary>
    private static (List<string> Steps, string Image)? PathToImage(JsonObject item)
    {
        foreach (var step in item["steps"]?.AsArray().Select(s => s!.AsObject()) ?? [])
        {
            var image = step["attachments"]?.AsArray().FirstOrDefault(a => ((string?)a!["type"])?.StartsWith("image/", StringComparison.Ordinal) == true);
            if (image is not null)
            {
                return ([(string)step["name"]!], (string)image["name"]!);
            }

            if (PathToImage(step) is { } deeper)
            {
                return ([(string)step["name"]!, .. deeper.Steps], deeper.Image);
            }
        }

        return null;
    }
}
