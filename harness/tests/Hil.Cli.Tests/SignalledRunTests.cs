namespace Hil.Cli.Tests;

/// <summary>
/// `hil run --suite smoke` on the sim rig, stopped the ways CI and people stop it: SIGINT while a
/// fixture holds its rig session, SIGTERM once the suite is under way, and kill -9 followed by the
/// next run into the same lock and results folders. Each must end as docs/SHUTDOWN.md says: the
/// signal's exit code, every result with a stop, no process of the run left (found by a tag in their
/// environment), no shared memory or socket folder of it left. Waits are for events (a sim host
/// appearing, a verdict written, the process ending) with generous named timeouts.
/// </summary>
[NonParallelizable]
public sealed class SignalledRunTests : TempFolderTest
{
    [TestCase("INT", 130, "hil-simhost")]
    [TestCase("TERM", 143, "verdict")]
    [CancelAfter(1_500_000)]
    public async Task A_signal_mid_suite_exits_128_plus_it_with_valid_results_and_nothing_left(string signal, int expected, string moment, CancellationToken ct)
    {
        await using var run = SignalledRun.Start(Dir);
        await (moment == "verdict" ? run.WaitForFirstVerdictAsync(ct) : run.WaitForAsync(moment, ct));

        await run.SignalAsync(signal, ct);
        var exit = await run.ExitAsync(ct);

        Assert.That(exit, Is.EqualTo(expected), run.Output);
        Assert.That(run.Output, Does.Contain($"hil: cancelled (SIG{signal})"));
        await run.NothingLeftAsync(ct);
        Assert.That(run.InvalidResults(), Is.Empty, $"results without a stop or left running in {run.Results.AllureResults}");
        Assert.That(run.LeftObjects(), Is.Empty, "shared memory, socket or log folders of the run");
    }

    [Test]
    [CancelAfter(2_700_000)]
    public async Task After_kill_9_the_tree_stops_and_the_next_run_into_the_same_folders_passes_with_nothing_left(CancellationToken ct)
    {
        IReadOnlyCollection<int> killed;
        DateTime since;
        await using (var run = SignalledRun.Start(Dir))
        {
            await run.WaitForAsync("hil-simhost", ct);
            await run.SignalAsync("KILL", ct);
            await run.ExitAsync(ct);

            // Its test host watched it (HIL_PARENT) and its sim hosts' stdin closed with it.
            await run.NothingLeftAsync(ct);
            (killed, since) = (run.Seen, run.Started);
        }

        await using var next = SignalledRun.Start(Dir);
        Assert.That(await next.ExitAsync(ct), Is.Zero, next.Output);
        await next.NothingLeftAsync(ct);
        Assert.That(next.InvalidResults(), Is.Empty, $"results without a stop or left running in {next.Results.AllureResults}");
        Assert.That(PidNamedObjects.Of([.. killed, .. next.Seen], since), Is.Empty, "shared memory, socket or log folders of either run");
    }
}
