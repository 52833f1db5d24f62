using System.Collections.Immutable;

namespace Hil.Rigs.Parsing;

/// <summary>Reads the <c>power:</c> section: switches by name, each with a kind, one identity field and a channel count.</summary>
internal static class PowerReader
{
    public const int MaxChannels = 64;

    private static readonly string[] Keys = ["kind", PowerKinds.PortField, PowerKinds.SerialField, PowerKinds.LocationField, "channels"];
    private static readonly string[] IdentityFields = [PowerKinds.PortField, PowerKinds.SerialField, PowerKinds.LocationField];

    public static ImmutableDictionary<string, PowerSwitchSpec> Read(Field power)
    {
        var switches = power.NameMap("a mapping of switch names to switches");
        var result = ImmutableDictionary.CreateBuilder<string, PowerSwitchSpec>(StringComparer.Ordinal);
        foreach (var (key, value) in switches.Entries)
        {
            var name = Scalars.CheckName(key.Value, new Field(key, value.Path));
            result[name] = ReadSwitch(name, value);
        }

        return result.Count > 0
            ? result.ToImmutable()
            : throw power.Error("expected at least one switch, e.g. relay1: { kind: numato, port: sim, channels: 8 }");
    }

    private static PowerSwitchSpec ReadSwitch(string name, Field field)
    {
        var map = field.Map("a switch: a mapping with kind, channels and its identity field", Keys);
        var kind = map.Required("kind", $"one of {string.Join(", ", PowerKinds.All)}")
            .Choice(PowerKinds.All.Select(k => (k, k)).ToList());
        var identity = PowerKinds.IdentityField(kind);
        foreach (var other in IdentityFields.Where(f => f != identity))
        {
            if (map.Optional(other) is { } extra)
            {
                var needs = identity is null ? "it needs no identity field" : $"it is identified by {identity}";
                throw extra.Error($"does not apply to kind {kind}: {needs}");
            }
        }

        var id = identity is null ? null : map.Required(identity, IdentityExpected(identity)).Text(IdentityExpected(identity));
        var channels = map.Required("channels", $"an integer 1..{MaxChannels}").Int(1, MaxChannels);
        return new PowerSwitchSpec(
            name, kind,
            Port: identity == PowerKinds.PortField ? id : null,
            Serial: identity == PowerKinds.SerialField ? id : null,
            Location: identity == PowerKinds.LocationField ? id : null,
            channels, field.Where);
    }

    private static string IdentityExpected(string identity) => identity switch
    {
        PowerKinds.PortField => "the serial device, e.g. /dev/cu.usbserial-1410, or sim for the emulator",
        PowerKinds.SerialField => "the board's serial string, e.g. QAAMZ",
        _ => "the hub location as uhubctl prints it, e.g. 1-1.4",
    };
}
