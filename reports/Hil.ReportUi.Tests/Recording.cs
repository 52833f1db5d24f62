using Hil.Reporting;
using Hil.Reporting.Writing;

// These tests record themselves, screenshots included, with our own writer, apart from the
// fixture run they inspect: HIL_REPORT_UI_RESULTS, else results/allure-report-ui.
[assembly: HilAllure(ResultsVariable = "HIL_REPORT_UI_RESULTS", DefaultDirectory = "results/allure-report-ui")]
[assembly: AllureEpic("report UI")]

namespace Hil.ReportUi.Tests;

internal static class Recording
{
    /// <summary>Screenshots also go here as plain files, for a person who wants to look without a report.</summary>
    public static string ScreenshotDirectory()
    {
        var root = Hil.Foundation.RepositoryRoot.TryFind(AppContext.BaseDirectory) ?? Environment.CurrentDirectory;
        var directory = Path.Combine(root, "results", "report-ui-screenshots");
        Directory.CreateDirectory(directory);
        return directory;
    }
}
