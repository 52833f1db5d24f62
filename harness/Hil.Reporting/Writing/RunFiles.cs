using System.Globalization;
using System.Reflection;
using System.Text;
using System.Text.Json.Nodes;
using Hil.Reporting.Runtime;

namespace Hil.Reporting.Writing;

/// <summary>The run-wide files beside the results: environment.properties, executor.json, categories.json.</summary>
internal static class RunFiles
{
    public const string EnvironmentFile = "environment.properties";
    public const string ExecutorFile = "executor.json";
    public const string CategoriesFile = "categories.json";

    /// <summary>The run-wide files' names: what a results folder holds beside the per-test files.</summary>
    public static readonly IReadOnlyList<string> Names = [EnvironmentFile, ExecutorFile, CategoriesFile];

    /// <summary>
    /// Writes the run-wide files. Two processes of one run may write into one results folder (the
    /// suite, then the fault demo in <c>./hil test</c>): a later writer adds what it knows and keeps
    /// what an earlier one knew that it does not (the rig, the dext version), instead of erasing it.
    /// </summary>
    public static void WriteAll(ResultsWriter writer, RunInfo run)
    {
        var known = ReadProperties(Path.Combine(writer.Directory, EnvironmentFile));
        writer.WriteText(EnvironmentFile, EnvironmentProperties(Keep(known, run.EnvironmentEntries())));
        var executor = Executor(run, Environment.GetEnvironmentVariable, known.GetValueOrDefault("Rig"));
        writer.WriteText(ExecutorFile, executor.ToJsonString(AllureJson.Options));
        writer.WriteText(CategoriesFile, CategoriesJson());
    }

    /// <summary>This writer's entries, plus the earlier writer's keys this one lacks, sorted by key.</summary>
    public static IReadOnlyList<KeyValuePair<string, string>> Keep(
        IReadOnlyDictionary<string, string> earlier, IEnumerable<KeyValuePair<string, string>> entries)
    {
        var merged = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, value) in earlier)
        {
            merged[key] = value;
        }

        foreach (var (key, value) in entries)
        {
            merged[key] = value;
        }

        return [.. merged];
    }

    /// <summary>The properties <see cref="EnvironmentProperties"/> wrote (none when the file is absent).</summary>
    public static IReadOnlyDictionary<string, string> ReadProperties(string path)
    {
        var properties = new Dictionary<string, string>(StringComparer.Ordinal);
        if (!File.Exists(path))
        {
            return properties;
        }

        foreach (var line in File.ReadAllLines(path, Encoding.UTF8))
        {
            var separator = SeparatorIndex(line);
            if (line.Length == 0 || line[0] is '#' or '!' || separator < 0)
            {
                continue;
            }

            properties[Unescape(line[..separator])] = Unescape(line[(separator + 1)..]);
        }

        return properties;
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
    /// <param name="earlierRig">The rig an earlier writer into the same folder named, for a run that names none.</param>
    public static JsonObject Executor(RunInfo run, Func<string, string?> env, string? earlierRig = null)
    {
        var rig = run.Rig ?? earlierRig;
        var reportName = run.ReportName ?? (rig is null ? "HIL report" : $"HIL report: {rig}");
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

    private static int SeparatorIndex(string line)
    {
        for (var i = 0; i < line.Length; i++)
        {
            if (line[i] == '\\')
            {
                i++;
            }
            else if (line[i] == '=')
            {
                return i;
            }
        }

        return -1;
    }

    private static string Unescape(string text)
    {
        var plain = new StringBuilder(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] != '\\' || i + 1 == text.Length)
            {
                plain.Append(text[i]);
                continue;
            }

            i++;
            plain.Append(text[i] switch { 'n' => '\n', 'r' => '\r', 't' => '\t', var c => c });
        }

        return plain.ToString();
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
