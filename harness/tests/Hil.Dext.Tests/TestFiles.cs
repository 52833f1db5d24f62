using System.Collections.Immutable;
using Hil.Rigs;

namespace Hil.Dext.Tests;

internal static class TestFiles
{
    public static string Sample(string name) => Path.Combine(AppContext.BaseDirectory, "Samples", name);

    public static string Fixture(string name) => Path.Combine(AppContext.BaseDirectory, "Fixtures", name);

    public static string ReadSample(string name) => File.ReadAllText(Sample(name));

    public static RigSpec Rig(string plistPath, TimeSpan? activate = null)
    {
        var where = new SourceLocation("test.yaml", 1, 1);
        var devices = ImmutableDictionary<string, DeviceSpec>.Empty
            .Add("stimulus-a", new DeviceSpec("stimulus-a", new ChannelRef("relay1", 1), new UsbIdentity(0x1209, 0x0001, "HIL-A"), where))
            .Add("stimulus-b", new DeviceSpec("stimulus-b", new ChannelRef("relay1", 2), new UsbIdentity(0x1209, 0x0002, "HIL-B"), where));
        return new RigSpec(
            "mac-test", RigHost.MacOS, SafeState.AllOff, ImmutableDictionary<string, PowerSwitchSpec>.Empty, devices,
            new DextSpec(plistPath, "com.example.hilprobe", "hil-test-token"),
            new RigTimeouts(TimeSpan.FromSeconds(5), activate ?? TimeSpan.FromSeconds(30)), null, "test.yaml");
    }

    /// <summary>A fake CLI: a shell script that prints captured output chosen by its arguments.</summary>
    public static string FakeCli(string directory, string name, IReadOnlyDictionary<string, string> samplesByArgs)
    {
        Directory.CreateDirectory(directory);
        var path = Path.Combine(directory, name);
        var cases = string.Join("\n", samplesByArgs.Select(kv => $"  \"{kv.Key}\") cat '{Sample(kv.Value)}' ;;"));
        File.WriteAllText(path, $"#!/bin/sh\ncase \"$*\" in\n{cases}\n  *) echo \"unexpected: $*\" >&2; exit 64 ;;\nesac\n");
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }

        return path;
    }
}
