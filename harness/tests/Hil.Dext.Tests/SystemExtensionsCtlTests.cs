using Hil.Dext.MacOS;
using Hil.Foundation;

namespace Hil.Dext.Tests;

public sealed class SystemExtensionsCtlTests
{
    [Test]
    public void ParsesTheKarabinerCapture()
    {
        var entries = SystemExtensionsListParser.Parse(TestFiles.ReadSample("systemextensionsctl-list-karabiner-2876.txt"));

        Assert.That(entries, Has.Count.EqualTo(1));
        var e = entries[0];
        Assert.That(e.Category, Is.EqualTo("com.apple.system_extension.driver_extension"));
        Assert.That((e.Enabled, e.Active), Is.EqualTo((true, true)));
        Assert.That(e.TeamId, Is.EqualTo("G43BCU2T37"));
        Assert.That(e.BundleId, Is.EqualTo("org.pqrs.Karabiner-DriverKit-VirtualHIDDevice"));
        Assert.That(e.Version, Is.EqualTo("1.0.0/1.0.0"));
        Assert.That(e.Name, Is.EqualTo("org.pqrs.Karabiner-DriverKit-VirtualHIDDevice"));
        Assert.That(e.IsActivatedEnabled, Is.True);
    }

    [Test]
    public void ParsesNewerHeaderSuffixAndWaitingStates()
    {
        var entries = SystemExtensionsListParser.Parse(TestFiles.ReadSample("systemextensionsctl-list-newer.txt"));

        Assert.That(entries.Select(e => e.Category).Distinct(), Is.EqualTo(new[] { "com.apple.system_extension.driver_extension" }));
        Assert.That(entries.Select(e => e.State), Is.EqualTo(new[]
        {
            "activated waiting for user", "terminated waiting to uninstall on reboot", "waiting for user",
        }));
        Assert.That(entries[0].IsWaitingForUser, Is.True);
        Assert.That(entries[0].IsActivatedEnabled, Is.False);
        Assert.That((entries[2].Enabled, entries[2].Active), Is.EqualTo((false, false)), "'-' flags");
        Assert.That(entries[0].Version, Is.EqualTo("1.0.7/7"));
    }

    [TestCase("activated enabled", DextState.Activated)]
    [TestCase("activated waiting for user", DextState.Activating)]
    [TestCase("waiting for user", DextState.Activating)]
    [TestCase("activated disabled", DextState.Deactivated)]
    [TestCase("terminated waiting to uninstall on reboot", DextState.Deactivated)]
    [TestCase("terminating_for_disable_but_still_running", DextState.Deactivated)]
    [TestCase("a state macOS has not printed yet", DextState.Failed)]
    public void StatesMapToDextState(string state, DextState expected)
    {
        var entry = new SystemExtensionEntry("c", true, true, "T", "b", "1/1", "n", state, 1);

        Assert.That(MacDextHost.StateOf(entry), Is.EqualTo(expected));
    }

    [Test]
    public void NoEntryMeansNotInstalled()
    {
        Assert.That(MacDextHost.StateOf(null), Is.EqualTo(DextState.NotInstalled));
    }

    [Test]
    public void ARowWithoutVersionOrStateNamesTheRowNotTheHeader()
    {
        var text = "1 extension(s)\n--- com.apple.system_extension.driver_extension\nenabled\tactive\tteamID\tbundleID (version)\tname\t[state]\n*\t*\tTEAM\tbundle (1/1)\n";

        Assert.That(() => SystemExtensionsListParser.Parse(text, "list.txt"),
            Throws.TypeOf<InputException>().With.Message.StartWith("list.txt:4: row '*\t*\tTEAM\tbundle (1/1)' is not")
                .And.Message.Contain("[brackets]"));
    }

    [Test]
    public void BuildsTheCommandLines()
    {
        var ctl = new SystemExtensionsCtl();

        Assert.That(ctl.List().CommandLine, Is.EqualTo("systemextensionsctl list"));
        Assert.That(ctl.DeveloperOn().CommandLine, Is.EqualTo("systemextensionsctl developer on"));
        Assert.That(ctl.Uninstall(null, "com.example.hilprobe").CommandLine, Is.EqualTo("systemextensionsctl uninstall - com.example.hilprobe"));
        Assert.That(ctl.Uninstall("ABCDE12345", "com.example.hilprobe").CommandLine, Is.EqualTo("systemextensionsctl uninstall ABCDE12345 com.example.hilprobe"));
    }

    [Test]
    [CancelAfter(30_000)]
    public async Task ListRunsTheToolAndParsesItsOutput(CancellationToken cancellationToken)
    {
        var dir = Path.Combine(Path.GetTempPath(), $"hil-fakecli-{Guid.NewGuid():N}");
        try
        {
            var fake = TestFiles.FakeCli(dir, "systemextensionsctl", new Dictionary<string, string>
            {
                ["list"] = "systemextensionsctl-list-newer.txt",
            });

            var entries = await new SystemExtensionsCtl(fake).ListAsync(cancellationToken);

            Assert.That(entries, Has.Count.EqualTo(3));
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Test]
    [CancelAfter(30_000)]
    public async Task AFailingToolIsAnInfrastructureErrorNamingTheCommand(CancellationToken cancellationToken)
    {
        var dir = Path.Combine(Path.GetTempPath(), $"hil-fakecli-{Guid.NewGuid():N}");
        try
        {
            var fake = TestFiles.FakeCli(dir, "systemextensionsctl", new Dictionary<string, string>());

            var e = await Assert.ThrowsAsync<InfrastructureException>(() => new SystemExtensionsCtl(fake).ListAsync(cancellationToken));

            Assert.That(e!.Fault, Is.EqualTo(FaultKind.InfrastructureFault));
            Assert.That(e.Message, Does.Contain($"`{fake} list` exited with 64").And.Contain("unexpected: list"));
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }
}
