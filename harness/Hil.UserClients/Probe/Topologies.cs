namespace Hil.UserClients.Probe;

/// <summary>
/// How Driver1 reaches Driver2 (DESIGN.md §1). Values are the wire values (PROTOCOL.md §1,
/// Configure scalar 0 and the record's topology field); each has its row in <see cref="Topologies"/>.
/// </summary>
public enum Topology
{
    AppRelay = 0,
    OneProcess = 1,
    SharedRing = 2,
}

/// <summary>
/// The table of topologies: everything the harness knows about one is in its row, and rig
/// files, the CLI, the run's labels, the floor, the driver pairing, the wiring and the
/// fixtures' test cases read it. A new topology is its enum value and its row here (and, if
/// it wires differently, a <see cref="ILinkWiring"/> in LinkWirings.cs), plus the dext's side.
/// </summary>
public static class Topologies
{
    private static readonly TopologyDescriptor[] Rows =
    [
        new(Topology.AppRelay, "app-relay", "socket_relay", FloorPlacement.BesideBurst, DriverPairing.TwoProcesses, LinkWirings.AppRelay),
        new(Topology.OneProcess, "one-process", "in_process_call", FloorPlacement.BesideBurst, DriverPairing.OneProcess, LinkWirings.DirectCall),

        // Its spinning consumer beside the shm floor's spinning consumer would hold both cores of a 2-core host.
        new(Topology.SharedRing, "shared-ring", "shm_handoff", FloorPlacement.AloneBefore, DriverPairing.TwoProcesses, LinkWirings.SharedRing),
    ];

    /// <summary>Every topology, in wire-value order.</summary>
    public static IReadOnlyList<TopologyDescriptor> All { get; } = Array.AsReadOnly(Rows);

    /// <summary>The names, in wire-value order: rig files, `--topology` and the fixtures' test cases.</summary>
    public static IReadOnlyList<string> Names { get; } = [.. Rows.Select(r => r.Name)];

    public static TopologyDescriptor Of(Topology topology) =>
        Rows.FirstOrDefault(r => r.Wire == topology)
        ?? throw new ArgumentOutOfRangeException(nameof(topology), topology, $"not a topology ({WireRange})");

    /// <summary>The wire values the table knows, as an error message states them (e.g. "0..2").</summary>
    public static string WireRange => $"{(int)Rows[0].Wire}..{(int)Rows[^1].Wire}";

    /// <summary>Whether a record's topology field names a row; allocates nothing (records are decoded by the million).</summary>
    public static bool IsWireValue(uint value)
    {
        foreach (var row in Rows)
        {
            if ((uint)row.Wire == value)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// The rows a dext implements, by the names its rig file lists (dext.topologies); none listed
    /// means every row (the probe). <paramref name="where"/> names the list in an error.
    /// </summary>
    /// <exception cref="Foundation.InputException">A name is not a row.</exception>
    public static IReadOnlyList<TopologyDescriptor> Implemented(IReadOnlyCollection<string> names, string where)
    {
        ArgumentNullException.ThrowIfNull(names);
        if (names.Count == 0)
        {
            return All;
        }

        var unknown = names.FirstOrDefault(n => !TryParse(n, out _));
        return unknown is null
            ? [.. Rows.Where(r => names.Contains(r.Name))]
            : throw new Foundation.InputException($"{where}: '{unknown}' is not a topology; expected some of {string.Join(", ", Names)}");
    }

    public static bool TryParse(string? name, out TopologyDescriptor descriptor)
    {
        descriptor = Rows.FirstOrDefault(r => string.Equals(r.Name, name, StringComparison.Ordinal))!;
        return descriptor is not null;
    }
}

/// <summary>Where the floor of a topology's primitive is measured.</summary>
public enum FloorPlacement
{
    /// <summary>Interleaved with a paced burst, on its schedule (DESIGN.md §10).</summary>
    BesideBurst,

    /// <summary>Alone, right before the burst: the two would measure each other.</summary>
    AloneBefore,
}

/// <summary>Which Driver1 and Driver2 instances carry a topology.</summary>
public enum DriverPairing
{
    /// <summary>The pair the kernel put in two processes.</summary>
    TwoProcesses,

    /// <summary>The pair whose personalities carry IOUserServerOneProcess, hosted in one process.</summary>
    OneProcess,
}

/// <summary>One row of <see cref="Topologies"/>.</summary>
public sealed class TopologyDescriptor
{
    internal TopologyDescriptor(Topology wire, string name, string floorPrimitive, FloorPlacement floor, DriverPairing pairing, ILinkWiring wiring)
    {
        (Wire, Name, FloorPrimitive, Floor, Pairing, Wiring) = (wire, name, floorPrimitive, floor, pairing, wiring);
    }

    /// <summary>The probe's enum value (PROTOCOL.md §1).</summary>
    public Topology Wire { get; }

    /// <summary>The name in rig files, CLI arguments, labels and results.</summary>
    public string Name { get; }

    /// <summary>The hil-floor primitive (PROTOCOL.md §7) this topology's hops are read against.</summary>
    public string FloorPrimitive { get; }

    /// <summary>Where that floor is measured when the burst is paced (closed loop: always alone).</summary>
    public FloorPlacement Floor { get; }

    public DriverPairing Pairing { get; }

    /// <summary>What <see cref="TopologyLink"/> sets up between the drivers beyond configuring them.</summary>
    internal ILinkWiring Wiring { get; }

    public override string ToString() => Name;
}
