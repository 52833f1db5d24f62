using Hil.Foundation;

namespace Hil.UserClients.Probe;

/// <summary>The canonical topology names used in rig files, CLI arguments, labels and results.</summary>
public static class TopologyNames
{
    public const string AppRelay = "app-relay";
    public const string OneProcess = "one-process";
    public const string SharedRing = "shared-ring";

    public static IReadOnlyList<string> All { get; } = [AppRelay, OneProcess, SharedRing];

    public static string Format(Topology topology) => topology switch
    {
        Topology.AppRelay => AppRelay,
        Topology.OneProcess => OneProcess,
        Topology.SharedRing => SharedRing,
        _ => throw new ArgumentOutOfRangeException(nameof(topology), topology, "not a topology (0..2)"),
    };

    public static bool TryParse(string? text, out Topology topology)
    {
        switch (text)
        {
            case AppRelay:
                topology = Topology.AppRelay;
                return true;
            case OneProcess:
                topology = Topology.OneProcess;
                return true;
            case SharedRing:
                topology = Topology.SharedRing;
                return true;
            default:
                topology = default;
                return false;
        }
    }

    /// <param name="where">Names the source in the error, e.g. "rigs/sim.yaml line 12" or "--topology".</param>
    public static Topology Parse(string? text, string where) =>
        TryParse(text, out var t)
            ? t
            : throw new InputException($"{where}: topology '{text}' is not one of {string.Join(", ", All)}");

}
