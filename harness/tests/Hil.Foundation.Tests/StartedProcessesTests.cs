using Hil.Foundation.Processes;
using Hil.TestSupport;

namespace Hil.Foundation.Tests;

[NonParallelizable]
public sealed class StartedProcessesTests : TempFolderTest
{
    [Test]
    [CancelAfter(60_000)]
    public async Task A_running_child_is_kept_in_the_file_with_its_start_time_and_named_to_the_child_as_its_parent(CancellationToken ct)
    {
        var file = Path.Combine(Dir, "rig.children");
        using var kept = StartedProcesses.KeepIn(file);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var run = ProcessRunner.RunAsync(new ProcessCommand("/bin/sh", "-c", "echo \"$HIL_PARENT\"; exec sleep 60"), TimeProvider.System, stop.Token);

        var recorded = StartedProcesses.Read(file);
        Assert.That(recorded.Count(p => p.Kind == "sh" && ProcessIdentity.IsSame(p.Pid, p.Start)), Is.EqualTo(1), string.Join(", ", recorded));
        await stop.CancelAsync();
        Assert.That(async () => await run, Throws.InstanceOf<OperationCanceledException>());
        Assert.That(StartedProcesses.Read(file), Is.Empty, "an ended child leaves the list");
        Assert.That(ParentWatch.ForChildren(), Does.StartWith($"{Environment.ProcessId}:"));
    }

    [Test]
    public void Kill_all_spares_a_pid_whose_start_time_differs_and_the_file_goes_with_its_keeper()
    {
        var file = Path.Combine(Dir, "rig.children");
        var me = ProcessIdentity.StartOf(Environment.ProcessId);
        Assert.That(me, Is.Not.Null);

        // This very process under another start time: a reused pid, never to be signalled.
        var killed = StartedProcesses.KillAll([new StartedProcess(Environment.ProcessId, me!.Value + 1, "reused")]);

        Assert.That(killed, Is.Empty);
        StartedProcesses.KeepIn(file).Dispose();
        Assert.That(File.Exists(file), Is.False);
    }
}
