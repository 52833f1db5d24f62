using System.Text.Json;
using System.Text.RegularExpressions;
using Hil.Foundation;
using Hil.Reporting.Model;
using static Microsoft.Playwright.Assertions;

namespace Hil.ReportUi.Tests;

/// <summary>
/// Every category of reports/categories.json (the one list the writer copies and the report reads)
/// lists the tests whose status and message it matches, so a reader finds an input error under
/// "Input errors (yours to fix)" and a noisy host under its own heading, not among product defects.
/// </summary>
public sealed class CategoryListTests
{
    [Test]
    [CancelAfter(120_000)]
    public async Task EveryCategoryListsTheTestsItMatches(CancellationToken ct)
    {
        var matched = Categories()
            .Select(c => (c.Name, Tests: ReportUnderTest.Current.Tests.Where(c.Matches).Select(t => t.Name).ToList()))
            .Where(c => c.Tests.Count > 0)
            .ToList();
        // The sample run fails five ways; a real fixture run (HIL_FIXTURE_RESULTS) has at least its deliberate rig fault.
        Assert.That(matched, Is.Not.Empty, "the run's failures fall into the categories of categories.json");

        foreach (var (name, tests) in matched)
        {
            ct.ThrowIfCancellationRequested();
            var page = await ReportPages.OpenAsync("#/categories");
            await ReportPages.SectionTitle(page, name).ClickAsync();
            await Expect(ReportPages.LeafTitles(page, tests[0]).First).ToBeVisibleAsync();
            await page.Context.CloseAsync();
        }

        var shown = await ReportPages.OpenAsync("#/categories");
        foreach (var (name, _) in matched)
        {
            await Expect(ReportPages.SectionTitle(shown, name)).ToBeVisibleAsync();
        }

        await ReportPages.ScreenshotAsync(shown, "category-list");
    }

    [Test]
    [CancelAfter(60_000)]
    public async Task WhatATestWroteIsOnItsPageAsConsoleOutput(CancellationToken ct)
    {
        const string name = "Console Output";
        var tests = ReportUnderTest.Current.Tests;
        var test = tests.FirstOrDefault(r => r.Attachments.Any(a => a.Name == name));

        // The sample run has a test that writes to the console; a real fixture run may have none,
        // and then a test's page must not show an empty one.
        Assert.That(test is not null || Environment.GetEnvironmentVariable(FixtureResults.EnvironmentVariable) is not null, Is.True,
            $"no test in {ReportUnderTest.Current.Results} carries its console output");
        var shown = test ?? tests[0];
        var page = await ReportPages.OpenAsync(ReportPages.TestRoute(shown.Uuid));
        await Expect(page.GetByTestId("test-result-info-title")).ToHaveTextAsync(shown.Name);
        ct.ThrowIfCancellationRequested();
        var header = page.GetByTestId("test-result-attachment-header").Filter(new() { HasText = name });
        if (test is null)
        {
            await Expect(header).ToHaveCountAsync(0);
            return;
        }

        await Expect(header.First).ToBeVisibleAsync();
        await ReportPages.ScreenshotAsync(page, "console-output");
    }

    private static IEnumerable<Category> Categories()
    {
        var file = Path.Combine(RepositoryRoot.Find(), "reports", "categories.json");
        using var json = JsonDocument.Parse(File.ReadAllBytes(file));
        return [.. json.RootElement.EnumerateArray().Select(c => new Category(
            c.GetProperty("name").GetString()!,
            [.. c.GetProperty("matchedStatuses").EnumerateArray().Select(s => s.GetString()!)],
            c.TryGetProperty("messageRegex", out var regex) ? regex.GetString()! : ".*"))];
    }

    private sealed record Category(string Name, IReadOnlyList<string> Statuses, string MessageRegex)
    {
        public bool Matches(AllureTestResult test) =>
            Statuses.Contains((test.Status ?? AllureStatus.Unknown).ToString().ToLowerInvariant())
            // Allure 3 tests the pattern as a JavaScript RegExp does: anywhere in the message.
            && Regex.IsMatch(test.StatusDetails?.Message ?? "", MessageRegex, RegexOptions.ECMAScript, TimeSpan.FromSeconds(1));
    }
}
