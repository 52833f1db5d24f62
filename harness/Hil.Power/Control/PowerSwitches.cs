using Hil.Foundation;
using Hil.Rigs;

namespace Hil.Power;

/// <summary>Where hub tools live and how long any board may take to answer.</summary>
public sealed record PowerOptions(string Uhubctl = "uhubctl", string Ykushcmd = "ykushcmd")
{
    public TimeSpan ReplyTimeout { get; init; } = TimeSpan.FromSeconds(1);

    public TimeSpan ToolTimeout { get; init; } = TimeSpan.FromSeconds(15);

    /// <summary>How long `cycle` holds a channel off.</summary>
    public TimeSpan CycleOffTime { get; init; } = TimeSpan.FromSeconds(2);

    public IHidBackend? Hid { get; init; }

    public static PowerOptions Default { get; } = new();
}

/// <summary>Builds the driver a rig file's switch names; the same code for hardware and the sim.</summary>
public static class PowerSwitches
{
    /// <summary>The kinds this harness drives: every kind of <see cref="PowerKinds"/>.</summary>
    public static IReadOnlyList<string> Kinds => PowerKinds.Names;

    public static Task<IPowerSwitch> CreateAsync(
        PowerSwitchSpec spec, IByteStreamOpener opener, TimeProvider time, CancellationToken cancellationToken) =>
        CreateAsync(spec, opener, time, PowerOptions.Default, cancellationToken);

    public static async Task<IPowerSwitch> CreateAsync(
        PowerSwitchSpec spec, IByteStreamOpener opener, TimeProvider time, PowerOptions options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(opener);
        ArgumentNullException.ThrowIfNull(options);
        if (spec.Channels < 1)
        {
            throw new InputException($"{spec.Where}: power.{spec.Name}.channels: expected a positive channel count, got {spec.Channels}");
        }

        var kind = PowerKinds.Find(spec.Kind) ?? throw new InputException(
            $"{spec.Where}: power.{spec.Name}.kind: '{spec.Kind}' is not a switch kind this harness drives; expected one of {string.Join(", ", Kinds)}");
        if (kind.RunsAs is { } runs)
        {
            spec = spec with { Kind = runs, Port = "sim" };
        }

        var open = PowerDrivers.ByKind.TryGetValue(spec.Kind, out var driver) ? driver : throw new InputException(
            $"{spec.Where}: power.{spec.Name}.kind: no driver drives kind '{spec.Kind}'; drivers exist for {string.Join(", ", PowerDrivers.ByKind.Keys.Order())}");
        return await open.Open(spec, new DriverContext(opener, time, options), cancellationToken).ConfigureAwait(false);
    }
}
