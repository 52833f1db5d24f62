using Hil.Cli.Run;
using Hil.Foundation;
using Hil.Rigs;
using Hil.Session.Probe;

namespace Hil.Cli.Tests;

/// <summary>`hil run`'s summary names the dext it exercised and which of its topologies ran (issue 12).</summary>
public sealed class DextUnderTestTests
{
    private static RigSpec Rig(params string[] path) => RigFile.Load(Path.Combine([RepositoryRoot.Find(), "rigs", .. path]));

    [Test]
    public void The_example_dext_rig_names_keyflip_and_the_topologies_it_does_not_implement()
    {
        Assert.That(SummaryPrinter.DextLine(Rig("examples", "sim-example-dext.yaml")),
            Is.EqualTo("dext under test: com.example.keyflip 1 — topologies: one-process (app-relay, shared-ring not implemented)"));
    }

    [Test]
    public void The_probe_implements_every_topology_so_none_is_called_missing()
    {
        var rig = Rig("sim.yaml");
        Assert.That(DextUnderTest.TopologiesText(rig), Is.EqualTo("app-relay, one-process, shared-ring"));
        Assert.That(SummaryPrinter.DextLine(rig), Does.StartWith($"dext under test: {rig.Dext!.BundleId} ").And.EndWith(" — topologies: app-relay, one-process, shared-ring"));
    }

    [Test]
    public void A_rig_without_a_dext_has_no_line()
    {
        var rig = RigFile.Parse("rig: p\npower:\n  r: { kind: sim, channels: 1 }\n", "p.yaml");
        Assert.That(SummaryPrinter.DextLine(rig), Is.Null);
    }
}
