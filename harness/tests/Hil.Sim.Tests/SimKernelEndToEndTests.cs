using Hil.Dext;
using Hil.Foundation;

namespace Hil.Sim.Tests;

/// <summary>The sim kernel against the real hil-simhost (build/dext), with fake power.</summary>
public sealed class SimKernelEndToEndTests
{
    private const string RootOneProcess = "HilProbeRootOneProcess";
    private const string RootSeparate = "HilProbeRootSeparate";

    [Test]
    [CancelAfter(30_000)]
    public async Task ActivationStartsTheRootPersonalitiesDriver2Instances(CancellationToken cancellationToken)
    {
        await using var rig = SimRigUnderTest.Create();

        await rig.Kernel.ActivateAsync(cancellationToken);

        var registry = await rig.Kernel.QueryRegistryAsync(cancellationToken);
        Assert.That(registry.Select(i => (i.Personality, i.Role)), Is.EquivalentTo(new[]
        {
            (RootOneProcess, DriverRole.Driver2), (RootSeparate, DriverRole.Driver2),
        }));
        Assert.That(registry.Select(i => i.ProcessId).Distinct().Count(), Is.EqualTo(2), "the root without the key gets its own process");
        Assert.That(registry.All(i => SimRigUnderTest.Alive(i.ProcessId) && File.Exists(i.Endpoint)), Is.True);
        Assert.That(registry.All(i => i.ServerName == "com.example.hilprobe"), Is.True);
        var status = await rig.Kernel.GetStatusAsync(cancellationToken);
        Assert.That((status.State, status.Version), Is.EqualTo((DextState.Activated, "7")));
    }

    [Test]
    [CancelAfter(30_000)]
    public async Task TheOneProcessDeviceJoinsTheServerAndTheOtherGetsItsOwnProcess(CancellationToken cancellationToken)
    {
        await using var rig = await SimRigUnderTest.ActivatedAsync(cancellationToken, "stimulus-a", "stimulus-b");
        var (a, b) = (rig.Powered[0], rig.Powered[1]);

        var registry = await rig.Kernel.QueryRegistryAsync(cancellationToken);
        Assert.That(a.OneProcess, Is.True);
        Assert.That(registry.Where(i => i.ProcessId == a.ProcessId).Select(i => i.Role),
            Is.EquivalentTo(new[] { DriverRole.Driver1, DriverRole.Driver2 }), "one pid hosts driver1 and driver2");
        Assert.That(a.ProcessId, Is.EqualTo((await rig.Driver2Async(RootOneProcess, cancellationToken)).ProcessId));
        Assert.That(b.OneProcess, Is.False);
        Assert.That(registry.Where(i => i.ProcessId == b.ProcessId).Select(i => i.InstanceId), Is.EqualTo(new[] { b.InstanceId }),
            "the personality without the key runs alone");
        Assert.That(rig.Kernel.KernelLog, Has.Some.Contains("using existing server com.example.hilprobe"));
    }

    [Test]
    [CancelAfter(30_000)]
    public async Task PowerOffRemovesTheDriver1AndAnEmptyProcessExits(CancellationToken cancellationToken)
    {
        await using var rig = await SimRigUnderTest.ActivatedAsync(cancellationToken, "stimulus-a", "stimulus-b");
        var (a, b) = (rig.Powered[0], rig.Powered[1]);

        rig.Power.Set(SimRigs.ChannelA, false);
        rig.Power.Set(SimRigs.ChannelB, false);

        var registry = await rig.Kernel.WaitForRegistryAsync(
            r => r.All(i => i.Role == DriverRole.Driver2), "both Driver1 instances gone", SimRigUnderTest.Wait, cancellationToken);
        Assert.That(registry, Has.Count.EqualTo(2));
        await SimRigUnderTest.WaitExitedAsync(b.ProcessId, cancellationToken);
        Assert.That(SimRigUnderTest.Alive(a.ProcessId), Is.True, "the one-process server still hosts its Driver2");
        Assert.That(File.Exists(b.Endpoint), Is.False);
        Assert.That(rig.Kernel.CrashCount, Is.Zero, "exits the kernel asked for are not crashes");
    }

    [Test]
    [CancelAfter(30_000)]
    public async Task AKilledHostIsDetectedAndRelaunchedWithANewPid(CancellationToken cancellationToken)
    {
        await using var rig = await SimRigUnderTest.ActivatedAsync(cancellationToken, "stimulus-b");
        var b = rig.Powered.Single();
        var crashed = new TaskCompletionSource<SimHostCrash>(TaskCreationOptions.RunContinuationsAsynchronously);
        rig.Kernel.HostCrashed += c => crashed.TrySetResult(c);

        await rig.Kernel.CrashHostAsync(b.ProcessId, cancellationToken);

        var crash = await crashed.Task.WithTimeout(SimRigUnderTest.Wait, "the crash report", FaultKind.InfrastructureFault,
            TimeProvider.System, cancellationToken);
        Assert.That(crash.ProcessId, Is.EqualTo(b.ProcessId));
        Assert.That(crash.ExitCode, Is.EqualTo(128 + ProcessSignals.SigKill));
        Assert.That(crash.Lost.Select(i => i.InstanceId), Is.EqualTo(new[] { b.InstanceId }));
        var again = crash.Rematched.Single();
        Assert.That((again.MatchedDevice, again.Role), Is.EqualTo(("stimulus-b", DriverRole.Driver1)));
        Assert.That(again.ProcessId, Is.Not.EqualTo(b.ProcessId));
        Assert.That(SimRigUnderTest.Alive(again.ProcessId), Is.True);
        Assert.That(SimRigUnderTest.SharedMemoryOf(b.ProcessId), Is.Empty, "the kernel sweeps what SIGKILL left");
        Assert.That(rig.Kernel.CrashCount, Is.EqualTo(1));
        Assert.That(rig.Kernel.HostLogs.Select(l => l.ProcessId), Does.Contain(b.ProcessId).And.Contain(again.ProcessId));
        Assert.That(File.ReadAllText(crash.LogPath), Does.StartWith("# "), "the log names the command line");
    }

    [Test]
    [CancelAfter(30_000)]
    public async Task CrashOfTheOneProcessServerRematchesBothDriversIntoOneProcess(CancellationToken cancellationToken)
    {
        await using var rig = await SimRigUnderTest.ActivatedAsync(cancellationToken, "stimulus-a");
        var a = rig.Powered.Single();

        await rig.Kernel.CrashHostAsync(a.ProcessId, cancellationToken);

        var registry = await rig.Kernel.WaitForRegistryAsync(
            r => r.Count == 3 && r.All(i => i.ProcessId != a.ProcessId), "all three instances back after the crash",
            SimRigUnderTest.Wait, cancellationToken);
        var a2 = registry.Single(i => i.MatchedDevice == "stimulus-a");
        var root2 = registry.Single(i => i.Personality == RootOneProcess);
        Assert.That(a2.ProcessId, Is.EqualTo(root2.ProcessId), "Driver1 and its Driver2 share a process again");
        Assert.That(rig.Kernel.Crashes.Single().Lost, Has.Count.EqualTo(2), "a crash takes every driver in the process");
    }

    [Test]
    [CancelAfter(30_000)]
    public async Task DeactivateLeavesNoProcessSocketOrSharedMemory(CancellationToken cancellationToken)
    {
        await using var rig = await SimRigUnderTest.ActivatedAsync(cancellationToken, "stimulus-a", "stimulus-b");
        var before = await rig.Kernel.QueryRegistryAsync(cancellationToken);
        var pids = before.Select(i => i.ProcessId).Distinct().ToList();
        Assert.That(pids.SelectMany(SimRigUnderTest.SharedMemoryOf), Is.Not.Empty, "Driver2 instances own record rings");

        await rig.Kernel.DeactivateAsync(cancellationToken);

        Assert.That(pids.Where(SimRigUnderTest.Alive), Is.Empty);
        Assert.That(pids.SelectMany(SimRigUnderTest.SharedMemoryOf), Is.Empty);
        Assert.That(before.Select(i => Path.GetDirectoryName(i.Endpoint)).Distinct().Where(Directory.Exists), Is.Empty);
        Assert.That(await rig.Kernel.QueryRegistryAsync(cancellationToken), Is.Empty);
        Assert.That((await rig.Kernel.GetStatusAsync(cancellationToken)).State, Is.EqualTo(DextState.Deactivated));
        Assert.That(rig.Kernel.CrashCount, Is.Zero);
        Assert.That(SimProcessTracker.Running.Intersect(pids), Is.Empty);
    }
}
