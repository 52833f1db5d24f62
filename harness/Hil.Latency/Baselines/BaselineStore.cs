using System.Globalization;
using System.Text;
using Hil.Foundation;
using Hil.Latency.Files;
using Hil.Latency.Statistics;

namespace Hil.Latency.Baselines;

/// <summary>One stored baseline set, as listed: its newest run's figures and how many runs it holds.</summary>
public sealed record BaselineEntry(RunKey Key, string Path, int Runs, long Samples, PercentileSummary Summary, string StartedUtc);

/// <summary>
/// Baselines as plain files in the repository. A key's baseline is a set of up to
/// <see cref="Cap"/> clean runs, <c>ROOT/&lt;rig&gt;/&lt;topology&gt;/&lt;dext&gt;__&lt;os&gt;/run-NNNN.json</c>,
/// each a measurement file (<see cref="LatencyRunFile"/>): the gate needs several runs to know
/// how much clean runs differ. Saving appends; past the cap the oldest file goes (git keeps it).
/// A legacy single file <c>&lt;dext&gt;__&lt;os&gt;.json</c> still counts as the set's oldest run.
/// Why files and not SQLite: a baseline change shows in review as a diff of readable
/// percentiles, git history is the baseline history, and CI needs no database tooling.
/// </summary>
public sealed class BaselineStore(string root, int cap = BaselineStore.DefaultCap)
{
    public const int DefaultCap = 20;

    /// <summary>A set past this many runs is a history, which git already keeps.</summary>
    public const int MaxCap = 10_000;

    public string Root { get; } = Path.GetFullPath(root);

    public int Cap { get; } = cap >= 1 ? cap : throw new InputException($"baseline cap {cap}: expected at least 1 run");

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

    /// <summary>The folder holding the key's runs.</summary>
    public string PathFor(RunKey key)
    {
        ArgumentNullException.ThrowIfNull(key);
        return Inside(Path.Combine(Root, Safe(key.Rig, "rig"), Safe(key.Topology, "topology"), $"{Safe(key.DextVersion, "dext_version")}__{Safe(key.OsBuild, "os_build")}"));
    }

    /// <summary>Appends the run to its key's set; drops the oldest past <see cref="Cap"/>. Returns the new file.</summary>
    public string Save(LatencyRun run)
    {
        ArgumentNullException.ThrowIfNull(run);
        if (run.Mode != LoadMode.OpenLoop)
        {
            throw new InputException($"run {run.Key}: only open-loop runs can be baselines; closed-loop figures are throughput, not latency");
        }

        if (run.IsFaulted)
        {
            throw new InputException($"run {run.Key}: measured with an injected {(run.InjectedDelay is not null ? "delay (--inject-delay)" : "fault (" + string.Join("; ", run.InjectedFaults) + ")")}; a baseline must be a clean run");
        }

        var existing = Files(run.Key);
        var next = existing.Select(SequenceOf).DefaultIfEmpty(0).Max() + 1;
        var path = Inside(Path.Combine(PathFor(run.Key), string.Create(CultureInfo.InvariantCulture, $"run-{next:0000}.json")));
        LatencyRunFile.Write(path, run);
        foreach (var old in existing.Take(Math.Max(0, existing.Count + 1 - Cap)))
        {
            File.Delete(Inside(old));
        }

        return path;
    }

    public bool Contains(RunKey key) => Files(key).Count > 0;

    /// <summary>The key's runs, oldest first.</summary>
    public IReadOnlyList<LatencyRun> Load(RunKey key)
    {
        var files = Files(key);
        return files.Count > 0
            ? files.Select(LatencyRunFile.Read).ToList()
            : throw new InputException($"no baseline for {FormatKey(key)} in {Root} (looked for {PathFor(key)}{Path.DirectorySeparatorChar}run-*.json); save runs with `hil baseline save`");
    }

    /// <summary>A measurement file, a folder of them, or a key into this store.</summary>
    public IReadOnlyList<LatencyRun> Resolve(string fileFolderOrKey)
    {
        ArgumentNullException.ThrowIfNull(fileFolderOrKey);
        if (File.Exists(fileFolderOrKey))
        {
            return [LatencyRunFile.Read(fileFolderOrKey)];
        }

        if (Directory.Exists(fileFolderOrKey))
        {
            var files = Directory.EnumerateFiles(fileFolderOrKey, "*.json").Order(StringComparer.Ordinal).ToList();
            return files.Count > 0 ? files.Select(LatencyRunFile.Read).ToList() : throw new InputException($"{fileFolderOrKey}: no measurement files (*.json) in this folder");
        }

        return Load(ParseKey(fileFolderOrKey));
    }

    public IReadOnlyList<BaselineEntry> List()
    {
        if (!Directory.Exists(Root))
        {
            return [];
        }

        return Directory.EnumerateFiles(Root, "*.json", SearchOption.AllDirectories)
            .Select(path => (path, run: LatencyRunFile.Read(path)))
            .GroupBy(x => x.run.Key)
            .Select(g => (g.Key, files: Files(g.Key)))
            .OrderBy(x => x.files[^1], StringComparer.Ordinal)
            .Select(x => Entry(x.Key, x.files))
            .ToList();
    }

    private static BaselineEntry Entry(RunKey key, IReadOnlyList<string> files)
    {
        var newest = LatencyRunFile.Read(files[^1]);
        return new BaselineEntry(key, Path.GetDirectoryName(files[^1])!, files.Count, newest.Samples, newest.Summary, newest.StartedUtc);
    }

    /// <summary>The legacy single file first (it predates every set), then run-NNNN.json in order.</summary>
    private List<string> Files(RunKey key)
    {
        var folder = PathFor(key);
        var files = new List<string>();
        if (File.Exists(folder + ".json"))
        {
            files.Add(folder + ".json");
        }

        if (Directory.Exists(folder))
        {
            files.AddRange(Directory.EnumerateFiles(folder, "run-*.json").OrderBy(SequenceOf));
        }

        return files;
    }

    private static int SequenceOf(string path)
    {
        var name = Path.GetFileNameWithoutExtension(path);
        return name.StartsWith("run-", StringComparison.Ordinal) && int.TryParse(name.AsSpan(4), NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : 0;
    }

    /// <summary>
    /// A key part as a folder name: anything but [A-Za-z0-9.-] becomes '_' (readable, and the
    /// files written so far keep their names). A part that could leave its folder or hide in it
    /// (empty, "..", a leading '.', a separator or NUL) is refused, naming the field it came from.
    /// </summary>
    private static string Safe(string part, string field)
    {
        if (string.IsNullOrWhiteSpace(part) || part[0] == '.' || part.IndexOfAny(['/', '\\', '\0']) >= 0)
        {
            throw new InputException($"baseline key field '{field}' is '{part.Replace("\0", "\\0", StringComparison.Ordinal)}': cannot name a folder in the store; expected letters, digits, '.', '-' or '_', not starting with '.' and without '/', '\\' or NUL");
        }

        var sb = new StringBuilder(part.Length);
        foreach (var c in part)
        {
            sb.Append(char.IsAsciiLetterOrDigit(c) || c is '.' or '-' ? c : '_');
        }

        return sb.ToString();
    }

    /// <summary>Every path the store writes, reads or deletes must stay under <see cref="Root"/>, whatever a key held.</summary>
    private string Inside(string path)
    {
        var full = Path.GetFullPath(path);
        return full.StartsWith(Root.TrimEnd(Path.DirectorySeparatorChar) + Path.DirectorySeparatorChar, StringComparison.Ordinal)
            ? full
            : throw new InputException($"baseline path {full} lies outside the store {Root}; refused before anything was written or deleted");
    }
}
