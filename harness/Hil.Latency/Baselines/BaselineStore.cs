using System.Text;
using Hil.Foundation;
using Hil.Latency.Files;
using Hil.Latency.Statistics;

namespace Hil.Latency.Baselines;

/// <summary>One stored baseline, as listed.</summary>
public sealed record BaselineEntry(RunKey Key, string Path, long Samples, PercentileSummary Summary, string StartedUtc);

/// <summary>
/// Baselines as plain files in the repository: <c>ROOT/&lt;rig&gt;/&lt;topology&gt;/&lt;dext&gt;__&lt;os&gt;.json</c>,
/// each a measurement file (<see cref="LatencyRunFile"/>). Why files and not SQLite: a
/// baseline change then shows in review as a diff of readable percentiles, git history is
/// the baseline history, and CI needs no database tooling. Saving a key again replaces its
/// file; the previous baseline stays in git.
/// </summary>
public sealed class BaselineStore(string root)
{
    public string Root { get; } = Path.GetFullPath(root);

    /// <summary>"rig/topology/dext/os" as typed on the command line.</summary>
    public static RunKey ParseKey(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var parts = text.Split('/');
        if (parts.Length != 4 || parts.Any(string.IsNullOrWhiteSpace))
        {
            throw new InputException($"baseline key '{text}': expected rig/topology/dext-version/os-build, e.g. sim-default/app-relay/0.1.0/6.1.0-18");
        }

        return new RunKey(parts[0], parts[1], parts[2], parts[3]);
    }

    public static string FormatKey(RunKey key)
    {
        ArgumentNullException.ThrowIfNull(key);
        return $"{key.Rig}/{key.Topology}/{key.DextVersion}/{key.OsBuild}";
    }

    public string PathFor(RunKey key)
    {
        ArgumentNullException.ThrowIfNull(key);
        return Path.Combine(Root, Safe(key.Rig), Safe(key.Topology), $"{Safe(key.DextVersion)}__{Safe(key.OsBuild)}.json");
    }

    public string Save(LatencyRun run)
    {
        ArgumentNullException.ThrowIfNull(run);
        if (run.Mode != LoadMode.OpenLoop)
        {
            throw new InputException($"run {run.Key}: only open-loop runs can be baselines; closed-loop figures are throughput, not latency");
        }

        var path = PathFor(run.Key);
        LatencyRunFile.Write(path, run);
        return path;
    }

    public bool Contains(RunKey key) => File.Exists(PathFor(key));

    public LatencyRun Load(RunKey key)
    {
        var path = PathFor(key);
        return File.Exists(path)
            ? LatencyRunFile.Read(path)
            : throw new InputException($"no baseline for {FormatKey(key)} in {Root} (looked for {path}); save one with `hil baseline save`");
    }

    /// <summary>A path to a measurement file if one exists there, else a key into this store.</summary>
    public LatencyRun Resolve(string fileOrKey)
    {
        ArgumentNullException.ThrowIfNull(fileOrKey);
        return File.Exists(fileOrKey) ? LatencyRunFile.Read(fileOrKey) : Load(ParseKey(fileOrKey));
    }

    public IReadOnlyList<BaselineEntry> List()
    {
        if (!Directory.Exists(Root))
        {
            return [];
        }

        return Directory.EnumerateFiles(Root, "*.json", SearchOption.AllDirectories)
            .Order(StringComparer.Ordinal)
            .Select(path => (path, run: LatencyRunFile.Read(path)))
            .Select(x => new BaselineEntry(x.run.Key, x.path, x.run.Samples, x.run.Summary, x.run.StartedUtc))
            .ToList();
    }

    /// <summary>File-name safe and reversible enough to read: anything but [A-Za-z0-9._-] becomes '_'.</summary>
    private static string Safe(string part)
    {
        var sb = new StringBuilder(part.Length);
        foreach (var c in part)
        {
            sb.Append(char.IsAsciiLetterOrDigit(c) || c is '.' or '-' ? c : '_');
        }

        return sb.ToString();
    }
}
