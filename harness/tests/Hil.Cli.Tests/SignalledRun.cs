using System.Text.Json;
using Hil.Foundation;
using Hil.Reporting.Contracts;
using Hil.TestSupport;

namespace Hil.Cli.Tests;

/// <summary>
/// One `hil run --suite smoke` child on rigs/sim.yaml, with its own lock, results and report folders
/// and a tag in its environment that every process below it inherits: its processes are found by
/// that tag, never by name, since other runs share this host. Killed (tree) on dispose if still running.
/// </summary>
internal sealed class SignalledRun(ChildProcess child, string tag, ResultsLayout results, DateTime started) : IAsyncDisposable
{
    /// <summary>A `hil run` on a busy 2-core host builds the fixtures first: at load 47 the first test began after 4 minutes.</summary>
    public static readonly TimeSpan Generous = TimeSpan.FromSeconds(600);

    private const string TagVariable = "HIL_SIGNAL_TEST_TAG";

    private readonly Dictionary<int, string> seen = [];

    public int Pid => child.Pid;

    public string Output => child.Output;

    public ResultsLayout Results => results;

    /// <summary>When the run was started (UTC): what is named after its pids but older is another, earlier process's.</summary>
    public DateTime Started => started;

    /// <summary>Every process that carried this run's tag while it was watched (the run itself included).</summary>
    public IReadOnlyCollection<int> Seen
    {
        get
        {
            lock (seen)
            {
                return [.. seen.Keys, Pid];
            }
        }
    }

    /// <summary>The command line each process of <see cref="Seen"/> had when it was last watched, to name who left something.</summary>
    public string Describe(int pid)
    {
        lock (seen)
        {
            return seen.TryGetValue(pid, out var argv) ? $"{pid} ({argv.Trim()})" : pid == Pid ? $"{pid} (hil run)" : $"{pid} (not watched)";
        }
    }

    /// <summary>Starts `hil run` in <paramref name="dir"/>'s folders; a second run in the same folder shares its lock and results.</summary>
    public static SignalledRun Start(string dir)
    {
        var root = RepositoryRoot.Find();
        var results = new ResultsLayout(Path.Combine(dir, "results"));
        string[] args = ["run", "--suite", "smoke", "--rig", Path.Combine(root, "rigs", "sim.yaml"), "--results", results.Root,
            "--report", Path.Combine(dir, "report"), "--history", Path.Combine(dir, "history.jsonl")];
        var tag = Guid.NewGuid().ToString("N");

        var env = new Dictionary<string, string> { [TagVariable] = tag, ["HIL_LOCK_DIR"] = Path.Combine(dir, "locks") };
        var started = PidNamedObjects.Now();
        return new SignalledRun(ChildProcess.StartDotnet(Path.Combine(TestContext.CurrentContext.TestDirectory, "hil.dll"), args, env, root), tag, results, started);
    }

    /// <summary>Waits until a process of the given kind (a word of its command line) runs below this run.</summary>
    public async Task WaitForAsync(string kind, CancellationToken ct)
    {
        async Task Poll()
        {
            while (!Tagged().Values.Any(argv => argv.Contains(kind, StringComparison.Ordinal)))
            {
                Assert.That(child.HasExited, Is.False, $"hil run ended before a {kind} ran below it: {Output}");
                await Task.Delay(100, ct);
            }
        }

        await Poll().WithTimeout(Generous, $"hil run (pid {Pid}) to start a {kind}", FaultKind.HarnessError, TimeProvider.System, ct);
    }

    /// <summary>Waits until the suite has written its first verdict (a fixture ended; the next one runs).</summary>
    public async Task WaitForFirstVerdictAsync(CancellationToken ct)
    {
        async Task Poll()
        {
            while (!HasVerdict())
            {
                Assert.That(child.HasExited, Is.False, $"hil run ended before the suite's first verdict: {Output}");
                _ = Tagged();
                await Task.Delay(100, ct);
            }
        }

        await Poll().WithTimeout(Generous, $"the first verdict in {results.TestLog}", FaultKind.HarnessError, TimeProvider.System, ct);
    }

    public Task SignalAsync(string signal, CancellationToken ct)
    {
        _ = Tagged();
        return child.SignalAsync(signal, ct);
    }

    public Task<int> ExitAsync(CancellationToken ct) => child.ExitAsync(Generous, "hil run", ct);

    /// <summary>Waits until no process carries this run's tag (zombies not counted); names those left.</summary>
    public async Task NothingLeftAsync(CancellationToken ct)
    {
        async Task Poll()
        {
            while (Tagged().Count > 0)
            {
                await Task.Delay(200, ct);
            }
        }

        try
        {
            await Poll().WithTimeout(TimeSpan.FromSeconds(120), $"every process of hil run {Pid} to end", FaultKind.HarnessError, TimeProvider.System, ct);
        }
        catch (WaitTimeoutException)
        {
            Assert.Fail($"processes of the run left: {string.Join("; ", Tagged().Select(p => $"{p.Key} {p.Value}"))}");
        }
    }

    /// <summary>Results that break the schema: a test without a stop, or still at stage running.</summary>
    public IReadOnlyList<string> InvalidResults() =>
        !Directory.Exists(results.AllureResults) ? [] :
        [.. Directory.GetFiles(results.AllureResults, "*-result.json").Where(path =>
        {
            using var doc = JsonDocument.Parse(File.ReadAllText(path));
            var r = doc.RootElement;
            return !r.TryGetProperty("stop", out _) || (r.TryGetProperty("stage", out var stage) && stage.GetString() == "running");
        }).Select(Path.GetFileName).OfType<string>()];

    /// <summary>Shared memory objects, socket and log folders named after a process of this run, each with the process that named it.</summary>
    public IReadOnlyList<string> LeftObjects() =>
        [.. Seen.SelectMany(pid => PidNamedObjects.Of([pid], Started).Select(left => $"{left} of {Describe(pid)}"))];


    public ValueTask DisposeAsync() => child.DisposeAsync();

    private bool HasVerdict()
    {
        try
        {
            using var log = new StreamReader(new FileStream(results.TestLog, FileMode.Open, FileAccess.Read, FileShare.ReadWrite));
            string? line;
            while ((line = log.ReadLine()) is not null)
            {
                if (line.TrimStart().StartsWith("Passed ", StringComparison.Ordinal) || line.TrimStart().StartsWith("Failed ", StringComparison.Ordinal))
                {
                    return true;
                }
            }
        }
        catch (IOException)
        {
            // Not written yet (FileNotFoundException, DirectoryNotFoundException are IOExceptions).
        }

        return false;
    }

    /// <summary>pid → command line of every live, non-zombie process carrying this run's tag; each is remembered in <see cref="Seen"/>.</summary>
    private Dictionary<int, string> Tagged()
    {
        var found = new Dictionary<int, string>();
        var marker = System.Text.Encoding.UTF8.GetBytes($"{TagVariable}={tag}\0");
        foreach (var dir in Directory.GetDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), out var pid) || Read(pid, "environ") is not { } environ
                || environ.AsSpan().IndexOf(marker) < 0 || IsZombie(pid))
            {
                continue;
            }

            found[pid] = System.Text.Encoding.UTF8.GetString(Read(pid, "cmdline") ?? []).Replace('\0', ' ');
        }

        lock (seen)
        {
            foreach (var (pid, argv) in found)
            {
                seen[pid] = argv;
            }
        }

        return found;
    }

    private static bool IsZombie(int pid) =>
        Read(pid, "stat") is { } stat && System.Text.Encoding.ASCII.GetString(stat) is var text && text.LastIndexOf(')') is var close and > 0
        && close + 2 < text.Length && text[close + 2] == 'Z';

    private static byte[]? Read(int pid, string file)
    {
        try
        {
            return File.ReadAllBytes($"/proc/{pid}/{file}");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null; // gone, or another user's
        }
    }
}
