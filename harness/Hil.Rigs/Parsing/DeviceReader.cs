using System.Collections.Immutable;

namespace Hil.Rigs.Parsing;

/// <summary>Reads <c>devices:</c>: what is plugged into which switch channel and how it shows up on USB.</summary>
internal static class DeviceReader
{
    public static ImmutableDictionary<string, DeviceSpec> Read(Field? devices, IReadOnlyDictionary<string, PowerSwitchSpec> power)
    {
        var result = ImmutableDictionary.CreateBuilder<string, DeviceSpec>(StringComparer.Ordinal);
        if (devices is not { } field)
        {
            return result.ToImmutable();
        }

        var byChannel = new Dictionary<ChannelRef, string>();
        var byUsb = new Dictionary<UsbIdentity, string>();
        foreach (var (key, value) in field.NameMap("a mapping of device names to devices").Entries)
        {
            var name = Scalars.CheckName(key.Value, new Field(key, value.Path));
            var device = ReadDevice(name, value, power);
            if (byChannel.TryGetValue(device.Power, out var other))
            {
                throw value.Error($"channel {device.Power} already powers device {other}; each channel powers one device");
            }

            if (byUsb.TryGetValue(device.Usb, out var twin))
            {
                throw value.Error($"USB identity {device.Usb} is the same as device {twin}'s; the watcher could not tell them apart");
            }

            byChannel[device.Power] = name;
            byUsb[device.Usb] = name;
            result[name] = device;
        }

        return result.ToImmutable();
    }

    private static DeviceSpec ReadDevice(string name, Field field, IReadOnlyDictionary<string, PowerSwitchSpec> power)
    {
        var map = field.Map("a device: a mapping with power and usb", "power", "usb");
        var powerField = map.Required("power", "SWITCH/CHANNEL like relay1/1");
        var text = powerField.Text("SWITCH/CHANNEL like relay1/1");
        if (RigTargets.TryParseChannel(power, text, out var channel) is { } error)
        {
            throw powerField.Error(error);
        }

        var usb = map.Required("usb", "a mapping { vid: 0x1209, pid: 0x0001, serial: HIL-A }")
            .Map("a mapping { vid: 0x1209, pid: 0x0001, serial: HIL-A }", "vid", "pid", "serial");
        var identity = new UsbIdentity(
            usb.Required("vid", "a hex integer like 0x1209").Hex16(),
            usb.Required("pid", "a hex integer like 0x0001").Hex16(),
            usb.Optional("serial")?.Text("the device's USB serial string"));
        return new DeviceSpec(name, channel!, identity, field.Where);
    }
}
