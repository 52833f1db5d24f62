using System.Text.Json.Nodes;
using Hil.Reporting.Runtime;
using NUnit.Framework.Api;
using NUnit.Framework.Interfaces;
using NUnit.Framework.Internal;

namespace Hil.Reporting.Tests;

/// <summary>Runs sample fixtures in-process with NUnit's own runner, recording into a fresh directory.</summary>
internal sealed class SampleRunner : IDisposable
{
    public SampleRunner()
    {
        Directory = Path.Combine(Path.GetTempPath(), "hil-allure-tests", Guid.NewGuid().ToString("N"));
        Lifecycle = new AllureLifecycle(Directory, TimeProvider.System);
    }

    public string Directory { get; }

    public AllureLifecycle Lifecycle { get; }

    public ITestResult Run(params Type[] fixtures)
    {
        using var _ = AllureLifecycle.Use(Lifecycle);
        var runner = new NUnitTestAssemblyRunner(new DefaultTestAssemblyBuilder());
        runner.Load(typeof(Samples.Retried).Assembly, new Dictionary<string, object>());
        var classes = string.Concat(fixtures.Select(f => $"<class>{f.FullName}</class>"));
        var filter = TestFilter.FromXml($"<filter><or>{classes}</or></filter>");
        return runner.Run(TestListener.NULL, filter);
    }

    public IReadOnlyList<JsonObject> Results() => Read("*-result.json");

    public IReadOnlyList<JsonObject> Containers() => Read("*-container.json");

    public JsonObject Single(string name) =>
        Results().Single(r => (string?)r["name"] == name);

    public static string? Label(JsonObject result, string name) =>
        result["labels"]!.AsArray().Select(l => l!.AsObject()).FirstOrDefault(l => (string?)l["name"] == name)?["value"]?.GetValue<string>();

    public void Dispose()
    {
        if (System.IO.Directory.Exists(Directory))
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
    }

    private List<JsonObject> Read(string pattern) =>
        [.. System.IO.Directory.GetFiles(Directory, pattern).Select(f => JsonNode.Parse(File.ReadAllText(f))!.AsObject())];
}
