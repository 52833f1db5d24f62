using Hil.Foundation;
using System.Collections.Concurrent;
using System.Reflection;
using System.Runtime.InteropServices;
using Hil.Reporting.Model;
using Hil.Reporting.Writing;

namespace Hil.Reporting.Runtime;

/// <summary>
/// Facts about the whole run: they become labels on every test (rig, dext version) and the
/// report's environment.properties. Environment variables give defaults, fixtures set the truth.
/// </summary>
internal sealed class RunInfo
{
    private readonly ConcurrentDictionary<string, string> _environment = new(StringComparer.Ordinal);

    public RunInfo()
    {
        Rig = Environment.GetEnvironmentVariable("HIL_RIG");
        DextVersion = Environment.GetEnvironmentVariable("HIL_DEXT_VERSION");
        ReportName = Environment.GetEnvironmentVariable("HIL_REPORT_NAME");
    }

    public string? Rig { get; set; }

    public string? DextVersion { get; set; }

    public string? ReportName { get; set; }

    public string Host { get; } = Environment.MachineName;

    public void Set(string key, string value) => _environment[key] = value;

    /// <summary>Labels every test carries (the run-wide ones of <see cref="AllureLabels"/>); a test's own label of the same name wins.</summary>
    public IEnumerable<AllureLabel> Labels() =>
        AllureLabels.All
            .Where(kind => kind.FromRun is not null)
            .Select(kind => (kind, value: kind.FromRun!(this)))
            .Where(x => !string.IsNullOrEmpty(x.value))
            .Select(x => x.kind.With(x.value!));

    /// <summary>
    /// environment.properties: rig, host, OS build, dext version, harness version, commit, plus what
    /// fixtures set. A fact the run never learnt (no fixture opened the rig) is left out rather than
    /// shown to readers as a placeholder.
    /// </summary>
    public IReadOnlyList<KeyValuePair<string, string>> EnvironmentEntries()
    {
        var entries = new SortedDictionary<string, string>(StringComparer.Ordinal)
        {
            ["Host"] = Host,
            ["OS build"] = HostOs.Describe(),
            ["Harness version"] = HarnessVersion(),
            [".NET"] = RuntimeInformation.FrameworkDescription,
        };
        foreach (var (key, value) in new[] { ("Rig", Rig), ("Dext version", DextVersion), ("Commit", GitCommit.Find()) })
        {
            if (!string.IsNullOrEmpty(value))
            {
                entries[key] = value;
            }
        }

        foreach (var (key, value) in _environment)
        {
            entries[key] = value;
        }

        return [.. entries];
    }

    private static string HarnessVersion() =>
        typeof(RunInfo).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "unknown";
}
