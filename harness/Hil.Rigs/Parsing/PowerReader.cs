using System.Collections.Immutable;

namespace Hil.Rigs.Parsing;

/// <summary>Reads the <c>power:</c> section: switches by name, each with a kind, one identity field and a channel count.</summary>
internal static class PowerReader
{
    private static readonly string[] Keys = ["kind", .. PowerKind.IdentityFields, "channels"];

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
        var kind = map.Required("kind", $"one of {string.Join(", ", PowerKinds.Names)}")
            .Choice(PowerKinds.All.Select(k => (k.Name, k)).ToList());
        var identity = kind.IdentityField;
        foreach (var other in PowerKind.IdentityFields.Where(f => f != identity))
        {
            if (map.Optional(other) is { } extra)
            {
                var needs = identity is null ? "it needs no identity field" : $"it is identified by {identity}";
                throw extra.Error($"does not apply to kind {kind.Name}: {needs}");
            }
        }

        var id = identity is null ? null : map.Required(identity, IdentityExpected(kind.Identity)).Text(IdentityExpected(kind.Identity));
        var channels = map.Required("channels", $"an integer 1..{kind.MaxChannels}").Int(1, kind.MaxChannels);
        return new PowerSwitchSpec(
            name, kind.Name,
            Port: kind.Identity == SwitchIdentity.Port ? id : null,
            Serial: kind.Identity == SwitchIdentity.Serial ? id : null,
            Location: kind.Identity == SwitchIdentity.Location ? id : null,
            channels, field.Where);
    }

    private static string IdentityExpected(SwitchIdentity identity) => identity switch
    {
        SwitchIdentity.Port => "the serial device, e.g. /dev/cu.usbserial-1410, or sim for the emulator",
        SwitchIdentity.Serial => "the board's serial string, e.g. QAAMZ",
        _ => "the hub location as uhubctl prints it, e.g. 1-1.4",
    };
}
