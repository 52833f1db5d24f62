using System.Text.Json;
using Hil.Foundation;
using Hil.Reporting.Classification;
using Hil.Reporting.Model;
using Hil.Reporting.Runtime;

namespace Hil.Reporting.Writing;

/// <summary>
/// A test's result is written as "running" when it starts, so even a SIGKILL leaves a trace of it;
/// but a result left at stage running, without a stop, makes the results directory invalid. Once its
/// writer is known to be gone (the suite's test process ended), such a result is rewritten the way a
/// signal would have written it: interrupted, broken as an infrastructure fault, with a stop.
/// </summary>
public static class StaleResults
{
    /// <summary>Rewrites <paramref name="result"/> as interrupted at <paramref name="stopMs"/>, naming why; the one shape of an interruption.</summary>
    internal static void Interrupt(AllureTestResult result, string reason, long stopMs)
    {
        var outcome = new Outcome(AllureStatus.Broken, FaultKind.InfrastructureFault,
            FailureClassifier.Tagged(FaultKind.InfrastructureFault, $"interrupted: {reason}"), null);
        StepOutcomes.Interrupt(result, stopMs);
        outcome.ApplyTo(result, AllureStage.Interrupted, stopMs);
    }

    /// <summary>
    /// Heals every result in <paramref name="folder"/> still at stage running; call it only when nothing
    /// writes there any more. Returns the healed files. The stop is the file's last write: the last
    /// moment the test is known to have been alive.
    /// </summary>
    public static IReadOnlyList<string> Heal(string folder, string reason)
    {
        ArgumentNullException.ThrowIfNull(folder);
        if (!Directory.Exists(folder))
        {
            return [];
        }

        var healed = new List<string>();
        foreach (var path in Directory.EnumerateFiles(folder, "*-result.json"))
        {
            AllureTestResult? result;
            try
            {
                result = JsonSerializer.Deserialize<AllureTestResult>(File.ReadAllText(path), AllureJson.Options);
            }
            catch (Exception e) when (e is JsonException or IOException)
            {
                continue; // not ours to judge: the report step names files it cannot read
            }

            if (result is null || result.Stage != AllureStage.Running)
            {
                continue;
            }

            var lastWrite = new DateTimeOffset(File.GetLastWriteTimeUtc(path)).ToUnixTimeMilliseconds();
            Interrupt(result, reason, Math.Max(result.Start, lastWrite));
            AtomicFile.WriteAllText(path, AllureJson.Serialize(result));
            healed.Add(path);
        }

        return healed;
    }
}
