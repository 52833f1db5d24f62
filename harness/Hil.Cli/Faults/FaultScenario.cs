using System.Collections.Immutable;
using Hil.Rigs;

namespace Hil.Cli.Faults;

/// <summary>
/// One fault kind as `hil faults` injects it: the rig file's fault entry (the sim applies it through
/// <c>Hil.Sim/SimFaultPlan.cs</c>, as for any rig file) and the outcome the harness must give it.
/// </summary>
/// <param name="Kind">A kind of <see cref="FaultKinds.All"/>.</param>
/// <param name="Fault">The fault entry added to the rig's <c>sim.faults</c> for the trial.</param>
/// <param name="Expected">The class the run must end in: a fault tag (<c>rig-fault</c>, <c>product-defect</c>, …) or <see cref="Measured"/>.</param>
/// <param name="ExpectedExit">The exit code `hil latency` gives that outcome.</param>
internal sealed record FaultScenario(string Kind, FaultSpec Fault, string Expected, int ExpectedExit)
{
    /// <summary>The trial measures the floor as `hil latency` does by default; the others skip it to stay short.</summary>
    public bool MeasuresFloor { get; init; }

    /// <summary>The run measured, and its measurement file names the fault it ran under.</summary>
    public const string Measured = "measured";

    /// <summary>The rig of the trial: <paramref name="rig"/> with this one fault and no other.</summary>
    public RigSpec Apply(RigSpec rig)
    {
        ArgumentNullException.ThrowIfNull(rig);
        var sim = rig.Sim ?? throw new Foundation.InputException(
            $"{rig.SourcePath}: hil faults injects through the sim, and rig '{rig.Name}' is host: {rig.Host.ToString().ToLowerInvariant()}; expected a sim rig (e.g. rigs/sim.yaml)");
        return rig with { Sim = sim with { Faults = [Fault] } };
    }

    public static FaultSpec Entry(RigSpec rig, string kind, string? target, params (string Key, string Value)[] args) =>
        new(kind, target, args.ToImmutableDictionary(a => a.Key, a => a.Value, StringComparer.Ordinal),
            new SourceLocation($"{rig.SourcePath} (hil faults: {kind})", 0, 0));
}
