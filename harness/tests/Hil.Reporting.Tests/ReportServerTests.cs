using System.Net;
using Hil.Foundation;

namespace Hil.Reporting.Tests;

public class ReportServerTests
{
    private string _dir = null!;

    [SetUp]
    public void MakeReport()
    {
        _dir = Path.Combine(Path.GetTempPath(), "hil-allure-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path.Combine(_dir, "data"));
        File.WriteAllText(Path.Combine(_dir, "index.html"), "<html>report</html>");
        File.WriteAllText(Path.Combine(_dir, "data", "a b.json"), "{\"ok\":true}");
        File.WriteAllText(Path.Combine(Path.GetDirectoryName(_dir)!, "secret.txt"), "outside");
    }

    [TearDown]
    public void Clean() => Directory.Delete(_dir, recursive: true);

    [Test]
    [CancelAfter(20_000)]
    public async Task ServesFilesOnLoopbackWithTheirTypes(CancellationToken ct)
    {
        await using var server = ReportServer.Start(_dir);
        using var http = new HttpClient();

        var index = await http.GetAsync(server.Url, ct);
        var json = await http.GetAsync(new Uri(server.Url, "data/a%20b.json?x=1"), ct);
        Assert.Multiple(async () =>
        {
            Assert.That(server.Url.Host, Is.EqualTo("127.0.0.1"));
            Assert.That(index.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(await index.Content.ReadAsStringAsync(ct), Is.EqualTo("<html>report</html>"));
            Assert.That(index.Content.Headers.ContentType!.MediaType, Is.EqualTo("text/html"));
            Assert.That(json.Content.Headers.ContentType!.MediaType, Is.EqualTo("application/json"));
        });
    }

    [Test]
    [CancelAfter(20_000)]
    public async Task RefusesPathsOutsideTheReportAndUnknownMethods(CancellationToken ct)
    {
        await using var server = ReportServer.Start(_dir);
        using var http = new HttpClient();

        var escape = await http.GetAsync(new Uri(server.Url, "%2e%2e/secret.txt"), ct);
        var missing = await http.GetAsync(new Uri(server.Url, "nope.js"), ct);
        var post = await http.PostAsync(server.Url, new StringContent("x"), ct);
        Assert.Multiple(() =>
        {
            Assert.That(escape.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
            Assert.That(missing.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
            Assert.That(post.StatusCode, Is.EqualTo(HttpStatusCode.MethodNotAllowed));
        });
    }

    [Test]
    [CancelAfter(20_000)]
    public async Task AFolderGivenWithATrailingSlashIsServed(CancellationToken ct)
    {
        await using var server = ReportServer.Start(_dir + "/");
        using var http = new HttpClient();

        var index = await http.GetAsync(server.Url, ct);
        var json = await http.GetAsync(new Uri(server.Url, "data/a%20b.json"), ct);
        Assert.That(new[] { index.StatusCode, json.StatusCode }, Is.All.EqualTo(HttpStatusCode.OK));
    }

    [Test]
    [CancelAfter(20_000)]
    public async Task LinksAreFollowedOnlyWhileTheyStayInTheReport(CancellationToken ct)
    {
        var outside = Path.Combine(Path.GetDirectoryName(_dir)!, "secret.txt");
        File.CreateSymbolicLink(Path.Combine(_dir, "out.txt"), outside);
        Directory.CreateSymbolicLink(Path.Combine(_dir, "up"), Path.GetDirectoryName(_dir)!);
        File.CreateSymbolicLink(Path.Combine(_dir, "in.json"), Path.Combine(_dir, "data", "a b.json"));
        await using var server = ReportServer.Start(_dir);
        using var http = new HttpClient();

        var toFile = await http.GetAsync(new Uri(server.Url, "out.txt"), ct);
        var throughFolder = await http.GetAsync(new Uri(server.Url, "up/secret.txt"), ct);
        var inside = await http.GetAsync(new Uri(server.Url, "in.json"), ct);
        Assert.Multiple(() =>
        {
            Assert.That(toFile.StatusCode, Is.EqualTo(HttpStatusCode.NotFound), "a link to a file outside");
            Assert.That(throughFolder.StatusCode, Is.EqualTo(HttpStatusCode.NotFound), "a link to a folder outside");
            Assert.That(inside.StatusCode, Is.EqualTo(HttpStatusCode.OK), "a link among the report's own files");
        });
    }

    [Test]
    [CancelAfter(20_000)]
    public async Task AfterDisposeThePortIsClosed(CancellationToken ct)
    {
        Uri url;
        await using (var server = ReportServer.Start(_dir))
        {
            url = server.Url;
        }

        using var http = new HttpClient();
        Assert.That(async () => await http.GetAsync(url, ct), Throws.InstanceOf<HttpRequestException>());
    }

    [Test]
    public void AFolderWithoutAReportIsRefusedByName()
    {
        File.Delete(Path.Combine(_dir, "index.html"));
        Assert.That(() => ReportServer.Start(_dir), Throws.TypeOf<InputException>().With.Message.Contains(_dir).And.Message.Contains("index.html"));
    }

    [Test]
    [CancelAfter(20_000)]
    public void GeneratingFromAFolderWithoutResultsIsRefusedByName(CancellationToken ct)
    {
        Assert.That(async () => await AllureReport.GenerateAsync(_dir, Path.Combine(_dir, "out"), null, false, ct),
            Throws.TypeOf<InputException>().With.Message.Contains(_dir).And.Message.Contains("*-result.json"));
    }
}
