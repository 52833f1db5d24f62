using Hil.Foundation;
using Hil.Power;
using Hil.Rigs;
using Hil.Sim.Relays;
using Microsoft.Extensions.Time.Testing;

namespace Hil.Power.Tests;

internal static class TestRig
{
    public static PowerSwitchSpec Spec(string kind, int channels, string? port = "sim", string? serial = null, string? location = null, string name = "relay1") =>
        new(name, kind, port, serial, location, channels, new SourceLocation("test-rig.yaml", 7, 5));

    /// <summary>Every kind with a serial emulator, at 8 channels: a new board's driver and emulator are tested without a line of their own.</summary>
    public static IEnumerable<TestCaseData> SerialKinds() => RelayEmulators.SerialKinds.Select(kind => new TestCaseData(kind, 8));

    /// <summary>The driver of <paramref name="kind"/> against its emulator in memory, on a fake clock: the path the sim rig takes.</summary>
    public static async Task<SimBoard> OpenSimAsync(string kind, int channels, CancellationToken cancellationToken)
    {
        var opener = new SimRelayOpener();
        var time = new FakeTimeProvider();
        var power = await PowerSwitches.CreateAsync(Spec(kind, channels), opener, time, cancellationToken);
        return new SimBoard(power, opener.Emulators["relay1"], opener.Faults("relay1"), time, PowerKinds.FirstChannel(kind));
    }

    /// <summary>Runs <paramref name="operation"/> while moving fake time on until it finishes: for waits that must time out.</summary>
    public static async Task<Exception?> FailureWhileTimePasses(Func<Task> operation, FakeTimeProvider time, CancellationToken cancellationToken)
    {
        var task = operation();
        while (!task.IsCompleted)
        {
            cancellationToken.ThrowIfCancellationRequested();
            time.Advance(TimeSpan.FromMilliseconds(250));
            await Task.Delay(5, cancellationToken);
        }

        try
        {
            await task;
            return null;
        }
        catch (HilException e)
        {
            return e;
        }
    }

    public static string FakesDir => Path.Combine(TestContext.CurrentContext.TestDirectory, "Fakes");

    public static string Fake(string tool)
    {
        var path = Path.Combine(FakesDir, tool);
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }

        return path;
    }
}

/// <summary>A driver opened on its emulator: the switch, the board behind it, its fault knobs and the fake clock.</summary>
internal sealed record SimBoard(IPowerSwitch Power, IRelayEmulator Emulator, IRelayFaults Faults, FakeTimeProvider Time, int First) : IAsyncDisposable
{
    public ValueTask DisposeAsync() => Power.DisposeAsync();
}
