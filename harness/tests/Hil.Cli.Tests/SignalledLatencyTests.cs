using Hil.Foundation;
using Hil.Foundation.Processes;
using Hil.TestSupport;

namespace Hil.Cli.Tests;

/// <summary>
/// `hil latency` as CI runs it, in a child process on the sim rig, stopped the ways CI and people stop
/// it: a signal once its sim hosts run, and kill -9. Each run has its own lock folder; waits are for
/// events (the sim hosts appearing, the process ending) with generous named timeouts.
/// </summary>
[NonParallelizable]
public sealed class SignalledLatencyTests : TempFolderTest
{
    private static readonly TimeSpan Generous = TimeSpan.FromSeconds(90);

    [TestCase("INT", 130)]
    [TestCase("TERM", 143)]
    [CancelAfter(240_000)]
    public async Task A_signal_mid_burst_exits_128_plus_it_and_leaves_nothing_running(string signal, int expected, CancellationToken ct)
    {
        await using var hil = Hil.Start(Dir, "--samples", "200000", "--rate", "2000");
        var hosts = await hil.SimHostsAsync(ct);

        await hil.SignalAsync(signal, ct);
        var exit = await hil.ExitAsync(ct);

        Assert.That(exit, Is.EqualTo(expected), hil.Output);
        Assert.That(hil.Output, Does.Contain($"hil: cancelled (SIG{signal})"));
        await AllGoneAsync(hosts, ct);
        Assert.That(PidNamedObjects.Of([hil.Pid], hil.Started), Is.Empty, "the session removed its socket and log folders");
    }

    [Test]
    [CancelAfter(300_000)]
    public async Task After_kill_9_the_sim_hosts_and_the_floor_stop_and_the_next_run_removes_what_was_left(CancellationToken ct)
    {
        int killed;
        DateTime since;
        await using (var hil = Hil.Start(Dir, "--samples", "200000", "--rate", "2000"))
        {
            // The floor runs beside the burst, so it starts after the hosts; its schedule (100 s) outlasts the wait below.
            var hosts = await hil.SimHostsAsync(ct);
            var floor = await hil.BelowAsync("hil-floor", ct);
            (killed, since) = (hil.Pid, hil.Started);
            await hil.SignalAsync("KILL", ct);
            await hil.ExitAsync(ct);

            // The hosts' stdin was their lifeline, and it closed with the killed process; the floor watches its parent.
            await AllGoneAsync([.. hosts, .. floor], ct);
        }

        await using var next = Hil.Start(Dir, "--samples", "200", "--rate", "1000", "--no-floor");
        Assert.That(await next.ExitAsync(ct), Is.Zero, next.Output);
        Assert.That(next.Output, Does.Contain($"taking over a stale lock from pid {killed}"));
        Assert.That(next.Output, Does.Contain($"pid {killed} left"));
        Assert.That(PidNamedObjects.Of([killed], since), Is.Empty, next.Output);
    }

    private static async Task AllGoneAsync(IReadOnlyList<StartedProcess> hosts, CancellationToken ct)
    {
        async Task Poll()
        {
            while (hosts.Any(h => ProcessIdentity.IsSame(h.Pid, h.Start)))
            {
                await Task.Delay(100, ct);
            }
        }

        await Poll().WithTimeout(Generous, $"{string.Join(", ", hosts.Select(h => $"{h.Kind} {h.Pid}"))} to end", FaultKind.HarnessError, TimeProvider.System, ct);
    }

    /// <summary>One `hil latency` child on rigs/sim.yaml with its own lock folder; killed (tree) on dispose if still running.</summary>
    private sealed class Hil(ChildProcess child, DateTime started) : IAsyncDisposable
    {
        public int Pid => child.Pid;

        public DateTime Started => started;

        public string Output => child.Output;

        public static Hil Start(string dir, params string[] extra)
        {
            var root = RepositoryRoot.Find();
            string[] args = ["latency", "--rig", Path.Combine(root, "rigs", "sim.yaml"), "--topology", "app-relay", .. extra];
            var started = PidNamedObjects.Now();
            return new Hil(ChildProcess.StartDotnet(Path.Combine(TestContext.CurrentContext.TestDirectory, "hil.dll"), args, new Dictionary<string, string> { ["HIL_LOCK_DIR"] = Path.Combine(dir, "locks") }, root), started);
        }

        /// <summary>The sim hosts below this process, once at least one runs.</summary>
        public Task<IReadOnlyList<StartedProcess>> SimHostsAsync(CancellationToken ct) => BelowAsync("hil-simhost", ct);

        /// <summary>Processes below this one whose command line names <paramref name="tool"/>, once at least one runs.</summary>
        public async Task<IReadOnlyList<StartedProcess>> BelowAsync(string tool, CancellationToken ct)
        {
            async Task<IReadOnlyList<StartedProcess>> Poll()
            {
                while (true)
                {
                    var found = ProcessTree.Descendants(Pid)
                        .Where(pid => File.Exists($"/proc/{pid}/cmdline") && File.ReadAllText($"/proc/{pid}/cmdline").Contains(tool, StringComparison.Ordinal))
                        .Select(pid => ProcessIdentity.StartOf(pid) is { } start ? new StartedProcess(pid, start, tool) : null)
                        .OfType<StartedProcess>().ToList();
                    if (found.Count > 0 || child.HasExited)
                    {
                        Assert.That(found, Is.Not.Empty, $"hil latency ended before a {tool} ran below it: {Output}");
                        return found;
                    }

                    await Task.Delay(50, ct);
                }
            }

            return await Poll().WithTimeout(Generous, $"hil latency (pid {Pid}) to start a {tool}", FaultKind.HarnessError, TimeProvider.System, ct);
        }

        public Task SignalAsync(string signal, CancellationToken ct) => child.SignalAsync(signal, ct);

        public Task<int> ExitAsync(CancellationToken ct) => child.ExitAsync(Generous, "hil latency", ct);

        public ValueTask DisposeAsync() => child.DisposeAsync();
    }
}
