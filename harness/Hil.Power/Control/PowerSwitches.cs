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
    public static readonly IReadOnlyList<string> Kinds = ["numato", "lcus", "kmtronic", "dcttech", "uhubctl", "ykush", "sim"];

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

        var reply = options.ReplyTimeout;
        if (spec.Kind == "sim")
        {
            // kind: sim is the default sim relay: the Numato text protocol against its emulator in memory.
            spec = spec with { Kind = "numato", Port = "sim" };
        }

        switch (spec.Kind)
        {
            case "numato":
                return new NumatoSwitch(spec, await opener.OpenAsync(spec, NumatoSwitch.Line, cancellationToken).ConfigureAwait(false), time, reply);
            case "kmtronic":
                return new KmtronicSwitch(spec, await opener.OpenAsync(spec, KmtronicSwitch.Line, cancellationToken).ConfigureAwait(false), time, reply);
            case "lcus":
                var stream = await opener.OpenAsync(spec, LcusSwitch.Line, cancellationToken).ConfigureAwait(false);
                return await LcusSwitch.OpenAsync(spec, stream, time, reply, cancellationToken).ConfigureAwait(false);
            case "dcttech":
                var hid = spec.Port == "sim" && opener is IHidBackendSource sim
                    ? sim.HidFor(spec)
                    : options.Hid ?? HidApiBackend.Instance;
                return DcttechSwitch.Open(spec, hid, time, reply);
            case "uhubctl":
                return new UhubctlSwitch(spec, new ToolRunner(options.Uhubctl, time, options.ToolTimeout));
            case "ykush":
                return new YkushSwitch(spec, new ToolRunner(options.Ykushcmd, time, options.ToolTimeout));
            default:
                throw new InputException(
                    $"{spec.Where}: power.{spec.Name}.kind: '{spec.Kind}' is not a switch kind this harness drives; expected one of {string.Join(", ", Kinds)}");
        }
    }
}
