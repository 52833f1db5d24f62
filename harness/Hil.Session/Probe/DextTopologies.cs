using Hil.Rigs;
using Hil.UserClients.Probe;

namespace Hil.Session.Probe;

/// <summary>
/// Which topologies the rig's dext implements (its rig file's <c>dext.topologies</c>, checked against
/// <see cref="Topologies"/>): fixtures run those and report the rest as not implemented by this dext.
/// </summary>
public static class DextTopologies
{
    /// <exception cref="Foundation.InputException">The rig file lists a name that is not a topology (the error names its line).</exception>
    public static IReadOnlyList<TopologyDescriptor> Of(RigSpec rig)
    {
        ArgumentNullException.ThrowIfNull(rig);
        return rig.Dext is { } dext
            ? Topologies.Implemented(dext.Roles.Topologies, $"{dext.Roles.Where}: dext.topologies")
            : Topologies.All;
    }

    public static bool Implements(RigSpec rig, Topology topology) => Of(rig).Any(t => t.Wire == topology);

    /// <summary>Why a test of <paramref name="topology"/> does not run on this rig: the words a skipped result carries.</summary>
    public static string NotImplemented(RigSpec rig, Topology topology)
    {
        ArgumentNullException.ThrowIfNull(rig);
        return $"{Topologies.Of(topology).Name}: not implemented by this dext ({rig.Dext?.BundleId}); "
            + $"its rig file ({rig.SourcePath}) lists {string.Join(", ", Of(rig).Select(t => t.Name))}";
    }

    /// <summary>The pair a test that needs any one pair should use: <paramref name="wanted"/> if the dext implements it, else its first topology.</summary>
    public static Topology Preferred(RigSpec rig, Topology wanted) =>
        Implements(rig, wanted) ? wanted : Of(rig)[0].Wire;
}
