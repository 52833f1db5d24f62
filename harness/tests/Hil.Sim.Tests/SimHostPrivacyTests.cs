namespace Hil.Sim.Tests;

/// <summary>What another user on the host can learn from or reach of a running sim host: nothing.</summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class SimHostPrivacyTests
{
    [Test]
    [CancelAfter(60_000)]
    public async Task The_token_is_in_no_command_line_or_log_and_the_sockets_are_the_users_alone(CancellationToken ct)
    {
        await using var rig = SimRigUnderTest.Create();
        await rig.Kernel.ActivateAsync(ct);
        var token = rig.Rig.Dext!.EntitlementToken;
        var registry = await rig.Kernel.QueryRegistryAsync(ct);
        var logs = rig.Kernel.HostLogs;

        Assert.That(registry, Is.Not.Empty);
        Assert.Multiple(() =>
        {
            foreach (var instance in registry)
            {
                var argv = File.ReadAllText($"/proc/{instance.ProcessId}/cmdline").Replace('\0', ' ');
                Assert.That(argv, Does.Not.Contain(token), $"argv of pid {instance.ProcessId}");
                Assert.That(File.GetUnixFileMode(instance.Endpoint) & (UnixFileMode)0x3F, Is.EqualTo((UnixFileMode)0), instance.Endpoint);
                var folder = Path.GetDirectoryName(instance.Endpoint)!;
                Assert.That(File.GetUnixFileMode(folder) & (UnixFileMode)0x3F, Is.EqualTo((UnixFileMode)0), folder);
            }

            foreach (var log in logs)
            {
                Assert.That(File.ReadAllText(log.Path), Does.Not.Contain(token), log.Path);
            }
        });
    }
}
