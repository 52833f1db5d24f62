using Hil.Foundation;

namespace Hil.UserClients.Probe;

/// <summary>The topologies' names (rig files, CLI arguments, labels, results), looked up in <see cref="Topologies"/>.</summary>
public static class TopologyNames
{
    public static IReadOnlyList<string> All => Topologies.Names;

    public static string Format(Topology topology) => Topologies.Of(topology).Name;

    public static bool TryParse(string? text, out Topology topology)
    {
        var known = Topologies.TryParse(text, out var descriptor);
        topology = known ? descriptor.Wire : default;
        return known;
    }

    /// <param name="where">Names the source in the error, e.g. "rigs/sim.yaml line 12" or "--topology".</param>
    public static Topology Parse(string? text, string where) =>
        TryParse(text, out var t)
            ? t
            : throw new InputException($"{where}: topology '{text}' is not one of {string.Join(", ", All)}");
}
