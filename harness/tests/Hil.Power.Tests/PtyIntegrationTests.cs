using Hil.Rigs;
using Hil.Sim.Relays;

namespace Hil.Power.Tests;

/// <summary>
/// Each serial board's emulator on the master side of a real Linux pseudo-terminal, the real
/// SerialPort class on the slave side: what a USB serial board looks like to the driver.
/// </summary>
[TestFixture]
[NonParallelizable]
public sealed class PtyIntegrationTests
{
    [TestCase("numato", 8, 0)]
    [TestCase("lcus", 4, 1)]
    [TestCase("kmtronic", 8, 1)]
    [TestCase("usbrly", 8, 1)]
    [CancelAfter(30_000)]
    public async Task SerialPort_on_a_pty_drives_the_emulator(string kind, int channels, int first, CancellationToken ct)
    {
        await using var host = PtyEmulatorHost.Start(RelayEmulators.CreateSerial(kind, channels), link: null);
        var spec = TestRig.Spec(kind, channels, port: host.SlavePath);

        await using var power = await PowerSwitches.CreateAsync(spec, SerialPortOpener.Instance, TimeProvider.System, ct);
        await power.SetAsync(first + 2, on: true, ct);
        await power.SetAsync(first, on: true, ct);
        await power.SetAsync(first, on: false, ct);

        Assert.Multiple(async () =>
        {
            Assert.That(power.CanReadBack, Is.True);
            Assert.That(host.Emulator.IsOn(first + 2), Is.True);
            Assert.That(host.Emulator.IsOn(first), Is.False);
            Assert.That(await power.ReadAsync(first + 2, ct), Is.True);
        });
    }
}
