using Hil.Rigs;
using Hil.Sim.Relays;

namespace Hil.Power.Tests;

/// <summary>The one table of kinds, and the drivers and emulators that bind to it by name.</summary>
[TestFixture]
public sealed class PowerKindTableTests
{
    private static IEnumerable<string> Kinds() => PowerKinds.Names;

    [TestCaseSource(nameof(Kinds))]
    public void Every_kind_has_exactly_one_driver(string kind)
    {
        var runs = PowerKinds.Get(kind).RunsAs ?? kind;
        Assert.That(PowerDrivers.ByKind.ContainsKey(runs), Is.True, $"kind {kind} runs the {runs} driver");
    }

    [Test]
    public void Every_kind_identified_by_a_port_can_be_emulated_in_memory()
    {
        var portKinds = PowerKinds.All.Where(k => k.Identity == SwitchIdentity.Port).Select(k => k.Name);
        Assert.That(RelayEmulators.SerialKinds, Is.EquivalentTo(portKinds));
    }

    [Test]
    public void Kind_sim_runs_an_emulated_kind_numbering_channels_as_it_does()
    {
        var sim = PowerKinds.Get("sim");
        Assert.That(sim.RunsAs, Is.Not.Null);
        Assert.Multiple(() =>
        {
            Assert.That(RelayEmulators.Kinds, Does.Contain(sim.RunsAs));
            Assert.That(sim.FirstChannel, Is.EqualTo(PowerKinds.FirstChannel(sim.RunsAs!)));
            Assert.That(sim.Identity, Is.EqualTo(SwitchIdentity.None));
        });
    }
}
