using Hil.Dext.MacOS;
using Hil.Foundation;
using Microsoft.Extensions.Time.Testing;

namespace Hil.Dext.Tests;

/// <summary>`systemextensionsctl list` as captured in public threads (Samples/SOURCE.md), and what activation does with each state.</summary>
public sealed class SystemExtensionsCapturesTests
{
    [Test]
    public void RowsWhoseTabsBecameSpacesAreReadByTheirBrackets()
    {
        var e = SystemExtensionsListParser.Parse(TestFiles.ReadSample("systemextensionsctl-list-lulu-331-spaces.txt")).Single();

        Assert.That(e, Is.EqualTo(new SystemExtensionEntry(
            "com.apple.system_extension.network_extension", true, true, "VBG97UB4TA", "com.objective-see.lulu.extension",
            "2.3.0/2.3.0", "Extension", "activated enabled", 5)));
    }

    [Test]
    public void ANameWithSpacesStaysWhole()
    {
        var e = SystemExtensionsListParser.Parse(TestFiles.ReadSample("systemextensionsctl-list-crescendo-17.txt")).Single();

        Assert.That((e.BundleId, e.Version, e.Name), Is.EqualTo(("com.suprhackersteve.crescendo.CrescendoExtension", "1.0.4/35", "Crescendo System Extension")));
    }

    [Test]
    public void ATrimmedBlankEnabledColumnLeavesActiveSet()
    {
        var entries = SystemExtensionsListParser.Parse(TestFiles.ReadSample("systemextensionsctl-list-disabled-trimmed.txt"));

        Assert.That(entries, Has.Count.EqualTo(2));
        Assert.That((entries[1].Enabled, entries[1].Active, entries[1].TeamId), Is.EqualTo((false, true, "KHKG8DDH8U")));
        Assert.That(entries[1].State, Is.EqualTo("activated disabled"));
        Assert.That((entries[0].Enabled, entries[0].Active), Is.EqualTo((true, true)));
    }

    [Test]
    public void EveryKnownStateHasAStep()
    {
        Assert.That(SystemExtensionStates.All, Has.Count.GreaterThanOrEqualTo(20));
        Assert.That(SystemExtensionStates.StepOf("activated_disabled"), Is.EqualTo(ActivationStep.Disabled), "sysextd's underscore spelling");
        Assert.That(SystemExtensionStates.StepOf("activated waiting for user"), Is.EqualTo(ActivationStep.WaitForUser));
        Assert.That(SystemExtensionStates.StepOf("terminated waiting to uninstall on reboot"), Is.EqualTo(ActivationStep.NeedsReboot));
        Assert.That(SystemExtensionStates.StepOf("validating by category"), Is.EqualTo(ActivationStep.Wait));
    }

    [Test]
    public void AnOldCopyWaitingForRebootDoesNotHideANewOneWaitingForTheUser()
    {
        var entries = SystemExtensionsListParser.Parse(TestFiles.ReadSample("systemextensionsctl-list-newer.txt"));

        Assert.That(SystemExtensionStates.IsActivated(entries, "com.example.hilprobe"), Is.False);
    }

    [TestCase("systemextensionsctl-list-hilprobe-disabled.txt", "the user disabled the extension com.example.hilprobe", "Driver Extensions")]
    [TestCase("systemextensionsctl-list-hilprobe-reboot.txt", "[terminated waiting to uninstall on reboot]", "reboot")]
    [CancelAfter(30_000)]
    public async Task ActivationAtADeadEndFailsAtOnceSayingWhatToDo(string sample, string said, string hint, CancellationToken cancellationToken)
    {
        var dir = Path.Combine(Path.GetTempPath(), $"hil-fakecli-{Guid.NewGuid():N}");
        try
        {
            var ctl = TestFiles.FakeCli(dir, "systemextensionsctl", new Dictionary<string, string> { ["list"] = sample });
            var rig = TestFiles.Rig(TestFiles.Fixture("hilprobe-Info.plist"), activate: TimeSpan.FromSeconds(2));
            // Time never advances: a dead end that waited for the activate timeout would hang until CancelAfter.
            await using var host = new MacDextHost(rig, new MacDextHostOptions { SystemExtensionsCtl = ctl }, new FakeTimeProvider());

            var e = await Assert.ThrowsAsync<InfrastructureException>(() => host.ActivateAsync(cancellationToken));

            Assert.That(e!.Message, Does.Contain(said).And.Contain(hint).And.Contain("line 4"));
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }
}
