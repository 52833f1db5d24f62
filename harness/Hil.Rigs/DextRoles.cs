using System.Collections.Immutable;

namespace Hil.Rigs;

/// <summary>
/// What the harness must know of a dext that is not the probe (rigs/README.md, "dext"): which
/// IOKitPersonalities create its Driver1 and Driver2 (empty: each personality's HILRole key, as
/// the probe's plist has), its user-client classes, where its user clients' kit selectors start
/// (dext/kit/method_table.h's <c>SelectorRange</c>) and which topologies it implements (empty:
/// all). <see cref="Where"/> is the <c>dext:</c> section's place, for errors found after parsing
/// (a personality the plist lacks, a topology the harness does not know).
/// </summary>
public sealed record DextRoles(
    ImmutableArray<string> Driver1,
    ImmutableArray<string> Driver2,
    ImmutableArray<string> UserClients,
    uint SelectorBase,
    ImmutableArray<string> Topologies,
    SourceLocation? Where)
{
    /// <summary>The probe: roles from HILRole, selectors from 0, every topology.</summary>
    public static DextRoles Probe { get; } = new([], [], [], 0, [], null);

    /// <summary>Where <c>user_clients</c> is written, so a class the plist lacks is an error at its own line; null when absent.</summary>
    public SourceLocation? UserClientsWhere { get; init; }

    /// <summary>True when the rig names the user-client classes the harness opens; false when any the dext carries will do (the probe).</summary>
    public bool NamesUserClients => !UserClients.IsEmpty;

    /// <summary>True when the rig names the roles; false when the plist's HILRole keys decide.</summary>
    public bool NamesRoles => !Driver1.IsEmpty || !Driver2.IsEmpty;

    /// <summary>The role the rig gives <paramref name="personality"/>: 1, 2, or null when it names neither.</summary>
    public int? RoleOf(string personality) =>
        Driver1.Contains(personality, StringComparer.Ordinal) ? 1
        : Driver2.Contains(personality, StringComparer.Ordinal) ? 2
        : null;

    /// <summary>Whether the dext implements <paramref name="topology"/> (a topology name); all do when none are listed.</summary>
    public bool Implements(string topology) => Topologies.IsEmpty || Topologies.Contains(topology, StringComparer.Ordinal);
}
