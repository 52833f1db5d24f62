using Hil.Dext;
using Hil.Foundation;
using Hil.Rigs;
using Hil.Session.Probe;
using Hil.Session.Tests.Helper;
using Hil.UserClients.Probe;

namespace Hil.Session.Tests;

/// <summary>User clients are parts of the rig: the session's parts factory opens them, nothing else picks a backend.</summary>
[CancelAfter(30_000)]
public sealed class UserClientOpeningTests : FakeSessionTests
{
    [Test]
    public async Task A_user_client_is_opened_by_the_parts_factory_with_the_rigs_token_unless_another_is_given(CancellationToken ct)
    {
        await using var session = await OpenAsync(ct);
        var token = session.Rig.Dext!.EntitlementToken;
        Parts.Journal.Clear();

        using (var client = session.OpenUserClient("/tmp/d1.sock", TimeSpan.FromSeconds(1)))
        using (session.OpenUserClient("/tmp/d2.sock", TimeSpan.FromSeconds(1), "com.example.not-entitled"))
        {
            Assert.That(client.Endpoint, Is.EqualTo("/tmp/d1.sock"));
        }

        Assert.That(Parts.Journal, Is.EqualTo(new[]
        {
            $"open /tmp/d1.sock as {token}", "open /tmp/d2.sock as com.example.not-entitled", "close /tmp/d2.sock", "close /tmp/d1.sock",
        }));
    }

    [Test]
    public async Task A_topologys_pair_opens_both_drivers_through_the_session(CancellationToken ct)
    {
        await using var session = await OpenAsync(ct);
        var registry = new[]
        {
            new DriverInstance(DriverRole.Driver1, "d1", "HilProbeDriver1", 10, "HilProbe", "/tmp/d1.sock", false, "stim"),
            new DriverInstance(DriverRole.Driver2, "d2", "HilProbeDriver2", 11, "HilProbe", "/tmp/d2.sock", false, "stim"),
        };
        Parts.Journal.Clear();

        var (driver1, driver2) = TopologyEndpoints.From(registry, Topology.AppRelay).Open(session, TimeSpan.FromSeconds(1));
        driver1.Dispose();
        driver2.Dispose();

        Assert.That(Parts.Journal.Where(line => line.StartsWith("open ", StringComparison.Ordinal)).Select(line => line.Split(' ')[1]),
            Is.EqualTo(new[] { "/tmp/d1.sock", "/tmp/d2.sock" }));
    }

    [Test]
    public async Task A_rig_that_names_user_clients_opens_each_driver_on_the_class_its_personality_carries(CancellationToken ct)
    {
        await using var session = await OpenAsync(ct, KeyflipRig());
        var registry = new[]
        {
            new DriverInstance(DriverRole.Driver1, "d1", "KeyflipSource", 10, "com.example.keyflip", "/tmp/k1.sock", true, "kbd"),
            new DriverInstance(DriverRole.Driver2, "d2", "KeyflipDevice", 10, "com.example.keyflip", "/tmp/k2.sock", true, null),
        };
        Parts.Journal.Clear();

        var (driver1, driver2) = TopologyEndpoints.From(registry, Topology.OneProcess).Open(session, TimeSpan.FromSeconds(1));
        driver1.Dispose();
        driver2.Dispose();

        Assert.That(Parts.Journal.Where(line => line.StartsWith("open ", StringComparison.Ordinal)),
            Is.EqualTo(new[] { "/tmp/k1.sock", "/tmp/k2.sock" }.Select(e => $"open {e} (user client KeyflipUserClient) as {session.Rig.Dext!.EntitlementToken}")));
    }

    [Test]
    public async Task A_rig_without_a_dext_has_no_token_to_open_a_user_client_with(CancellationToken ct)
    {
        await using var session = await OpenAsync(ct, TestRigs.PowerOnly());

        Assert.That(() => session.OpenUserClient("/tmp/d1.sock", TimeSpan.FromSeconds(1)),
            Throws.TypeOf<InputException>().With.Message.EqualTo("/rigs/unit-power.yaml: rig 'unit-power' has no dext section"));
    }

    private static RigSpec KeyflipRig()
    {
        var rig = TestRigs.PowerOnly();
        var dext = new DextSpec("dext/examples/keyflip/Info.plist", "com.example.keyflip", "com.example.keyflip.client")
        {
            Roles = new DextRoles(["KeyflipSource"], ["KeyflipDevice"], ["KeyflipUserClient"], 0x40, ["one-process"], null),
        };
        return rig with { Dext = dext };
    }
}
