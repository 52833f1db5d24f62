using System.Collections.Immutable;

namespace Hil.Rigs.Parsing;

/// <summary>Reads <c>sim:</c>: enumeration timing, the random seed and the faults to inject.</summary>
internal static class SimReader
{
    public static readonly SimSpec Defaults = new(
        TimeSpan.FromMilliseconds(150), TimeSpan.FromMilliseconds(50), [], Seed: 1);

    // The value shapes of the arguments FaultKinds.Arguments lists, checked here so a typo fails at load time.
    private static readonly string[] DurationArgs = ["after", "delay", "duration", "gap"];
    private static readonly string[] FractionArgs = ["rate"];
    private static readonly string[] CountArgs = ["every", "messages", "switches"];

    // What a fault without them could not be applied to, or when.
    private static readonly string[] TargetRequired =
        [FaultKinds.RelayTimeout, FaultKinds.NeverEnumerate, FaultKinds.BoardVanish, FaultKinds.LateEnumerate, FaultKinds.ReplugRace];

    private static readonly string[] DeviceTargets = [FaultKinds.NeverEnumerate, FaultKinds.LateEnumerate, FaultKinds.ReplugRace];

    /// <summary>Null for a real host; the defaults when a sim or macos-twin rig (simulated parts) leaves the section out.</summary>
    public static SimSpec? Read(Field? sim, RigHost host, ImmutableDictionary<string, PowerSwitchSpec> power,
        ImmutableDictionary<string, DeviceSpec> devices)
    {
        if (host == RigHost.MacOS)
        {
            return sim is { } misplaced ? throw misplaced.Error("only allowed with host: sim or macos-twin") : null;
        }

        if (sim is not { } field)
        {
            return Defaults;
        }

        var map = field.Map("a mapping with enumerate_delay, enumerate_jitter, seed and faults",
            "enumerate_delay", "enumerate_jitter", "seed", "faults");
        var faults = map.Optional("faults")?.List("a list of faults, each { kind: ..., target: ... }") ?? [];
        return new SimSpec(
            map.Optional("enumerate_delay")?.Duration(allowZero: true) ?? Defaults.EnumerateDelay,
            map.Optional("enumerate_jitter")?.Duration(allowZero: true) ?? Defaults.EnumerateJitter,
            [.. faults.Select(f => ReadFault(f, power, devices))],
            map.Optional("seed")?.Int(0, int.MaxValue) ?? Defaults.Seed);
    }

    private static FaultSpec ReadFault(Field field, ImmutableDictionary<string, PowerSwitchSpec> power,
        ImmutableDictionary<string, DeviceSpec> devices)
    {
        var map = field.NameMap("a fault: a mapping { kind: ..., target: ..., other arguments }");
        var kind = map.Required("kind", $"one of {string.Join(", ", FaultKinds.All)}")
            .Choice(FaultKinds.All.Select(k => (k, k)).ToList());
        var target = map.Optional("target") is { } t ? CheckTarget(kind, t, power, devices) : null;
        if (target is null && TargetRequired.Contains(kind))
        {
            _ = map.Required("target", TargetExpected(kind));
        }

        if (kind == FaultKinds.LateEnumerate)
        {
            _ = map.Required("delay", "how long after power-on the device arrives, " + RigDuration.Expected);
        }

        var args = ImmutableDictionary.CreateBuilder<string, string>(StringComparer.Ordinal);
        var known = FaultKinds.Arguments[kind];
        foreach (var (key, value) in map.Entries.Where(e => e.Key.Value is not ("kind" or "target")))
        {
            if (!known.Contains(key.Value))
            {
                var expected = known.IsEmpty ? "it takes only kind and target" : $"it takes kind, target and {string.Join(", ", known)}";
                throw value.Error($"'{key.Value}' is not an argument of {kind}: nothing would apply it; {expected}");
            }

            args[key.Value] = CheckArg(key.Value, value);
        }

        if (args.ContainsKey("switches") && map.Optional("after") is { } both)
        {
            throw both.Error($"{kind} takes switches or after, not both: the board vanishes once, at one of them");
        }

        return new FaultSpec(kind, target, args.ToImmutable(), field.Where);
    }

    private static string CheckTarget(string kind, Field field, ImmutableDictionary<string, PowerSwitchSpec> power,
        ImmutableDictionary<string, DeviceSpec> devices)
    {
        var text = field.Text(TargetExpected(kind));
        switch (kind)
        {
            case FaultKinds.FloorToolMissing:
                throw field.Error($"{kind} takes no target: it removes the host's one floor tool, whatever is measured");
            case FaultKinds.RelayTimeout or FaultKinds.BoardVanish when !power.ContainsKey(text):
                if (RigTargets.TryParseChannel(power, text, out _) is { } error)
                {
                    throw field.Error($"expected a switch ({string.Join(", ", power.Keys.Order())}) or SWITCH/CHANNEL: {error}");
                }

                break;
            case var deviceKind when DeviceTargets.Contains(deviceKind) && !devices.ContainsKey(text):
                var known = devices.IsEmpty ? "the rig declares no devices" : $"devices: {string.Join(", ", devices.Keys.Order())}";
                throw field.Error($"names no declared device '{text}'; {known}");
        }

        return text;
    }

    private static string TargetExpected(string kind) => kind switch
    {
        FaultKinds.RelayTimeout => "the switch or SWITCH/CHANNEL whose replies stop",
        FaultKinds.BoardVanish => "the switch or SWITCH/CHANNEL whose board disappears",
        FaultKinds.NeverEnumerate => "the device that never enumerates",
        FaultKinds.LateEnumerate => "the device that enumerates late",
        FaultKinds.ReplugRace => "the device that detaches and attaches again",
        _ => "what the fault applies to (a driver, topology or device name)",
    };

    private static string CheckArg(string name, Field value)
    {
        if (name == "gap" && value.Duration(allowZero: true) >= FaultKinds.ReplugRaceLimit)
        {
            throw value.Error($"expected a gap under {RigDuration.Format(FaultKinds.ReplugRaceLimit)}: a device away longer is an unplug, not a replug race");
        }

        if (DurationArgs.Contains(name))
        {
            _ = value.Duration(allowZero: true);
        }
        else if (FractionArgs.Contains(name))
        {
            _ = value.Fraction();
        }
        else if (CountArgs.Contains(name))
        {
            _ = value.Int(1, int.MaxValue);
        }

        return value.Text("a scalar argument value");
    }
}
