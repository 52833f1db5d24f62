using Hil.Dext.MacOS;
using Hil.Foundation;
using Microsoft.Extensions.Time.Testing;

namespace Hil.Dext.Tests;

/// <summary>MacDextHost composed with fake systemextensionsctl / ioreg that print captured-format output.</summary>
public sealed class MacDextHostTests
{
    private string _dir = "";

    [SetUp]
    public void CreateFakes() => _dir = Path.Combine(Path.GetTempPath(), $"hil-fakecli-{Guid.NewGuid():N}");

    [TearDown]
    public void DeleteFakes()
    {
        if (Directory.Exists(_dir))
        {
            Directory.Delete(_dir, recursive: true);
        }
    }

    [Test]
    [CancelAfter(30_000)]
    public async Task RegistryJoinsServicesToTheirProcesses(CancellationToken cancellationToken)
    {
        await using var host = Host("systemextensionsctl-list-karabiner-2876.txt", TimeProvider.System);

        var registry = await host.QueryRegistryAsync(cancellationToken);

        var d1 = registry.Single(i => i.Role == DriverRole.Driver1);
        Assert.That(d1.Personality, Is.EqualTo("HilProbeDriver1OneProcess"));
        Assert.That(d1.ProcessId, Is.EqualTo(4321));
        Assert.That(d1.MatchedDevice, Is.EqualTo("stimulus-a"));
        Assert.That(d1.OneProcess, Is.True);
        Assert.That(d1.Endpoint, Is.EqualTo("0x100000c20"));
        var roots = registry.Where(i => i.Role == DriverRole.Driver2).ToDictionary(i => i.Personality);
        Assert.That(roots["HilProbeRootOneProcess"].ProcessId, Is.EqualTo(4321), "driver1 and driver2 share a pid");
        Assert.That(roots["HilProbeRootSeparate"].ProcessId, Is.EqualTo(4400));
        Assert.That(roots["HilProbeRootSeparate"].OneProcess, Is.False);
    }

    [Test]
    [CancelAfter(30_000)]
    public async Task StatusNamesOurProcessesOnly(CancellationToken cancellationToken)
    {
        await using var host = Host("systemextensionsctl-list-newer.txt", TimeProvider.System);

        var status = await host.GetStatusAsync(cancellationToken);

        Assert.That(status.State, Is.EqualTo(DextState.Activating), "[activated waiting for user]");
        Assert.That(status.Version, Is.EqualTo("1.0.7/7"));
        Assert.That(status.ProcessIds, Is.EquivalentTo(new[] { 4321, 4400 }));
    }

    [Test]
    [CancelAfter(30_000)]
    public async Task ActivationWaitingForUserTimesOutNamingWhatItWaitedFor(CancellationToken cancellationToken)
    {
        var time = new FakeTimeProvider();
        await using var host = Host("systemextensionsctl-list-newer.txt", time);

        var activation = host.ActivateAsync(cancellationToken);
        while (!activation.IsCompleted)
        {
            time.Advance(TimeSpan.FromMilliseconds(250));
            await Task.Delay(5, cancellationToken);
        }

        var e = await Assert.ThrowsAsync<WaitTimeoutException>(() => activation);
        Assert.That(e!.Message, Does.Contain("com.example.hilprobe as [activated enabled]").And.Contain("after 2 s"));
    }

    [Test]
    [CancelAfter(30_000)]
    public async Task AHostAppThatNeverReturnsIsStoppedAtTheActivateTimeout(CancellationToken cancellationToken)
    {
        var time = new FakeTimeProvider();
        var app = Path.Combine(_dir, "HilHostApp");
        Directory.CreateDirectory(_dir);
        await File.WriteAllTextAsync(app, "#!/bin/sh\nexec sleep 60\n", cancellationToken);
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(app, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }

        await using var host = Host("systemextensionsctl-list-karabiner-2876.txt", time, app);

        var activation = host.ActivateAsync(cancellationToken);
        while (!activation.IsCompleted)
        {
            time.Advance(TimeSpan.FromMilliseconds(500));
            await Task.Delay(5, cancellationToken);
        }

        var e = await Assert.ThrowsAsync<WaitTimeoutException>(() => activation);
        Assert.That(e!.Message, Does.Contain($"`{app} activate` to finish"));
    }

    [Test]
    [CancelAfter(30_000)]
    public async Task ARegistryWaitDoesNotAcceptADriverWhoseProcessIsNotKnownYet(CancellationToken cancellationToken)
    {
        var time = new FakeTimeProvider();
        await using var host = Host("systemextensionsctl-list-karabiner-2876.txt", time, servers: "ioreg-iouserserver-vspdriver.txt");
        Assert.That((await host.QueryRegistryAsync(cancellationToken)).Select(i => i.ProcessId), Has.All.EqualTo(0), "no IOUserServer lists our services yet");

        var wait = host.WaitForRegistryAsync(r => r.Count > 0, "our drivers", TimeSpan.FromSeconds(2), cancellationToken);
        while (!wait.IsCompleted)
        {
            time.Advance(TimeSpan.FromMilliseconds(250));
            await Task.Delay(5, cancellationToken);
        }

        var e = await Assert.ThrowsAsync<WaitTimeoutException>(() => wait);
        Assert.That(e!.Message, Does.Contain("our drivers, with every driver's process known"));
    }

    private MacDextHost Host(string listSample, TimeProvider time, string? activator = null, string servers = "ioreg-iouserserver-hilprobe.txt")
    {
        var ctl = TestFiles.FakeCli(_dir, "systemextensionsctl", new Dictionary<string, string> { ["list"] = listSample });
        var ioreg = TestFiles.FakeCli(_dir, "ioreg", new Dictionary<string, string>
        {
            ["-l -w0 -r -c IOUserServer"] = servers,
            ["-l -w0 -r -n HilProbeRoot"] = "ioreg-root-hilprobe.txt",
            ["-l -w0 -r -n HilProbeDriver1"] = "ioreg-driver1-hilprobe.txt",
        });
        var rig = TestFiles.Rig(TestFiles.Fixture("hilprobe-Info.plist"), activate: TimeSpan.FromSeconds(2));
        return new MacDextHost(rig, new MacDextHostOptions { SystemExtensionsCtl = ctl, Ioreg = ioreg, Activator = activator }, time);
    }
}
