using Hil.Foundation;
using Hil.Reporting;
using Microsoft.Playwright;

namespace Hil.ReportUi.Tests;

/// <summary>
/// Once for all UI tests: fixture results, the report generated twice from them (so history has
/// two runs), served on loopback, and Debian's Chromium driven by Playwright.
/// </summary>
[SetUpFixture]
public sealed class ReportUnderTest
{
    private static readonly TimeSpan SetUpTimeout = TimeSpan.FromMinutes(15);
    private static ReportUnderTest? _current;

    public string Work { get; } = Path.Combine(Path.GetTempPath(), "hil-report-ui", Guid.NewGuid().ToString("N"));

    public string Results { get; private set; } = "";

    public string HistoryFile => Path.Combine(Work, "history.jsonl");

    public string ReportFolder => Path.Combine(Work, "report");

    /// <summary>The final attempt of every test in <see cref="Results"/>: what the report shows, read through Reporting's model.</summary>
    public IReadOnlyList<Hil.Reporting.Model.AllureTestResult> Tests { get; private set; } = [];

    public IReadOnlyList<ReportResult> Generations { get; private set; } = [];

    public ReportServer Server { get; private set; } = null!;

    public IPlaywright Playwright { get; private set; } = null!;

    public IBrowser Browser { get; private set; } = null!;

    public static ReportUnderTest Current => _current ?? throw new InvalidOperationException("ReportUnderTest set-up has not run");

    [OneTimeSetUp]
    public async Task BuildServeAndLaunch()
    {
        using var deadline = new CancellationTokenSource(SetUpTimeout);
        var ct = deadline.Token;
        Results = await AllureSteps.StepAsync("obtain fixture results", () => FixtureResults.ObtainAsync(Work, ct));
        AllureTest.AddParameter("results", Results, excluded: true);
        Tests = AllureResults.FinalAttempts(Results);
        // Both into one folder, as `hil run` does night after night: what is served must be the
        // second (its history tab lists the first), never the first left behind.
        var first = await AllureSteps.StepAsync("generate report, run 1", () =>
            AllureReport.GenerateAsync(Results, ReportFolder, HistoryFile, singleFile: false, ct));
        var second = await AllureSteps.StepAsync("generate report, run 2 into the same folder", () =>
            AllureReport.GenerateAsync(Results, ReportFolder, HistoryFile, singleFile: false, ct));
        Generations = [first, second];
        Server = ReportServer.Start(second.OutputDirectory);
        AllureSteps.AttachText("report URL", Server.Url.ToString());
        Playwright = await Microsoft.Playwright.Playwright.CreateAsync();
        Browser = await AllureSteps.StepAsync("launch Chromium", () => Playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath(),
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-quic", "--no-first-run", "--disable-component-update", "--disable-sync"],
        }));
        _current = this;
    }

    [OneTimeTearDown]
    public async Task StopEverything()
    {
        if (Browser is not null)
        {
            await Browser.CloseAsync();
        }

        Playwright?.Dispose();
        if (Server is not null)
        {
            await Server.DisposeAsync();
        }

        _current = null;
    }

    /// <summary>Playwright cannot download browsers here: Debian's chromium (the bootstrap installs it), or CHROMIUM_PATH.</summary>
    private static string ChromiumPath()
    {
        var path = Environment.GetEnvironmentVariable("CHROMIUM_PATH") ?? "/usr/bin/chromium";
        return File.Exists(path)
            ? path
            : throw new InfrastructureException($"no Chromium at {path}: install the Debian package chromium (apt-get install chromium) or set CHROMIUM_PATH");
    }
}
