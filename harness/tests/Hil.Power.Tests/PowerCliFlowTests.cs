using Hil.Rigs;
using Hil.Sim.Relays;

namespace Hil.Power.Tests;

/// <summary>
/// The done-when flow of `hil power`: an emulator on a pty behind a symlink (as
/// `hil power emulate --link` makes it), a rig file naming that link, then on/status/off
/// through <see cref="PowerActions"/>, the code the CLI verbs run.
/// </summary>
[TestFixture]
[NonParallelizable]
public sealed class PowerCliFlowTests
{
    [TestCase("numato", 3)]
    [TestCase("lcus", 2)]
    [TestCase("kmtronic", 4)]
    [TestCase("usbrly", 5)]
    [CancelAfter(30_000)]
    public async Task On_status_off_against_an_emulator_on_a_pty_named_in_a_rig_file(string kind, int channel, CancellationToken ct)
    {
        var dir = Directory.CreateTempSubdirectory("hil-power-cli-").FullName;
        try
        {
            var link = Path.Combine(dir, $"hil-{kind}");
            await using var host = PtyEmulatorHost.Start(RelayEmulators.CreateSerial(kind, 8), link);
            var rigPath = Path.Combine(dir, "bench.yaml");
            await File.WriteAllTextAsync(rigPath, $"""
                rig: bench
                host: macos
                safe_state: all-off
                power:
                  relay1:
                    kind: {kind}
                    port: {link}
                    channels: 8
                devices:
                  stimulus-a:
                    power: relay1/{channel}
                    usb: {"{"} vid: 0x1209, pid: 0x0001, serial: HIL-A {"}"}
                """, ct);
            var rig = RigFile.Load(rigPath);
            var opener = new SimRelayOpener(SerialPortOpener.Instance);

            var on = await PowerActions.RunAsync(rig, "on", "stimulus-a", opener, TimeProvider.System, PowerOptions.Default, ct);
            Assert.That(host.Emulator.IsOn(channel), Is.True);
            var status = await PowerActions.RunAsync(rig, "status", $"relay1/{channel}", opener, TimeProvider.System, PowerOptions.Default, ct);
            var off = await PowerActions.RunAsync(rig, "off", "stimulus-a", opener, TimeProvider.System, PowerOptions.Default, ct);

            Assert.Multiple(() =>
            {
                Assert.That(on, Is.EqualTo(new PowerResult("relay1", channel, true, true, "stimulus-a")));
                Assert.That(status.On, Is.True, "status reads the board in a fresh connection");
                Assert.That(off.On, Is.False);
                Assert.That(host.Emulator.IsOn(channel), Is.False);
                Assert.That(opener.Emulators, Is.Empty, "a real port never falls back to an in-memory emulator");
            });
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }
}
