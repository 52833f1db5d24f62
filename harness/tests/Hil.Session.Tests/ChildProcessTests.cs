using Hil.Foundation;
using Hil.Foundation.Processes;
using Hil.Rigs;
using Hil.Session.Tests.Helper;

namespace Hil.Session.Tests;

/// <summary>
/// A real process holds a session on child-rig; its fake relay persists channel states to a file,
/// so these tests see what each way of ending the process leaves behind.
/// </summary>
[NonParallelizable]
public sealed class ChildProcessTests
{
    private static readonly RigSpec Rig = RigFile.Parse(ChildRig.Yaml, "child-rig.yaml");

    [TestCase("TERM", "SIGTERM")]
    [TestCase("INT", "SIGINT")]
    [CancelAfter(120_000)]
    public async Task A_signalled_session_restores_the_safe_state_and_releases_the_lock(string signal, string logged, CancellationToken ct)
    {
        await using var held = await Held.StartAsync("hold", ct);
        var (locks, state, child) = (held.Locks, held.State, held.Child);
        Assert.That(Relay(state).Values, Has.All.True, "the helper switched every channel on");

        await child.SignalAsync(signal, ct);
        var exitCode = await child.WaitForExitAsync(ct);

        Assert.That(exitCode, Is.Not.Zero);
        Assert.That(Relay(state).Values, Has.All.False, child.Stderr);
        Assert.That(child.Stderr, Does.Contain($"{logged}: restoring safe state all-off of rig '{ChildRig.Name}'"));
        Assert.That(File.Exists(locks.File($"{ChildRig.Name}.holder")), Is.False);
        await using var next = await RigSession.OpenAsync(Rig, new FakeParts(), TestRigs.Options(locks), ct);
    }

    [Test]
    [CancelAfter(120_000)]
    public async Task A_second_session_times_out_naming_the_holders_pid(CancellationToken ct)
    {
        await using var held = await Held.StartAsync("hold", ct);
        var (locks, state, child) = (held.Locks, held.State, held.Child);
        var options = TestRigs.Options(locks) with
        {
            LockTimeout = TimeSpan.FromMilliseconds(300), LockPollInterval = TimeSpan.FromMilliseconds(50),
        };

        var ex = await Assert.ThrowsAsync<RigFaultException>(() => RigSession.OpenAsync(Rig, new FakeParts(), options, ct));

        Assert.That(ex!.Message, Does.Contain($"rig '{ChildRig.Name}' is leased by pid {child.Pid} on host {Environment.MachineName}"));
        Assert.That(ex.Message, Does.Contain("timed out after 300ms"));
    }

    [Test]
    [CancelAfter(120_000)]
    public async Task A_lock_left_by_a_killed_process_is_taken_over_and_the_next_session_restores_the_safe_state(CancellationToken ct)
    {
        await using var held = await Held.StartAsync("hold", ct);
        var (locks, state, child) = (held.Locks, held.State, held.Child);

        await child.SignalAsync("KILL", ct);
        await child.WaitForExitAsync(ct);

        Assert.That(Relay(state).Values, Has.All.True, "SIGKILL leaves no chance to clean up");
        Assert.That(File.Exists(locks.File($"{ChildRig.Name}.holder")), Is.True);
        var log = new List<string>();
        await using var next = await RigSession.OpenAsync(Rig, new FakeParts(state.Path), TestRigs.Options(locks, log), ct);
        Assert.That(log, Has.One.Contains($"taking over a stale lock from pid {child.Pid}").And.Contains("that process is gone"));
        Assert.That(Relay(state).Values, Has.All.False);
    }

    [Test]
    [CancelAfter(120_000)]
    public async Task The_run_that_takes_over_removes_what_the_killed_holder_left_and_says_what(CancellationToken ct)
    {
        await using var held = await Held.StartAsync("children", ct);
        var (locks, child) = (held.Locks, held.Child);
        var sleeper = StartedProcesses.Read(locks.File($"{ChildRig.Name}.children")).Single(p => p.Kind == "sleep");
        var shm = Directory.Exists("/dev/shm") ? Path.Combine("/dev/shm", $"hil-{sleeper.Pid}-test-1") : null;
        if (shm is not null)
        {
            await File.WriteAllTextAsync(shm, "ring", ct);
        }

        var sockets = Directory.CreateDirectory(Path.Combine(Path.GetTempPath(), $"hil-sim-{child.Pid}-1")).FullName;

        await child.SignalAsync("KILL", ct);
        await child.WaitForExitAsync(ct);
        Assert.That(ProcessIdentity.IsSame(sleeper.Pid, sleeper.Start), Is.True, "a SIGKILLed holder leaves its child running");

        var log = new List<string>();
        await using var next = await RigSession.OpenAsync(Rig, new FakeParts(), TestRigs.Options(locks, log), ct);
        await Gone(sleeper).WithTimeout(TimeSpan.FromSeconds(30), $"{sleeper} to end", FaultKind.HarnessError, TimeProvider.System, ct);
        var said = string.Join('\n', log);
        Assert.Multiple(() =>
        {
            Assert.That(said, Does.Contain($"removed what pid {child.Pid} left").And.Contain($"killed sleep (pid {sleeper.Pid})"));
            Assert.That(said, Does.Contain($"removed {sockets}"));
            Assert.That(Directory.Exists(sockets), Is.False, sockets);
            Assert.That(shm is null || !File.Exists(shm), Is.True, shm);
        });
    }

    [Test]
    [CancelAfter(120_000)]
    public async Task A_session_whose_starting_process_dies_stops_as_on_SIGTERM(CancellationToken ct)
    {
        using var parent = System.Diagnostics.Process.Start("sleep", "600");
        var start = ProcessIdentity.StartOf(parent.Id);
        Assert.That(start, Is.Not.Null, "the stand-in parent runs");
        var (locks, state) = (TestRigs.NewDir(), TestRigs.NewDir());
        try
        {
            await using var child = await HelperProcess.StartAsync("hold", locks, state, ct,
                new Dictionary<string, string> { [ParentWatch.Variable] = $"{parent.Id}:{start}" });

            parent.Kill();
            var exitCode = await child.WaitForExitAsync(ct);

            Assert.That(exitCode, Is.EqualTo(143), child.Stderr);
            Assert.That(child.Stderr, Does.Contain($"(pid {parent.Id}) is gone"));
            Assert.That(Relay(state).Values, Has.All.False, child.Stderr);
        }
        finally
        {
            state.Dispose();
            locks.Dispose();
        }
    }

    [Test]
    [CancelAfter(120_000)]
    public async Task An_unhandled_exception_in_a_fixture_still_restores_the_safe_state(CancellationToken ct)
    {
        await using var held = await Held.StartAsync("crash", ct);
        var (locks, state, child) = (held.Locks, held.State, held.Child);

        var exitCode = await child.WaitForExitAsync(ct);

        Assert.That(exitCode, Is.Not.Zero);
        Assert.That(child.Stderr, Does.Contain("unhandled InvalidOperationException: restoring safe state all-off"));
        Assert.That(Relay(state).Values, Has.All.False, child.Stderr);
        await using var next = await RigSession.OpenAsync(Rig, new FakeParts(), TestRigs.Options(locks), ct);
    }

    private static async Task Gone(StartedProcess process)
    {
        while (ProcessIdentity.IsSame(process.Pid, process.Start))
        {
            await Task.Delay(50);
        }
    }

    private static IReadOnlyDictionary<int, bool> Relay(TempDir state) => FakePowerSwitch.ReadStateFile(state.File("relay1.state"));

    /// <summary>A helper process holding child-rig, with its own lock and relay-state directories; all go on dispose.</summary>
    private sealed class Held(TempDir locks, TempDir state, HelperProcess child) : IAsyncDisposable
    {
        public TempDir Locks => locks;

        public TempDir State => state;

        public HelperProcess Child => child;

        public static async Task<Held> StartAsync(string mode, CancellationToken ct)
        {
            var (locks, state) = (TestRigs.NewDir(), TestRigs.NewDir());
            try
            {
                return new Held(locks, state, await HelperProcess.StartAsync(mode, locks, state, ct));
            }
            catch
            {
                state.Dispose();
                locks.Dispose();
                throw;
            }
        }

        public async ValueTask DisposeAsync()
        {
            await child.DisposeAsync();
            state.Dispose();
            locks.Dispose();
        }
    }
}
