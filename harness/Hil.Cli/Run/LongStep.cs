using Spectre.Console;

namespace Hil.Cli.Run;

/// <summary>
/// Shows that a long step (a build, a suite, a burst) is still going: a Spectre status line on a
/// terminal, otherwise a plain line on stderr every <see cref="Interval"/> (CI logs), never on
/// stdout, which may be carrying `--json -`.
/// </summary>
internal static class LongStep
{
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(30);

    public static async Task<T> RunAsync<T>(string what, Func<Task<T>> work, TextWriter? plain = null, TimeProvider? time = null)
    {
        ArgumentNullException.ThrowIfNull(work);
        if (plain is null && IsTerminal)
        {
            return await AnsiConsole.Status().StartAsync(what, _ => work()).ConfigureAwait(false);
        }

        var clock = time ?? TimeProvider.System;
        var output = plain ?? Console.Error;
        var started = clock.GetTimestamp();
        using var timer = clock.CreateTimer(
            _ => output.WriteLine($"hil: still {what} ({Elapsed(clock.GetElapsedTime(started))})"), null, Interval, Interval);
        return await work().ConfigureAwait(false);
    }

    public static string Elapsed(TimeSpan elapsed) =>
        elapsed.TotalMinutes >= 1 ? $"{(int)elapsed.TotalMinutes} min {elapsed.Seconds} s" : $"{elapsed.Seconds} s";

    private static bool IsTerminal =>
        !Console.IsOutputRedirected && !Console.IsErrorRedirected && AnsiConsole.Profile.Capabilities.Interactive;
}
