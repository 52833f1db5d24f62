using Hil.Foundation;
using Hil.Power;
using Hil.Rigs;
using Microsoft.Extensions.Time.Testing;

namespace Hil.Power.Tests;

internal static class TestRig
{
    public static PowerSwitchSpec Spec(string kind, int channels, string? port = "sim", string? serial = null, string? location = null, string name = "relay1") =>
        new(name, kind, port, serial, location, channels, new SourceLocation("test-rig.yaml", 7, 5));

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
