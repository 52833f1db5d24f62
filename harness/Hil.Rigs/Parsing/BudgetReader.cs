using System.Collections.Immutable;

namespace Hil.Rigs.Parsing;

/// <summary>
/// Reads <c>budgets:</c>, the latency a topology may take on this rig, per percentile:
/// <code>
/// budgets:
///   app-relay:
///     p99: { limit: 5ms, marginal: 3ms }
/// </code>
/// Over <c>limit</c> fails the qualification suite; between <c>marginal</c> and <c>limit</c> passes
/// marked marginal (OpenHTF's measurement with limits and a marginal band). Topology names are checked
/// against the topologies by the fixture that reads them (Hil.Rigs does not know them).
/// </summary>
internal static class BudgetReader
{
    public static ImmutableArray<LatencyBudget> Read(Field? budgets)
    {
        if (budgets is not { } field)
        {
            return [];
        }

        var topologies = field.NameMap("a mapping of topology names to percentile budgets");
        return [.. topologies.Entries.SelectMany(t => ReadTopology(Scalars.CheckName(t.Key.Value, t.Value), t.Value))];
    }

    private static IEnumerable<LatencyBudget> ReadTopology(string topology, Field field)
    {
        var percentiles = field.Map($"a mapping of percentiles ({string.Join(", ", LatencyBudget.Percentiles)}) to {{ limit, marginal }}",
            [.. LatencyBudget.Percentiles]);
        foreach (var (key, value) in percentiles.Entries)
        {
            var band = value.Map("a mapping { limit: DURATION, marginal: DURATION } (marginal optional)", "limit", "marginal");
            var limit = band.Required("limit", "the latency over which the run fails, a duration like 5ms").Duration(allowZero: false);
            var marginal = band.Optional("marginal") is { } m ? m.Duration(allowZero: false) : (TimeSpan?)null;
            if (marginal >= limit)
            {
                throw band.Required("marginal", "").Error($"must be below limit ({RigDuration.Format(limit)}): the marginal band is the room just under the limit");
            }

            yield return new LatencyBudget(topology, key.Value, limit, marginal, value.Where);
        }
    }
}
