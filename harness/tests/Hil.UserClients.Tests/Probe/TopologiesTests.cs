using Hil.UserClients.Probe;

namespace Hil.UserClients.Tests.Probe;

public sealed class TopologiesTests
{
    [Test]
    public void Every_wire_value_has_one_row_in_wire_order()
    {
        Assert.That(Topologies.All.Select(t => t.Wire), Is.EqualTo(Enum.GetValues<Topology>()));
        Assert.That(Topologies.All.Select(t => (int)t.Wire), Is.EqualTo(Enumerable.Range(0, Topologies.All.Count)), "the record's range check reads the table");
        Assert.That(Topologies.WireRange, Is.EqualTo($"0..{Topologies.All.Count - 1}"));
        Assert.That(Topologies.Names, Is.Unique);
    }

    [TestCase(Topology.AppRelay, "app-relay", "socket_relay", FloorPlacement.BesideBurst, DriverPairing.TwoProcesses)]
    [TestCase(Topology.OneProcess, "one-process", "in_process_call", FloorPlacement.BesideBurst, DriverPairing.OneProcess)]
    [TestCase(Topology.SharedRing, "shared-ring", "shm_handoff", FloorPlacement.AloneBefore, DriverPairing.TwoProcesses)]
    public void Each_row_says_its_name_floor_and_pairing(Topology wire, string name, string primitive, FloorPlacement floor, DriverPairing pairing)
    {
        var row = Topologies.Of(wire);
        Assert.That((row.Name, row.FloorPrimitive, row.Floor, row.Pairing, row.ToString()), Is.EqualTo((name, primitive, floor, pairing, name)));
        Assert.That(Topologies.TryParse(name, out var parsed) && ReferenceEquals(parsed, row), Is.True);
    }

    [Test]
    public void A_value_outside_the_table_is_refused_with_the_known_range()
    {
        Assert.That(Topologies.IsWireValue(3), Is.False);
        Assert.That(() => Topologies.Of((Topology)7), Throws.TypeOf<ArgumentOutOfRangeException>().With.Message.Contains("0..2"));
        Assert.That(Topologies.TryParse("App-Relay", out _), Is.False);
    }
}
