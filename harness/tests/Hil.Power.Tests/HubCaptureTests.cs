using Hil.Foundation;
using Microsoft.Extensions.Time.Testing;

namespace Hil.Power.Tests;

/// <summary>uhubctl and ykushcmd replies captured in public threads (Samples/SOURCE.md), replayed by the fake tools.</summary>
[TestFixture]
[NonParallelizable]
public sealed class HubCaptureTests
{
    private string _state = "";

    [SetUp]
    public void MakeState()
    {
        _state = Directory.CreateTempSubdirectory("hil-hub-").FullName;
        Environment.SetEnvironmentVariable("FAKE_HUB_STATE", _state);
    }

    [TearDown]
    public void DropState()
    {
        Environment.SetEnvironmentVariable("FAKE_UHUBCTL_CAPTURE", null);
        Environment.SetEnvironmentVariable("FAKE_YKUSH_CAPTURE", null);
        Directory.Delete(_state, recursive: true);
    }

    [TestCase("uhubctl-macos-623-six-at-2.txt", "2", 6)]
    [TestCase("uhubctl-macos-633-five-at-0.txt", "0", 5)]
    [CancelAfter(20_000)]
    public async Task Several_hubs_at_one_location_are_refused_saying_how_to_tell_them_apart(string capture, string location, int hubs, CancellationToken ct)
    {
        Replay("FAKE_UHUBCTL_CAPTURE", capture);
        await using var hub = await Hub("uhubctl", location: location, ct: ct);

        var e = await Assert.ThrowsAsync<RigFaultException>(() => hub.ReadAsync(1, ct));

        Assert.That(e!.Message, Does.Contain("location not unique").And.Contain($"lists {hubs} hubs at location {location}")
            .And.Contain("vendor:product").And.Contain("2109:"));
    }

    [TestCase("uhubctl-macos-623-six-at-2.txt", 6)]
    [TestCase("uhubctl-macos-633-five-at-0.txt", 5)]
    [CancelAfter(20_000)]
    public async Task Discovery_lists_every_hub_at_a_shared_location_and_says_it_is_not_unique(string capture, int hubs, CancellationToken ct)
    {
        Replay("FAKE_UHUBCTL_CAPTURE", capture);

        var found = await PowerDiscovery.ScanAsync(Options(), ct);

        Assert.That(found.Hubs.Count(h => h.Tool == "uhubctl"), Is.EqualTo(hubs));
        Assert.That(found.Absent, Has.Some.Contain("location not unique"));
    }

    [Test]
    public void The_two_halves_of_one_usb3_hub_may_share_a_location()
    {
        var hubs = UhubctlOutput.Hubs("""
            Current status for hub 2-4 [2109:2811 VIA Labs, Inc. USB2.0 Hub, USB 2.10, 4 ports, ppps]
              Port 1: 0100 power
            Current status for hub 2-4 [2109:8110 VIA Labs, Inc. USB3.0 Hub, USB 3.00, 4 ports, ppps]
              Port 1: 02a0 power 5gbps Rx.Detect
            """);

        Assert.That(UhubctlOutput.NotUnique(hubs, "2-4"), Is.Null);
    }

    [Test]
    [CancelAfter(20_000)]
    public async Task The_uhubctl_1x_header_is_an_unsupported_version_not_no_hubs(CancellationToken ct)
    {
        Replay("FAKE_UHUBCTL_CAPTURE", "uhubctl-1x-legacy.txt");
        await using var hub = await Hub("uhubctl", location: "20-1", ct: ct);

        var e = await Assert.ThrowsAsync<InfrastructureException>(() => hub.ReadAsync(1, ct));
        var found = await PowerDiscovery.ScanAsync(Options(), ct);

        Assert.That(e!.Message, Does.StartWith("unsupported uhubctl version").And.Contain("hub 20-1, vendor 2109:2811"));
        Assert.That(found.Absent, Has.Some.Contain("unsupported uhubctl version"));
        Assert.That(found.Absent, Has.None.Contain("none; uhubctl said"));
    }

    [TestCase("ykushcmd-l-older-18.txt", "YK20078")]
    [TestCase("ykushcmd-l-43.txt", "YK55321")]
    [CancelAfter(20_000)]
    public async Task Ykush_listings_in_either_wording_name_the_board(string capture, string serial, CancellationToken ct)
    {
        Replay("FAKE_YKUSH_CAPTURE", capture);

        var found = await PowerDiscovery.ScanAsync(Options(), ct);

        Assert.That(found.Hubs.Where(h => h.Tool == "ykushcmd").Select(h => h.Location), Is.EqualTo(new[] { serial }));
    }

    [Test]
    [CancelAfter(20_000)]
    public async Task A_null_ykush_serial_is_a_permissions_hint(CancellationToken ct)
    {
        Replay("FAKE_YKUSH_CAPTURE", "ykushcmd-l-null-4.txt");

        var found = await PowerDiscovery.ScanAsync(Options(), ct);

        Assert.That(found.Hubs.Where(h => h.Tool == "ykushcmd"), Is.Empty);
        Assert.That(found.Absent, Has.Some.Contain("(null)").And.Some.Contain("root"));
    }

    [TestCase("ykushcmd-d-unable-to-open-43.txt", "cannot claim interface")]
    [TestCase("ykushcmd-d-unable-to-write-35.txt", "Unable to write to device")]
    [CancelAfter(20_000)]
    public async Task Ykush_replies_that_did_not_reach_the_board_are_rig_faults(string capture, string said, CancellationToken ct)
    {
        Replay("FAKE_YKUSH_CAPTURE", capture);
        await using var hub = await Hub("ykush", serial: "YK55321", ct: ct);

        var e = await Assert.ThrowsAsync<RigFaultException>(() => hub.SetAsync(3, on: false, ct));

        Assert.That(e!.Message, Does.Contain("ykush YK55321").And.Contain("channel 3").And.Contain($"said '{said}'"));
    }

    [TestCase("ykushxs:YK1", 2, "a ykushxs board has 1 downstream port(s)")]
    [TestCase("YK1", 4, "a ykush board has 3 downstream port(s)")]
    [TestCase("ykush9:YK1", 1, "'ykush9:' is not a YKUSH model")]
    [CancelAfter(20_000)]
    public void A_port_past_the_boards_ports_is_refused(string serial, int channels, string said, CancellationToken ct)
    {
        var options = Options();
        var spec = TestRig.Spec("ykush", channels, port: null, serial: serial, location: null, name: "hub1");

        Assert.That(
            async () => await PowerSwitches.CreateAsync(spec, SerialPortOpener.Instance, new FakeTimeProvider(), options, ct),
            Throws.TypeOf<InputException>().With.Message.Contain(said));
    }

    private static void Replay(string variable, string capture) =>
        Environment.SetEnvironmentVariable(variable, Path.Combine(AppContext.BaseDirectory, "Samples", capture));

    private static PowerOptions Options() => new(TestRig.Fake("uhubctl"), TestRig.Fake("ykushcmd"));

    private static Task<IPowerSwitch> Hub(string kind, string? location = null, string? serial = null, CancellationToken ct = default) =>
        PowerSwitches.CreateAsync(
            TestRig.Spec(kind, kind == "ykush" ? 3 : 4, port: null, serial: serial, location: location, name: "hub1"),
            SerialPortOpener.Instance, new FakeTimeProvider(), Options(), ct);
}
