using Hil.Reporting.Model;
using static Microsoft.Playwright.Assertions;

namespace Hil.ReportUi.Tests;

public sealed class LatencyPageTests
{
    [Test]
    [CancelAfter(120_000)]
    public async Task ALatencyTestShowsItsParametersStepsAndARenderedPlot(CancellationToken ct)
    {
        // The one with the most parameters: a page folds all but eight, and those must show too.
        var test = ReportUnderTest.Current.Tests
            .Where(r => PathToImage(r) is not null && r.Parameters.Count > 0)
            .MaxBy(r => r.Parameters.Count)
            ?? throw new AssertionException($"no test with parameters and a plot attachment in {ReportUnderTest.Current.Results}");
        var (stepPath, image) = PathToImage(test)!.Value;

        var page = await ReportPages.OpenAsync(ReportPages.TestRoute(test.Uuid));
        await Expect(page.GetByTestId("test-result-info-title")).ToHaveTextAsync(test.Name);
        await Expect(page.GetByTestId($"test-result-status-{ReportPages.StatusId(test)}")).ToBeVisibleAsync();
        await ReportPages.UnfoldMetadataAsync(page, ct);
        // The parameters' list, not the labels' (a label may share a parameter's name, e.g. topology).
        var parameters = page.GetByTestId("metadata-list");
        foreach (var parameter in test.Parameters.Where(p => p.Mode != ParameterMode.Hidden))
        {
            await Expect(parameters.GetByTestId("metadata-item-key").GetByText(parameter.Name, new() { Exact = true })).ToBeVisibleAsync();
            await Expect(parameters.GetByTestId("metadata-item-value").GetByText(parameter.Value, new() { Exact = true }).First).ToBeVisibleAsync();
        }

        foreach (var step in test.Steps)
        {
            await Expect(StepTitle(page, step.Name)).ToBeVisibleAsync();
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
    private static (List<string> Steps, string Image)? PathToImage(AllureExecutable item)
    {
        foreach (var step in item.Steps)
        {
            var image = step.Attachments.FirstOrDefault(a => a.Type.StartsWith("image/", StringComparison.Ordinal));
            if (image is not null)
            {
                return ([step.Name], image.Name);
            }

            if (PathToImage(step) is { } deeper)
            {
                return ([step.Name, .. deeper.Steps], deeper.Image);
            }
        }

        return null;
    }
}
