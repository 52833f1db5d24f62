using System.Globalization;
using System.Reflection;
using System.Text;
using System.Text.Json.Nodes;
using Hil.Reporting.Runtime;

namespace Hil.Reporting.Writing;

/// <summary>The run-wide files beside the results: environment.properties, executor.json, categories.json.</summary>
internal static class RunFiles
{
    public static void WriteAll(ResultsWriter writer, RunInfo run)
    {
        writer.WriteText("environment.properties", EnvironmentProperties(run.EnvironmentEntries()));
        writer.WriteText("executor.json", Executor(run, Environment.GetEnvironmentVariable).ToJsonString(AllureJson.Options));
        writer.WriteText("categories.json", CategoriesJson());
    }

    /// <summary>Java properties, UTF-8 (Allure 2.46 reads UTF-8 first); separators and breaks escaped.</summary>
    public static string EnvironmentProperties(IEnumerable<KeyValuePair<string, string>> entries)
    {
        var text = new StringBuilder();
        foreach (var (key, value) in entries)
        {
            text.Append(Escape(key, isKey: true)).Append('=').Append(Escape(value, isKey: false)).Append('\n');
        }

        return text.ToString();
    }

    /// <summary>executor.json from GitHub Actions variables when present, else a local executor.</summary>
    public static JsonObject Executor(RunInfo run, Func<string, string?> env)
    {
        var reportName = run.ReportName ?? (run.Rig is null ? "HIL report" : $"HIL report: {run.Rig}");
        var executor = new JsonObject { ["reportName"] = reportName };
        var reportUrl = env("HIL_REPORT_URL");
        if (reportUrl is not null)
        {
            executor["reportUrl"] = reportUrl;
        }

        if (env("GITHUB_ACTIONS") == "true" && env("GITHUB_REPOSITORY") is { } repo)
        {
            var server = env("GITHUB_SERVER_URL") ?? "https://github.com";
            var runNumber = env("GITHUB_RUN_NUMBER") ?? "0";
            executor["name"] = "GitHub Actions";
            executor["type"] = "github";
            executor["url"] = $"{server}/{repo}";
            executor["buildOrder"] = long.TryParse(runNumber, NumberStyles.Integer, CultureInfo.InvariantCulture, out var order) ? order : 0;
            executor["buildName"] = $"{env("GITHUB_WORKFLOW") ?? "workflow"} #{runNumber}";
            executor["buildUrl"] = $"{server}/{repo}/actions/runs/{env("GITHUB_RUN_ID")}";
            return executor;
        }

        executor["name"] = "local";
        executor["type"] = "local";
        executor["buildName"] = $"{run.Host} (local run)";
        return executor;
    }

    /// <summary>reports/categories.json, embedded at build time: one list for the writer and the report config.</summary>
    public static string CategoriesJson()
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream("Hil.Reporting.categories.json")
            ?? throw new InvalidOperationException("embedded resource Hil.Reporting.categories.json is missing (reports/categories.json in Hil.Reporting.csproj)");
        using var reader = new StreamReader(stream, Encoding.UTF8);
        return reader.ReadToEnd();
    }

    private static string Escape(string text, bool isKey)
    {
        var escaped = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            escaped.Append(c switch
            {
                '\\' => "\\\\",
                '\n' => "\\n",
                '\r' => "\\r",
                '\t' => "\\t",
                '=' or ':' or ' ' or '#' or '!' when isKey => "\\" + c,
                _ => c.ToString(),
            });
        }

        return escaped.ToString();
    }
}
