using System.Diagnostics;
using Hil.Foundation;
using Hil.Session.Locking;
using Microsoft.Extensions.Time.Testing;

namespace Hil.Session.Tests;

public sealed class RigLockTests
{
    [Test]
    [CancelAfter(30_000)]
    public async Task A_second_session_waits_for_the_timeout_then_fails_naming_the_holder_pid(CancellationToken ct)
    {
        using var dir = TestRigs.NewDir();
        var (time, options) = Waiting(dir, TimeSpan.FromSeconds(10));
        using var held = await RigLock.AcquireAsync("r", options, ct);

        var waiting = RigLock.AcquireAsync("r", options, ct);
        await AdvanceUntilDone(time, waiting, ct);

        var ex = await Assert.ThrowsAsync<RigFaultException>(() => waiting);
        Assert.That(ex!.Message, Does.Contain($"rig 'r' is leased by pid {Environment.ProcessId} on host {Environment.MachineName}"));
        Assert.That(ex.Message, Does.Contain("timed out after 10s waiting for it to be released"));
        Assert.That(ex.Message, Does.Contain(dir.File("r.lock")));
    }

    [Test]
    [CancelAfter(30_000)]
    public async Task A_waiting_session_gets_the_rig_once_the_holder_releases_it(CancellationToken ct)
    {
        using var dir = TestRigs.NewDir();
        var (time, options) = Waiting(dir, TimeSpan.FromMinutes(5));
        var held = await RigLock.AcquireAsync("r", options, ct);

        var waiting = RigLock.AcquireAsync("r", options, ct);
        time.Advance(TimeSpan.FromSeconds(3));
        Assert.That(waiting.IsCompleted, Is.False);
        held.Dispose();
        await AdvanceUntilDone(time, waiting, ct);

        using var next = await waiting;
        Assert.That(next.Holder.ProcessId, Is.EqualTo(Environment.ProcessId));
    }

    [Test]
    [CancelAfter(30_000)]
    public async Task While_held_the_holder_record_names_pid_host_start_and_rig_and_release_clears_it(CancellationToken ct)
    {
        using var dir = TestRigs.NewDir();
        var held = await RigLock.AcquireAsync("r", TestRigs.Options(dir), ct);

        var record = LockHolder.TryParse(await File.ReadAllTextAsync(dir.File("r.holder"), ct));
        Assert.That(record, Is.EqualTo(held.Holder));
        Assert.That(record!.Host, Is.EqualTo(Environment.MachineName));
        Assert.That(record.Rig, Is.EqualTo("r"));
        held.Dispose();

        Assert.That(File.Exists(dir.File("r.holder")), Is.False);
        Assert.That(await File.ReadAllTextAsync(dir.File("r.lock"), ct), Is.Empty);
    }

    [Test]
    [CancelAfter(30_000)]
    public async Task A_record_left_by_a_process_that_is_gone_is_taken_over_and_logged(CancellationToken ct)
    {
        using var dir = TestRigs.NewDir();
        var deadPid = await RunToCompletion("true", "", ct);
        var stale = new LockHolder(deadPid, Environment.MachineName, TimeProvider.System.GetUtcNow(), "r");
        await File.WriteAllTextAsync(dir.File("r.holder"), stale.Format(), ct);
        var log = new List<string>();

        using var taken = await RigLock.AcquireAsync("r", TestRigs.Options(dir, log), ct);

        Assert.That(taken.Holder.ProcessId, Is.EqualTo(Environment.ProcessId));
        Assert.That(log, Has.One.Contains($"taking over a stale lock from pid {deadPid}").And.Contains("that process is gone"));
    }

    [Test]
    [CancelAfter(30_000)]
    public async Task A_record_naming_a_live_process_counts_as_held_even_when_the_os_lock_is_free(CancellationToken ct)
    {
        using var dir = TestRigs.NewDir();
        using var sleeper = Process.Start("sleep", "60");
        var live = new LockHolder(sleeper.Id, Environment.MachineName, TimeProvider.System.GetUtcNow(), "r");
        await File.WriteAllTextAsync(dir.File("r.holder"), live.Format(), ct);
        try
        {
            var ex = await Assert.ThrowsAsync<RigFaultException>(() => RigLock.AcquireAsync("r", TestRigs.Options(dir), ct));

            Assert.That(ex!.Message, Does.Contain($"leased by pid {sleeper.Id}"));
        }
        finally
        {
            sleeper.Kill();
            await sleeper.WaitForExitAsync(ct);
        }
    }

    [Test]
    public async Task A_rig_name_that_cannot_be_a_file_name_is_refused()
    {
        using var dir = TestRigs.NewDir();

        var ex = await Assert.ThrowsAsync<InputException>(() => RigLock.AcquireAsync("../etc", TestRigs.Options(dir), CancellationToken.None));

        Assert.That(ex!.Message, Does.Contain("rig name '../etc' cannot name a lock file"));
    }

    [TestCase("/l", "/run/user/1", "/l")]
    [TestCase(null, "/run/user/1", "/run/user/1/hil-locks")]
    [TestCase(null, null, "/tmp/hil-locks")]
    [TestCase("", "", "/tmp/hil-locks")]
    public void The_default_lock_directory_comes_from_the_environment(string? hilLockDir, string? runtimeDir, string expected)
    {
        var env = new Dictionary<string, string?> { ["HIL_LOCK_DIR"] = hilLockDir, ["XDG_RUNTIME_DIR"] = runtimeDir };

        Assert.That(RigSessionOptions.DefaultLockDirectory(env.GetValueOrDefault), Is.EqualTo(expected));
    }

    private static async Task AdvanceUntilDone(FakeTimeProvider time, Task task, CancellationToken ct)
    {
        while (!task.IsCompleted)
        {
            time.Advance(TimeSpan.FromSeconds(1));
            await Task.Delay(1, ct);
        }
    }

    private static async Task<int> RunToCompletion(string file, string args, CancellationToken ct)
    {
        using var process = Process.Start(file, args);
        await process.WaitForExitAsync(ct);
        return process.Id;
    }

    /// <summary>Options on a fake clock for a session that waits up to <paramref name="lockTimeout"/>, retrying every second.</summary>
    private static (FakeTimeProvider Time, RigSessionOptions Options) Waiting(TempDir dir, TimeSpan lockTimeout)
    {
        var time = new FakeTimeProvider();
        return (time, TestRigs.Options(dir) with { Time = time, LockTimeout = lockTimeout, LockPollInterval = TimeSpan.FromSeconds(1) });
    }
}
