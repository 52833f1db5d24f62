using Hil.Foundation;
using Hil.Rigs;

namespace Hil.Power;

/// <summary>What one `hil power` action did: the channel and the state the board reports (or was last set to).</summary>
public sealed record PowerResult(string Switch, int Channel, bool On, bool ReadBack, string Target);

/// <summary>
/// The logic behind `hil power on|off|cycle|status`, kept out of the CLI so tests drive the
/// exact code the command runs: resolve TARGET in the rig, build the switch's driver, act, read back.
/// </summary>
public static class PowerActions
{
    public static readonly IReadOnlyList<string> Verbs = ["on", "off", "cycle", "status"];

    public static async Task<PowerResult> RunAsync(
        RigSpec rig, string verb, string target, IByteStreamOpener opener, TimeProvider time, PowerOptions options,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(rig);
        var channel = rig.ResolveTarget(target);
        var spec = rig.Power[channel.Switch];
        await using var power = await PowerSwitches.CreateAsync(spec, opener, time, options, cancellationToken).ConfigureAwait(false);
        switch (verb)
        {
            case "on":
                await power.SetAsync(channel.Channel, on: true, cancellationToken).ConfigureAwait(false);
                break;
            case "off":
                await power.SetAsync(channel.Channel, on: false, cancellationToken).ConfigureAwait(false);
                break;
            case "cycle":
                await power.CycleAsync(channel.Channel, options.CycleOffTime, time, cancellationToken).ConfigureAwait(false);
                break;
            case "status":
                break;
            default:
                throw new InputException($"power verb '{verb}': expected one of {string.Join(", ", Verbs)}");
        }

        var on = await power.ReadAsync(channel.Channel, cancellationToken).ConfigureAwait(false);
        return new PowerResult(channel.Switch, channel.Channel, on, power.CanReadBack, target);
    }
}
