namespace Hil.Sim.Tests;

/// <summary>The plist decides the process layout, as on macOS: the same rig with edited plists.</summary>
public sealed class SimKernelLayoutTests
{
    [Test]
    [CancelAfter(30_000)]
    public async Task WithoutTheOneProcessKeyDriver1AndDriver2RunInTwoProcesses(CancellationToken cancellationToken)
    {
        var plist = SimRigUnderTest.PlistVariant("no-oneprocess",
            xml => xml.Replace("<key>IOUserServerOneProcess</key>", "", StringComparison.Ordinal)
                .Replace("<true/>", "", StringComparison.Ordinal));
        await using var rig = SimRigUnderTest.Create(plist);
        await rig.Kernel.ActivateAsync(cancellationToken);

        var a = await rig.PowerOnAsync("stimulus-a", cancellationToken);

        var registry = await rig.Kernel.QueryRegistryAsync(cancellationToken);
        Assert.That(a.OneProcess, Is.False);
        Assert.That(registry.Select(i => i.ProcessId).Distinct().Count(), Is.EqualTo(3), "every instance in its own process");
    }

    [Test]
    [CancelAfter(30_000)]
    public async Task AServerNameOutsideTheBundlesOrganizationNeverJoinsAndIsLogged(CancellationToken cancellationToken)
    {
        var plist = SimRigUnderTest.PlistVariant("wrong-org",
            xml => xml.Replace("<string>com.example.hilprobe</string>\n\t\t\t<key>IOUserServerOneProcess</key>",
                "<string>org.other.hilprobe</string>\n\t\t\t<key>IOUserServerOneProcess</key>", StringComparison.Ordinal));
        await using var rig = SimRigUnderTest.Create(plist);
        await rig.Kernel.ActivateAsync(cancellationToken);

        var a = await rig.PowerOnAsync("stimulus-a", cancellationToken);

        var root = await rig.Driver2Async("HilProbeRootOneProcess", cancellationToken);
        Assert.That((root.ServerName, a.ServerName), Is.EqualTo(("org.other.hilprobe", "org.other.hilprobe")));
        Assert.That(a.ProcessId, Is.Not.EqualTo(root.ProcessId));
        Assert.That(rig.Kernel.KernelLog, Has.Some.EqualTo(
            "IOUserServerName \"org.other.hilprobe\" not correct organization for bundleID \"com.example.hilprobe\""));
    }
}

/// <summary>The rig file's plist path as sim.yaml gives it: the dext's real Info.plist, relative to the repository.</summary>
public sealed class SimKernelRealPlistTests
{
    [Test]
    [CancelAfter(30_000)]
    public async Task TheRealPlistGivesOneProcessForStimulusAAndTwoForStimulusB(CancellationToken cancellationToken)
    {
        await using var rig = SimRigUnderTest.Create("dext/driverkit/Info.plist");
        await rig.Kernel.ActivateAsync(cancellationToken);

        var a = await rig.PowerOnAsync("stimulus-a", cancellationToken);
        var b = await rig.PowerOnAsync("stimulus-b", cancellationToken);

        var registry = await rig.Kernel.QueryRegistryAsync(cancellationToken);
        Assert.That(registry.Where(i => i.ProcessId == a.ProcessId).Select(i => i.Role),
            Is.EquivalentTo(new[] { Hil.Dext.DriverRole.Driver1, Hil.Dext.DriverRole.Driver2 }));
        Assert.That(registry.Count(i => i.ProcessId == b.ProcessId), Is.EqualTo(1));
        Assert.That(registry.Count(i => i.Role == Hil.Dext.DriverRole.Driver2), Is.EqualTo(2));
    }
}
