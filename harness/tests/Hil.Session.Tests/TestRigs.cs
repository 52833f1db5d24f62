using Hil.Rigs;

namespace Hil.Session.Tests;

/// <summary>Rigs and per-test lock directories for the session tests.</summary>
internal static class TestRigs
{
    public static RigSpec Full(string safeState = "all-off") => RigFile.Parse(
        "rig: unit-rig\n"
        + $"safe_state: {safeState}\n"
        + "power:\n"
        + "  relay1: { kind: lcus, port: sim, channels: 4 }\n"
        + "  relay2: { kind: lcus, port: sim, channels: 2 }\n"
        + "devices:\n"
        + "  stim: { power: relay1/3, usb: { vid: 0x1209, pid: 0x0001 } }\n"
        + "dext: { plist: Info.plist, bundle_id: com.example.hilprobe }\n",
        "/rigs/unit-rig.yaml");

    public static RigSpec PowerOnly() =>
        RigFile.Parse("rig: unit-power\npower:\n  relay1: { kind: lcus, port: sim, channels: 2 }\n", "/rigs/unit-power.yaml");

    public static TempDir NewDir() => new(Directory.CreateTempSubdirectory("hil-session-").FullName);

    public static RigSessionOptions Options(TempDir locks, List<string>? log = null) => new()
    {
        LockDirectory = locks.Path,
        LockTimeout = TimeSpan.Zero,
        HookProcessExit = false,
        Log = message =>
        {
            lock (log ?? [])
            {
                log?.Add(message);
            }
        },
    };
}

internal sealed class TempDir(string path) : IDisposable
{
    public string Path { get; } = path;

    public string File(string name) => System.IO.Path.Combine(Path, name);

    public void Dispose() => Directory.Delete(Path, recursive: true);
}
