using Hil.Foundation;
using Hil.Power;
using Hil.Rigs;

namespace Hil.Session;

/// <summary>
/// Drives every channel of every opened switch to the rig's safe state. It keeps going past a
/// channel that fails or hangs, because one stuck relay must not leave the others powered, and
/// reports every failure at the end.
/// </summary>
internal static class SafeStateRestorer
{
    public static async Task<IReadOnlyList<RigFaultException>> RestoreAsync(
        RigSpec rig, IReadOnlyDictionary<string, IPowerSwitch> switches, RigSessionOptions options,
        CancellationToken cancellationToken)
    {
        var on = rig.SafeState == SafeState.AllOn;
        var state = on ? "on" : "off";
        var failures = new List<RigFaultException>();
        foreach (var spec in rig.Power.Values.OrderBy(s => s.Name, StringComparer.Ordinal))
        {
            if (!switches.TryGetValue(spec.Name, out var power))
            {
                continue;
            }

            for (var channel = PowerKinds.FirstChannel(spec.Kind); channel <= PowerKinds.LastChannel(spec.Kind, spec.Channels); channel++)
            {
                var target = new ChannelRef(spec.Name, channel);
                try
                {
                    await power.SetAsync(channel, on, cancellationToken)
                        .WithTimeout(options.SafeStateChannelTimeout, $"{target} to switch {state}", FaultKind.RigFault,
                            options.Time, cancellationToken)
                        .ConfigureAwait(false);
                }
                catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
                {
                    failures.Add(new RigFaultException(
                        $"safe state {Name(rig.SafeState)} of rig '{rig.Name}': could not switch {target} ({spec.Kind}) {state}: {ex.Message}",
                        ex));
                }
            }
        }

        return failures;
    }

    public static string Name(SafeState state) => state == SafeState.AllOn ? "all-on" : "all-off";

    public static AggregateException Aggregate(RigSpec rig, IReadOnlyList<RigFaultException> failures) =>
        new($"rig '{rig.Name}' did not reach safe state {Name(rig.SafeState)} on {failures.Count} channel(s)", failures);
}
