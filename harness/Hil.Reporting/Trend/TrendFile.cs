using System.Text;
using System.Text.Json;
using Hil.Foundation;
using Hil.Latency.Files;

namespace Hil.Reporting.Trend;

/// <summary>One night's headline figures of one topology on one rig: a line of the trend file.</summary>
public sealed record TrendEntry(
    DateTimeOffset At, string Rig, string Topology, long P50Ns, long P99Ns, long? FloorP50Ns, long? FloorP99Ns, string? FloorPrimitive)
{
    public static TrendEntry Of(LatencyHeadline headline, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(headline);
        return new(at, headline.Rig, headline.Topology, headline.P50Ns, headline.P99Ns, headline.FloorP50Ns, headline.FloorP99Ns, headline.FloorPrimitive);
    }
}

/// <summary>
/// The latency trend across nights: one JSON line per run and topology, appended by every `hil run`
/// that measured latency. Where it lives is <see cref="ReportPaths.TrendFileBeside"/>. An append
/// rewrites the file atomically under a lock file, so two runs never interleave and a killed run
/// leaves the old file whole.
/// </summary>
public static class TrendFile
{
    /// <summary>snake_case like the headlines, one entry per line.</summary>
    internal static readonly JsonSerializerOptions Json = new() { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };

    private static readonly TimeSpan LockTimeout = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan LockPoll = TimeSpan.FromMilliseconds(50);

    public static async Task AppendAsync(string path, IReadOnlyList<TrendEntry> entries, TimeProvider time, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(entries);
        if (entries.Count == 0)
        {
            return;
        }

        using var held = await LockAsync(path, time, ct).ConfigureAwait(false);
        var text = new StringBuilder(File.Exists(path) ? File.ReadAllText(path) : string.Empty);
        if (text.Length > 0 && text[^1] != '\n')
        {
            text.Append('\n');
        }

        foreach (var entry in entries)
        {
            text.Append(JsonSerializer.Serialize(entry, Json)).Append('\n');
        }

        AtomicFile.WriteAllText(path, text.ToString());
    }

    /// <summary>Every entry in file order; a line that is not an entry names its file and line.</summary>
    public static IReadOnlyList<TrendEntry> Read(string path)
    {
        if (!File.Exists(path))
        {
            return [];
        }

        var entries = new List<TrendEntry>();
        var number = 0;
        foreach (var line in File.ReadLines(path))
        {
            number++;
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            entries.Add(Parse(path, number, line));
        }

        return entries;
    }

    private static TrendEntry Parse(string path, int number, string line)
    {
        try
        {
            var entry = JsonSerializer.Deserialize<TrendEntry>(line, Json);
            if (entry is null || string.IsNullOrEmpty(entry.Rig) || string.IsNullOrEmpty(entry.Topology) || entry.P50Ns <= 0 || entry.P99Ns <= 0)
            {
                throw new InputException($"{path}:{number}: expected a trend entry with rig, topology and positive p50_ns/p99_ns");
            }

            return entry;
        }
        catch (JsonException ex)
        {
            throw new InputException($"{path}:{number}: not a trend entry: {ex.Message}");
        }
    }

    /// <summary>An exclusive flock on FILE.lock (FileShare.None), never deleted, as RigLock does for rigs.</summary>
    private static async Task<FileStream> LockAsync(string path, TimeProvider time, CancellationToken ct)
    {
        var lockPath = path + ".lock";
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(lockPath))!);
        var started = time.GetTimestamp();
        while (true)
        {
            try
            {
                return new FileStream(lockPath, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            }
            catch (IOException ex) when (time.GetElapsedTime(started) >= LockTimeout)
            {
                throw new InfrastructureException(
                    $"timed out after {LockTimeout.TotalSeconds:0} s waiting for the trend file's lock {lockPath} (another run appending?): {ex.Message}", ex);
            }
            catch (IOException)
            {
                await Task.Delay(LockPoll, time, ct).ConfigureAwait(false);
            }
        }
    }
}
