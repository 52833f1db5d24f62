using System.Collections.Immutable;
using Hil.Rigs;

namespace Hil.Sim.Tests;

internal static class SimRigs
{
    public static readonly ChannelRef ChannelA = new("relay1", 1);
    public static readonly ChannelRef ChannelB = new("relay1", 2);
    public static readonly UsbIdentity UsbA = new(0x1209, 0x0001, "HIL-A");
    public static readonly UsbIdentity UsbB = new(0x1209, 0x0002, "HIL-B");

    public static string FixturePlist => Path.Combine(AppContext.BaseDirectory, "Fixtures", "hilprobe-Info.plist");

    public static RigSpec Rig(
        string? plist = null, TimeSpan? delay = null, TimeSpan? jitter = null, int seed = 7,
        IEnumerable<FaultSpec>? faults = null, TimeSpan? activate = null)
    {
        var where = new SourceLocation("sim-test.yaml", 1, 1);
        var devices = ImmutableDictionary<string, DeviceSpec>.Empty
            .Add("stimulus-a", new DeviceSpec("stimulus-a", ChannelA, UsbA, where))
            .Add("stimulus-b", new DeviceSpec("stimulus-b", ChannelB, UsbB, where));
        var power = ImmutableDictionary<string, PowerSwitchSpec>.Empty
            .Add("relay1", new PowerSwitchSpec("relay1", "sim", "sim", null, null, 8, where));
        var sim = new SimSpec(
            delay ?? TimeSpan.FromMilliseconds(150), jitter ?? TimeSpan.FromMilliseconds(50),
            (faults ?? []).ToImmutableArray(), seed);
        return new RigSpec(
            "sim-test", RigHost.Sim, SafeState.AllOff, power, devices,
            new DextSpec(plist ?? FixturePlist, "com.example.hilprobe", "hil-sim-test-token"),
            new RigTimeouts(TimeSpan.FromSeconds(5), activate ?? TimeSpan.FromSeconds(10)), sim, "sim-test.yaml");
    }

    public static FaultSpec Fault(string kind, string? target, params (string Key, string Value)[] args) =>
        new(kind, target, args.ToImmutableDictionary(a => a.Key, a => a.Value, StringComparer.Ordinal), new SourceLocation("sim-test.yaml", 12, 5));
}
