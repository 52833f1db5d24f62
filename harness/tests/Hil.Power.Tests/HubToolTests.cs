using Hil.Foundation;
using Microsoft.Extensions.Time.Testing;

namespace Hil.Power.Tests;

/// <summary>uhubctl and ykushcmd drivers against fake executables that print real captured output (relays.md §5).</summary>
[TestFixture]
[NonParallelizable]
public sealed class HubToolTests
{
    private const string CapturedUsb3 = """
        Current status for hub 2-1.3 [2109:0822 VIA Labs, Inc. USB3.1 Hub, USB 3.20, 4 ports, ppps]
          Port 1: 02a0 power 5gbps Rx.Detect
        Sent power off request
        New status for hub 2-1.3 [2109:0822 VIA Labs, Inc. USB3.1 Hub, USB 3.20, 4 ports, ppps]
          Port 1: 00a0 off
        """;

    private string _state = "";

    [SetUp]
    public void MakeState()
    {
        _state = Directory.CreateTempSubdirectory("hil-hub-").FullName;
        Environment.SetEnvironmentVariable("FAKE_HUB_STATE", _state);
        Environment.SetEnvironmentVariable("FAKE_UHUBCTL_STUCK", null);
    }

    [TearDown]
    public void DropState() => Directory.Delete(_state, recursive: true);

    [Test]
    public void Uhubctl_output_from_mvp_uhubctl_613_parses_as_power_then_off()
    {
        var ports = Hil.Power.UhubctlOutput.Parse(CapturedUsb3);
        Assert.Multiple(() =>
        {
            Assert.That(ports, Has.Count.EqualTo(2));
            Assert.That(ports[0], Has.Property("Hub").EqualTo("2-1.3").And.Property("Status").EqualTo("02a0").And.Property("PowerOn").EqualTo(true));
            Assert.That(ports[1], Has.Property("IsNewStatus").EqualTo(true).And.Property("PowerOn").EqualTo(false));
        });
    }

    [Test]
    [CancelAfter(20_000)]
    public async Task Uhubctl_switches_and_reads_the_port_back(CancellationToken ct)
    {
        await using var hub = await Hub("uhubctl", location: "3-1", ct: ct);
        await hub.SetAsync(4, on: false, ct);
        Assert.That(await hub.ReadAsync(4, ct), Is.False);
        Assert.That(File.ReadAllText(Path.Combine(_state, "port4")).Trim(), Is.EqualTo("off"));
        await hub.SetAsync(4, on: true, ct);
        Assert.That(await hub.ReadAsync(4, ct), Is.True);
    }

    [Test]
    [CancelAfter(20_000)]
    public async Task Uhubctl_exiting_0_without_switching_is_caught_by_the_read_back(CancellationToken ct)
    {
        Environment.SetEnvironmentVariable("FAKE_UHUBCTL_STUCK", "1");
        await using var hub = await Hub("uhubctl", location: "3-1", ct: ct);
        var e = await Assert.ThrowsAsync<RigFaultException>(() => hub.SetAsync(2, on: false, ct));
        Assert.That(e!.Message, Does.Contain("hub 3-1").And.Contain("channel 2").And.Contain("switched OFF but the board reports ON"));
    }

    [TestCase("YK12345")]
    [TestCase("ykush3:YK12345")]
    [CancelAfter(20_000)]
    public async Task Ykush_switches_and_reads_both_wordings(string serial, CancellationToken ct)
    {
        await using var hub = await Hub("ykush", serial: serial, ct: ct);
        await hub.SetAsync(2, on: true, ct);
        Assert.That(await hub.ReadAsync(2, ct), Is.True);
        await hub.SetAsync(2, on: false, ct);
        Assert.That(await hub.ReadAsync(2, ct), Is.False);
    }

    [TestCase("uhubctl", "3-8.4", null, "hub 3-8.4", "No compatible devices detected at location 3-8.4!", TestName = "Uhubctl at a missing location is a rig fault quoting the tool")]
    [TestCase("ykush", null, "YK99999", "ykush YK99999", "Could not open YKUSH board with serial YK99999", TestName = "Ykush with an unknown serial is a rig fault quoting the tool")]
    [CancelAfter(20_000)]
    public async Task A_hub_the_tool_cannot_find_is_a_rig_fault_quoting_the_tool(
        string kind, string? location, string? serial, string board, string said, CancellationToken ct)
    {
        await using var hub = await Hub(kind, location, serial, ct);
        var e = await Assert.ThrowsAsync<RigFaultException>(() => hub.SetAsync(1, on: true, ct));
        Assert.That(e!.Message, Does.Contain(board).And.Contain(said).And.Contain("exited 1"));
    }

    private static Task<IPowerSwitch> Hub(string kind, string? location = null, string? serial = null, CancellationToken ct = default)
    {
        var options = new PowerOptions(TestRig.Fake("uhubctl"), TestRig.Fake("ykushcmd"));
        var channels = kind == "ykush" ? 3 : 4;
        return PowerSwitches.CreateAsync(
            TestRig.Spec(kind, channels, port: null, serial: serial, location: location, name: "hub1"),
            SerialPortOpener.Instance, new FakeTimeProvider(), options, ct);
    }
}
