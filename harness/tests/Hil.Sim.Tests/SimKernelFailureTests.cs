using Hil.Foundation;

namespace Hil.Sim.Tests;

/// <summary>What the sim kernel says when hil-simhost is missing, mute or dies at start (fake hosts: shell scripts).</summary>
public sealed class SimKernelFailureTests
{
    private string _dir = "";

    [SetUp]
    public void MakeDirectory() => Directory.CreateDirectory(_dir = Path.Combine(Path.GetTempPath(), $"hil-fakehost-{Guid.NewGuid():N}"));

    [TearDown]
    public void RemoveDirectory() => Directory.Delete(_dir, recursive: true);

    [Test]
    public void AMissingBinaryNamesThePathAndTheBuildCommand()
    {
        var root = Path.Combine(_dir, "checkout");
        Directory.CreateDirectory(Path.Combine(root, "harness"));
        File.WriteAllText(Path.Combine(root, "Harness.sln"), "");

        var e = Assert.Throws<InfrastructureException>(() => NativeBinary.SimHost.Locate(null, Path.Combine(root, "harness")));

        Assert.That(e!.Message, Does.Contain(Path.Combine(root, "build", "dext", "hil-simhost"))
            .And.Contain("cmake -S dext -B build/dext && cmake --build build/dext"));
    }

    [Test]
    public void TheEnvironmentVariableWinsAndMustExist()
    {
        var fake = Script("exit 0");

        Assert.That(NativeBinary.SimHost.Locate(fake), Is.EqualTo(fake));
        Assert.That(() => NativeBinary.SimHost.Locate("/nonexistent/hil-simhost"),
            Throws.TypeOf<InfrastructureException>().With.Message.StartWith("HIL_SIMHOST=/nonexistent/hil-simhost: no such file"));
    }

    [Test]
    public void TheBuildTreeIsFoundFromTheRepositoryRoot()
    {
        var root = Path.Combine(_dir, "checkout");
        var binary = Path.Combine(root, "build", "dext", "hil-simhost");
        Directory.CreateDirectory(Path.GetDirectoryName(binary)!);
        File.WriteAllText(Path.Combine(root, "Harness.sln"), "");
        File.WriteAllText(binary, "");

        Assert.That(NativeBinary.SimHost.Locate(null, root), Is.EqualTo(binary));
    }

    [Test]
    [CancelAfter(30_000)]
    public async Task AHostThatNeverGetsReadyTimesOutNamingTheWaitAndIsStopped(CancellationToken cancellationToken)
    {
        var pidFile = Path.Combine(_dir, "pid");
        var mute = Script($"echo $$ > '{pidFile}'\nexec sleep 60");
        await using var rig = SimRigUnderTest.Create(
            options: new SimKernelOptions { SimHostPath = mute, LogDirectory = _dir, StopGrace = TimeSpan.FromSeconds(2) },
            activate: TimeSpan.FromMilliseconds(500));

        var e = await Assert.ThrowsAsync<WaitTimeoutException>(() => rig.Kernel.ActivateAsync(cancellationToken));

        Assert.That(e!.Message, Does.Contain("waiting for the ready line hosting d2-").And.Contain("server com.example.hilprobe"));
        var pid = int.Parse(File.ReadAllText(pidFile).Trim(), System.Globalization.CultureInfo.InvariantCulture);
        Assert.That(SimRigUnderTest.Alive(pid), Is.False, "a host that failed to start is stopped by its pid");
        Assert.That((await rig.Kernel.GetStatusAsync(cancellationToken)).State, Is.EqualTo(Hil.Dext.DextState.Failed));
    }

    [Test]
    [CancelAfter(30_000)]
    public async Task AHostThatDiesAtStartFailsActivationAtOnceWithItsLog(CancellationToken cancellationToken)
    {
        var dying = Script("echo 'cannot bind socket' >&2\nexit 3");
        await using var rig = SimRigUnderTest.Create(
            options: new SimKernelOptions { SimHostPath = dying, LogDirectory = _dir }, activate: TimeSpan.FromSeconds(20));

        var e = await Assert.ThrowsAsync<ProductDefectException>(() => rig.Kernel.ActivateAsync(cancellationToken));

        Assert.That(e!.Message, Does.Contain("exit code 3").And.Contain("while we waited for the ready line"));
        var log = rig.Kernel.HostLogs.First().Path;
        Assert.That(File.ReadAllText(log), Does.Contain("cannot bind socket"));
        Assert.That(rig.Kernel.CrashCount, Is.Zero, "a host that never got ready is a failed launch, not a crash to relaunch");
    }

    [Test]
    [CancelAfter(60_000)]
    public async Task DisposingWhileAHostStartsStopsTheStartAndLeavesNoSocketFolder(CancellationToken cancellationToken)
    {
        var pidFile = Path.Combine(_dir, "pid");
        var sockets = Path.Combine(_dir, "sockets");
        var mute = Script($"echo $$ > '{pidFile}'\nexec sleep 60");
        var rig = SimRigUnderTest.Create(
            options: new SimKernelOptions { SimHostPath = mute, LogDirectory = _dir, SocketDirectory = sockets, StopGrace = TimeSpan.FromSeconds(2) },
            activate: TimeSpan.FromMinutes(5));
        var activating = rig.Kernel.ActivateAsync(cancellationToken);
        await WaitForAsync(() => File.Exists(pidFile) && File.ReadAllText(pidFile).Trim().Length > 0, "the fake host to start", cancellationToken);

        // As a session's shutdown does when its process is told to stop mid-activation.
        await rig.DisposeAsync();

        Assert.That(async () => await activating, Throws.InstanceOf<OperationCanceledException>(), "the activation in flight is stopped, not waited out");
        var pid = int.Parse(File.ReadAllText(pidFile).Trim(), System.Globalization.CultureInfo.InvariantCulture);
        Assert.That(SimRigUnderTest.Alive(pid), Is.False, "the starting host is stopped by its pid");
        Assert.That(Directory.Exists(sockets), Is.False, "the socket folder is removed");
    }

    [Test]
    [CancelAfter(30_000)]
    public async Task AShutDownKernelActivatesNothing(CancellationToken cancellationToken)
    {
        var sockets = Path.Combine(_dir, "sockets");
        var rig = SimRigUnderTest.Create(options: new SimKernelOptions { LogDirectory = _dir, SocketDirectory = sockets });
        await rig.DisposeAsync();

        Assert.That(async () => await rig.Kernel.ActivateAsync(cancellationToken), Throws.InstanceOf<OperationCanceledException>().With.Message.Contains("shut down"));
        Assert.That(Directory.Exists(sockets), Is.False, "no socket folder is made after the shutdown");
    }

    private static async Task WaitForAsync(Func<bool> condition, string waitedFor, CancellationToken cancellationToken)
    {
        var polled = Task.Run(async () =>
        {
            while (!condition())
            {
                await Task.Delay(20, cancellationToken);
            }
        }, cancellationToken);
        await polled.WithTimeout(SimRigUnderTest.Wait, waitedFor, FaultKind.ProductDefect, TimeProvider.System, cancellationToken);
    }

    private string Script(string body)
    {
        var path = Path.Combine(_dir, $"fake-simhost-{Guid.NewGuid():N}");
        File.WriteAllText(path, $"#!/bin/sh\n{body}\n");
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }

        return path;
    }
}
