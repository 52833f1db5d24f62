using System.Globalization;
using Hil.Foundation;

namespace Hil.Rigs;

/// <summary>
/// Resolves what a user or a fixture names as a TARGET — a device name (<c>stimulus-a</c>) or a
/// switch channel (<c>relay1/3</c>) — to the channel that powers it.
/// </summary>
public static class RigTargets
{
    /// <exception cref="InputException">The target names no device and no declared channel; the message lists what exists.</exception>
    public static ChannelRef ResolveTarget(this RigSpec rig, string target)
    {
        ArgumentNullException.ThrowIfNull(rig);
        ArgumentNullException.ThrowIfNull(target);
        if (target.Contains('/', StringComparison.Ordinal))
        {
            return TryParseChannel(rig.Power, target, out var channel) is { } error
                ? throw new InputException($"target '{target}' in rig '{rig.Name}' ({rig.SourcePath}): {error}")
                : channel!;
        }

        if (rig.Devices.TryGetValue(target, out var device))
        {
            return device.Power;
        }

        var devices = rig.Devices.IsEmpty ? "the rig declares no devices" : $"devices: {string.Join(", ", rig.Devices.Keys.Order())}";
        throw new InputException(
            $"target '{target}' in rig '{rig.Name}' ({rig.SourcePath}): expected a device name or SWITCH/CHANNEL like "
            + $"{Example(rig.Power)}; {devices}");
    }

    /// <summary>Parses <c>SWITCH/CHANNEL</c> against declared switches; returns the error text, or null on success.</summary>
    internal static string? TryParseChannel(IReadOnlyDictionary<string, PowerSwitchSpec> power, string text, out ChannelRef? channel)
    {
        channel = null;
        var slash = text.IndexOf('/', StringComparison.Ordinal);
        if (slash <= 0 || slash == text.Length - 1)
        {
            return $"expected SWITCH/CHANNEL like {Example(power)}, got '{text}'";
        }

        var name = text[..slash];
        if (!power.TryGetValue(name, out var spec))
        {
            return $"names no declared switch '{name}'; declared switches: {string.Join(", ", power.Keys.Order())}";
        }

        if (!int.TryParse(text.AsSpan(slash + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var number)
            || number < PowerKinds.FirstChannel(spec.Kind) || number > PowerKinds.LastChannel(spec.Kind, spec.Channels))
        {
            return $"expected a channel {PowerKinds.FirstChannel(spec.Kind)}..{PowerKinds.LastChannel(spec.Kind, spec.Channels)} (as the {spec.Kind} board numbers them) of switch {name}, got '{text[(slash + 1)..]}'";
        }

        channel = new ChannelRef(name, number);
        return null;
    }

    private static string Example(IReadOnlyDictionary<string, PowerSwitchSpec> power) =>
        power.Count == 0 ? "relay1/1" : $"{power.Keys.Order().First()}/1";
}
