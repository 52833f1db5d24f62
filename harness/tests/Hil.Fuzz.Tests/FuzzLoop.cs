using System.Diagnostics;
using System.Text;
using Hil.Foundation;

namespace Hil.Fuzz.Tests;

/// <summary>What a fuzz run found: the inputs tried, and the first input that crashed or overran its budget.</summary>
internal sealed record FuzzOutcome(long Inputs, TimeSpan Elapsed, string? Failure, byte[]? FailingInput);

/// <summary>
/// Feeds mutated seeds to one parser. The documented outcome of bad input is an
/// <see cref="InputException"/>; any other exception is a crash. The loop runs on its own thread
/// and a watchdog checks each input against a per-input budget, so a hang is reported with the
/// input that caused it instead of stalling the test.
/// </summary>
internal static class FuzzLoop
{
    public static FuzzOutcome Run(FuzzTarget target, int seed, long inputs, TimeSpan perInputBudget, CancellationToken token)
    {
        var random = new Random(seed);
        var mutator = new Mutator(random, FuzzTargets.Dictionary);
        var started = Stopwatch.GetTimestamp();
        var current = Array.Empty<byte>();
        var inputStarted = Stopwatch.GetTimestamp();
        long done = 0;
        string? failure = null;
        byte[]? failing = null;
        var worker = new Thread(() =>
        {
            for (; done < inputs && failure is null && !token.IsCancellationRequested; Interlocked.Increment(ref done))
            {
                var seedInput = target.Seeds[random.Next(target.Seeds.Count)];
                var input = done % 16 == 0 ? RandomBytes(random) : mutator.Mutate(seedInput, target.Seeds[random.Next(target.Seeds.Count)]);
                Volatile.Write(ref current, input);
                Interlocked.Exchange(ref inputStarted, Stopwatch.GetTimestamp());
                if (Crash(target, input) is { } crash)
                {
                    failing = input;
                    failure = crash;
                }
            }
        }, maxStackSize: 1 << 20) { IsBackground = true, Name = $"fuzz {target.Name}" };
        worker.Start();
        while (!worker.Join(TimeSpan.FromMilliseconds(200)))
        {
            if (Stopwatch.GetElapsedTime(Interlocked.Read(ref inputStarted)) is var spent && spent > perInputBudget)
            {
                // The worker is left running (a thread cannot be stopped); it is a background thread and dies with the test host.
                return new(Interlocked.Read(ref done), Stopwatch.GetElapsedTime(started),
                    $"{target.Name}: input {Interlocked.Read(ref done)} still parsing after {spent.TotalSeconds:F1} s (budget {perInputBudget.TotalSeconds} s)",
                    Volatile.Read(ref current));
            }
        }

        return new(done, Stopwatch.GetElapsedTime(started), failure, failing);
    }

    private static string? Crash(FuzzTarget target, byte[] input)
    {
        try
        {
            target.Parse(Encoding.UTF8.GetString(input));
            return null;
        }
        catch (InputException)
        {
            return null;
        }
        catch (Exception e)
        {
            return $"{target.Name}: {e.GetType().FullName}: {e.Message}\n{e.StackTrace}";
        }
    }

    private static byte[] RandomBytes(Random random)
    {
        var bytes = new byte[random.Next(512)];
        random.NextBytes(bytes);
        return bytes;
    }
}
